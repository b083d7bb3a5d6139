package org.nrm.app.api;

import java.util.List;
import org.nrm.app.letters.DecisionLetters;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseHistory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's decisions and their letters. An agency not involved in the case is answered 404 (the case's existence
 * does not leak); an involved agency other than the competent authority may list the decisions; only the competent
 * authority issues a letter (403 to every other role, whatever the case, so the refusal tells nothing of the case).
 */
@RestController
@RequestMapping("/api/cases/{caseId}/decisions")
class DecisionLetterController {

    private final DecisionLetters letters;
    private final Access access;
    private final CaseHistory history;

    DecisionLetterController(DecisionLetters letters, Access access, CaseHistory history) {
        this.letters = letters;
        this.access = access;
        this.history = history;
    }

    @GetMapping
    List<DecisionLetters.Decision> decisions(@PathVariable String caseId) {
        requireInvolved(NrmUser.current(), caseId);
        return letters.decisions(caseId);
    }

    /** Issues the decision's letter (recorded as {@code DecisionLetterIssued}) and answers it as a PDF. */
    @GetMapping(value = "/{decisionId}/letter", produces = {MediaType.APPLICATION_PDF_VALUE,
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<byte[]> letter(@PathVariable String caseId, @PathVariable String decisionId) {
        NrmUser user = NrmUser.current();
        if (!access.isCompetentAuthority(user)) {
            throw new AccessDeniedException("Decision letters are issued by the competent authority.");
        }
        requireInvolved(user, caseId);
        long id;
        try {
            id = Long.parseLong(decisionId);
        } catch (NumberFormatException e) {
            throw new NotFound("No decision " + decisionId + " on case " + caseId + ".");
        }
        DecisionLetters.Letter letter = letters.issue(caseId, id, user)
                .orElseThrow(() -> new NotFound("No decision " + decisionId + " on case " + caseId + "."));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(letter.fileName()).build().toString())
                .header(HttpHeaders.CONTENT_LANGUAGE, letter.language())
                .body(letter.pdf());
    }

    private void requireInvolved(NrmUser user, String caseId) {
        if (!access.mayActOn(user, caseId) || !history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
    }
}
