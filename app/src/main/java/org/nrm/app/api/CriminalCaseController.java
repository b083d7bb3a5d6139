package org.nrm.app.api;

import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nrm.app.cases.CaseRecords;
import org.nrm.app.cases.CriminalCaseRequests;
import org.nrm.app.cases.CriminalCaseSteps;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.protection.PersonalDataReads;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.projections.consent.CaseConsents;
import org.nrm.projections.prosecution.CriminalCases;
import org.nrm.referral.api.AgencyRole;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The criminal case on a person's case and the journey (issue 17). Who may call each is decided before the body is
 * read (SecurityConfiguration with CaseStepAccess). The investigation and the journey are recorded by an agency
 * involved in the case; the cooperation, the protection and the outcome also by the agencies the investigation names
 * (investigating, prosecuting), which see the criminal case without becoming involved in the person's case: they read
 * its non-personal facts and, only while the person's consent to share data with them is in force, the person's name,
 * never the narrative or any other free text. Any other case is 404.
 */
@RestController
@RequestMapping("/api/cases/{caseId}")
class CriminalCaseController {

    private final CriminalCaseSteps steps;
    private final CriminalCases criminalCases;
    private final Access access;
    private final CaseHistory history;
    private final CaseConsents consents;
    private final PersonalDataReads reads;
    private final JurisdictionProperties jurisdiction;
    private final java.time.Clock clock;

    CriminalCaseController(CriminalCaseSteps steps, CriminalCases criminalCases, Access access, CaseHistory history,
                           CaseConsents consents, PersonalDataReads reads, JurisdictionProperties jurisdiction,
                           java.time.Clock clock) {
        this.steps = steps;
        this.criminalCases = criminalCases;
        this.access = access;
        this.history = history;
        this.consents = consents;
        this.reads = reads;
        this.jurisdiction = jurisdiction;
        this.clock = clock;
    }

    @PostMapping("/investigation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void openInvestigation(@PathVariable String caseId, @Valid @RequestBody CriminalCaseRequests.Investigation body) {
        NrmUser user = involvedIn(caseId);
        notInFuture("openedOn", body.openedOn());
        if (body.prosecutingAgency() != null && !body.prosecutingAgency().isBlank()
                && !jurisdiction.agencyPlays(body.prosecutingAgency().strip(), AgencyRole.PROSECUTION)) {
            throw new InvalidParameter("prosecutingAgency",
                    "'prosecutingAgency' must name a prosecution agency of the jurisdiction.");
        }
        steps.openInvestigation(caseId, body, user);
    }

    @PostMapping("/cooperation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void recordCooperation(@PathVariable String caseId, @Valid @RequestBody CriminalCaseRequests.Cooperation body) {
        steps.recordCooperation(caseId, body, onCriminalCase(caseId));
    }

    @PostMapping("/witness-protection")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void recordWitnessProtection(@PathVariable String caseId,
                                 @Valid @RequestBody CriminalCaseRequests.WitnessProtection body) {
        steps.recordWitnessProtection(caseId, body, onCriminalCase(caseId));
    }

    @PostMapping("/prosecution-outcome")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void recordProsecutionOutcome(@PathVariable String caseId,
                                  @Valid @RequestBody CriminalCaseRequests.ProsecutionOutcome body) {
        NrmUser user = onCriminalCase(caseId);
        notInFuture("decidedOn", body.decidedOn());
        if (body.compensationOrdered() != null && body.currency() == null) {
            throw new InvalidParameter("currency", "'currency' (ISO 4217) must be given with 'compensationOrdered'.");
        }
        steps.recordProsecutionOutcome(caseId, body, user);
    }

    @PostMapping("/journey")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void recordJourney(@PathVariable String caseId, @Valid @RequestBody CriminalCaseRequests.Journey body) {
        NrmUser user = involvedIn(caseId);
        for (int i = 0; i < body.legs().size(); i++) {
            var leg = body.legs().get(i);
            notInFuture("legs[" + i + "].arrivedOn", leg.arrivedOn());
            notInFuture("legs[" + i + "].leftOn", leg.leftOn());
            if (leg.arrivedOn() != null && leg.leftOn() != null && leg.leftOn().isBefore(leg.arrivedOn())) {
                throw new InvalidParameter("legs[" + i + "].leftOn", "'leftOn' must not be before 'arrivedOn'.");
            }
        }
        steps.recordJourney(caseId, body, user);
    }

    /**
     * The criminal case's facts: the case's codes (stage, nationality, exploitation types, control and recruitment
     * methods, documents), the journey's stages and countries, and the investigation, cooperation, protection and
     * outcome; the person's name only with their consent to share data with the caller's agency.
     */
    @GetMapping("/criminal-case")
    Map<String, Object> criminalCase(@PathVariable String caseId) {
        NrmUser user = onCriminalCase(caseId);
        Map<String, Object> out = new LinkedHashMap<>(criminalCases.facts(caseId).orElseGet(() -> {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("caseId", caseId);
            return none;
        }));
        out.put("journey", criminalCases.journey(caseId));
        out.put("criminalCase", criminalCases.of(caseId).orElse(null));
        if (consents.sharesWith(caseId, user.agency())) {
            reads.record(caseId, user, "criminal case");
            out.put("personName", CaseRecords.personName(history.of(caseId)));
            out.put("personalData", "SHARED");
        } else {
            out.put("personalData", "WITHHELD");
        }
        return out;
    }

    /** An agency involved in the person's case (it referred it, holds a task, ...), or 404. */
    private NrmUser involvedIn(String caseId) {
        NrmUser user = NrmUser.current();
        if (!access.mayActOn(user, caseId) || !history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
        return user;
    }

    /** An agency involved in the case, or one the investigation names, or 404. */
    private NrmUser onCriminalCase(String caseId) {
        NrmUser user = NrmUser.current();
        if (!(access.mayActOn(user, caseId) || criminalCases.involves(caseId, user.agency()))
                || !history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
        return user;
    }

    private void notInFuture(String field, LocalDate date) {
        if (date != null && date.isAfter(LocalDate.now(clock.withZone(jurisdiction.zone())))) {
            throw new InvalidParameter(field, "'" + field + "' must not lie in the future.");
        }
    }
}
