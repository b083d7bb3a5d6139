package org.nrm.app.api;

import jakarta.validation.Valid;
import org.nrm.app.cases.CaseStepRequests;
import org.nrm.app.cases.CaseSteps;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseHistory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Steps on a case that are no task of a queue: identification, border-crossing documents, guardian replacement,
 * disqualification, the early end of move-on support, reopening, and permit renewal and revocation. Who may call each
 * is decided before the body is read (SecurityConfiguration with CaseStepAccess); a case the caller's agency is not
 * involved in is 404.
 */
@RestController
@RequestMapping("/api/cases/{caseId}")
class CaseStepsController {

    private final CaseSteps steps;
    private final Access access;
    private final CaseHistory history;

    CaseStepsController(CaseSteps steps, Access access, CaseHistory history) {
        this.steps = steps;
        this.access = access;
        this.history = history;
    }

    @PostMapping("/identification")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void updateIdentification(@PathVariable String caseId, @Valid @RequestBody CaseStepRequests.Identification body) {
        steps.updateIdentification(caseId, body, actingOn(caseId));
    }

    @PostMapping("/travel-documents")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void recordTravelDocuments(@PathVariable String caseId, @Valid @RequestBody CaseStepRequests.TravelDocuments body) {
        steps.recordTravelDocuments(caseId, body, actingOn(caseId));
    }

    @PostMapping("/guardian/replacement")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replaceGuardian(@PathVariable String caseId, @Valid @RequestBody CaseStepRequests.GuardianReplacement body) {
        steps.replaceGuardian(caseId, body, actingOn(caseId));
    }

    @PostMapping("/disqualification")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disqualify(@PathVariable String caseId, @Valid @RequestBody CaseStepRequests.Disqualification body) {
        steps.disqualify(caseId, body, actingOn(caseId));
    }

    @PostMapping("/move-on-support/end")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void endMoveOnSupport(@PathVariable String caseId, @Valid @RequestBody CaseStepRequests.MoveOnSupportEnd body) {
        steps.endMoveOnSupport(caseId, body, actingOn(caseId));
    }

    @PostMapping("/reopening")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reopen(@PathVariable String caseId, @Valid @RequestBody CaseStepRequests.Reopening body) {
        steps.reopen(caseId, body, actingOn(caseId));
    }

    @PostMapping("/residence-permit/renewal")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void renewResidencePermit(@PathVariable String caseId, @Valid @RequestBody CaseStepRequests.PermitRenewal body) {
        steps.renewResidencePermit(caseId, body, actingOn(caseId));
    }

    @PostMapping("/residence-permit/revocation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeResidencePermit(@PathVariable String caseId,
                               @Valid @RequestBody CaseStepRequests.PermitRevocation body) {
        steps.revokeResidencePermit(caseId, body, actingOn(caseId));
    }

    private NrmUser actingOn(String caseId) {
        NrmUser user = NrmUser.current();
        if (!access.mayActOn(user, caseId) || !history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
        return user;
    }
}
