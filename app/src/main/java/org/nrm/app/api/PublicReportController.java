package org.nrm.app.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.nrm.app.referral.ReferralReceipt;
import org.nrm.app.referral.ReferralRequest;
import org.nrm.app.referral.ScreeningCodes;
import org.nrm.app.reports.PublicReportRequest;
import org.nrm.app.reports.PublicReports;
import org.nrm.app.security.NrmUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports from the public (public contract): anyone may report, without signing in, and gets a receipt and nothing
 * else; the triage agency lists, dismisses and refers them. The screening aid's indicator lists are read here too.
 */
@RestController
class PublicReportController {

    private final PublicReports reports;
    private final ScreeningCodes screening;

    PublicReportController(PublicReports reports, ScreeningCodes screening) {
        this.reports = reports;
        this.screening = screening;
    }

    record Receipt(String receipt) {
    }

    record Dismissal(@NotBlank @Size(max = 5_000) String reason) {
    }

    @PostMapping("/api/reports")
    @ResponseStatus(HttpStatus.CREATED)
    Receipt report(@Valid @RequestBody PublicReportRequest request) {
        return new Receipt(reports.receive(request, signedIn()));
    }

    @GetMapping("/api/reports")
    List<PublicReports.ListedReport> list(@RequestParam(name = "all", defaultValue = "false") boolean all) {
        return reports.list(all);
    }

    /** One report with what was seen, where, and the contact (personal data: the read is recorded). */
    @GetMapping("/api/reports/{reportId}")
    PublicReports.ReportDetails report(@PathVariable String reportId) {
        return reports.details(reportId, NrmUser.current());
    }

    @PostMapping("/api/reports/{reportId}/dismissal")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void dismiss(@PathVariable String reportId, @Valid @RequestBody Dismissal body) {
        reports.dismiss(reportId, body.reason(), NrmUser.current());
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED) // documented as 201 (the answer is built below)
    @PostMapping("/api/reports/{reportId}/referral")
    ResponseEntity<ReferralReceipt> refer(@PathVariable String reportId, @Valid @RequestBody ReferralRequest request) {
        ReferralReceipt receipt = reports.refer(reportId, request, NrmUser.current());
        return ResponseEntity.created(URI.create("/api/cases/" + receipt.caseId())).body(receipt);
    }

    /** The screening aid's indicator lists (nrm.jurisdiction.screening.*), for forms and clients. */
    @GetMapping("/api/screening/indicators")
    Map<String, List<String>> indicators() {
        var lists = screening.lists();
        return Map.of("acts", lists.acts(), "means", lists.means(), "purposes", lists.purposes(),
                "smuggling", lists.smuggling());
    }

    /** The signed-in operator (a hotline case worker), or null for a member of the public. */
    private static NrmUser signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        try {
            return NrmUser.from(authentication);
        } catch (RuntimeException incomplete) {
            return null;
        }
    }
}
