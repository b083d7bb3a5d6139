package org.nrm.app.api;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import org.nrm.app.cases.ConsentRequests;
import org.nrm.app.cases.ConsentSteps;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.referral.api.ConsentScope;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consent as a record: {@code POST /api/cases/{id}/consents} (the person consents to scopes; data sharing names the
 * agencies) and {@code POST /api/cases/{id}/consents/{scope}/withdrawal}. Who may call them is decided before the body is
 * read (SecurityConfiguration, CaseStepAccess#mayTakeConsent); a case the caller's agency is not involved in is 404.
 * The referral's {@code consent} boolean and {@code POST /consent} keep their meaning (consent to the referral).
 */
@RestController
@RequestMapping("/api/cases/{caseId}/consents")
class ConsentController {

    private final ConsentSteps consents;
    private final Access access;
    private final CaseHistory history;
    private final JurisdictionProperties jurisdiction;

    ConsentController(ConsentSteps consents, Access access, CaseHistory history, JurisdictionProperties jurisdiction) {
        this.consents = consents;
        this.access = access;
        this.history = history;
        this.jurisdiction = jurisdiction;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void give(@PathVariable String caseId, @Valid @RequestBody ConsentRequests.Consent body) {
        NrmUser user = actingOn(caseId);
        knownAgencies(body.agencies());
        consents.give(caseId, body, user);
    }

    @PostMapping("/{scope}/withdrawal")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable String caseId, @PathVariable String scope,
                  @Valid @RequestBody(required = false) ConsentRequests.Withdrawal body) {
        ConsentScope parsed = scope(scope);
        NrmUser user = actingOn(caseId);
        if (body != null) {
            InvalidParameter.text("reason", body.reason(), 2_000);
            knownAgencies(body.agencies());
        }
        consents.withdraw(caseId, parsed, body, user);
    }

    /** {@code REFERRAL}, {@code DATA_SHARING}, {@code HANDOVER_ABROAD}, also written {@code data-sharing}. */
    private static ConsentScope scope(String text) {
        try {
            return ConsentScope.valueOf(text.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("scope", "'scope' must be one of REFERRAL, DATA_SHARING, HANDOVER_ABROAD.");
        }
    }

    private void knownAgencies(List<String> agencies) {
        if (agencies == null) {
            return;
        }
        for (int i = 0; i < agencies.size(); i++) {
            if (!jurisdiction.agencies().containsKey(agencies.get(i))) {
                throw new InvalidParameter("agencies[" + i + "]",
                        "'agencies[" + i + "]' must be an agency of the jurisdiction.");
            }
        }
    }

    private NrmUser actingOn(String caseId) {
        NrmUser user = NrmUser.current();
        if (!access.mayActOn(user, caseId) || !history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
        return user;
    }
}
