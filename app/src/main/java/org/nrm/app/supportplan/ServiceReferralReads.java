package org.nrm.app.supportplan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nrm.app.protection.PersonalDataReads;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.projections.cases.HistoryEntry;
import org.nrm.projections.support.SupportPlans;
import org.springframework.stereotype.Service;

/**
 * What a service referral carries to its provider beyond its summary: only while the person's consent to share data
 * with the provider's agency is in force, the person's name, birth date and languages and the referral's note (the
 * read is recorded). Used by {@code GET /api/service-referrals/{id}} and the provider's page alike.
 */
@Service
public class ServiceReferralReads {

    /** The person's details ({@code givenName, familyName, birthDate, languages}; null when none) and the note. */
    public record Shared(Map<String, Object> person, Object note) {
    }

    private final SupportSteps steps;
    private final SupportPlans plans;
    private final CaseHistory history;
    private final PersonalDataReads reads;

    public ServiceReferralReads(SupportSteps steps, SupportPlans plans, CaseHistory history, PersonalDataReads reads) {
        this.steps = steps;
        this.plans = plans;
        this.history = history;
        this.reads = reads;
    }

    /** The referral, when it was sent to the agency (else empty: the caller answers 404, as for none). */
    public Optional<SupportPlans.Referral> sentTo(String referralId, String agency) {
        return plans.referral(referralId).filter(r -> r.providerAgency().equals(agency));
    }

    /** The shared details, or empty while no consent to share data with the provider's agency is in force. */
    public Optional<Shared> shared(SupportPlans.Referral referral, NrmUser user) {
        if (!steps.sharesWith(referral.caseId(), referral.providerAgency())) {
            return Optional.empty();
        }
        reads.record(referral.caseId(), user, "service referral");
        List<HistoryEntry> entries = history.of(referral.caseId());
        Map<String, Object> person = null;
        Object note = null;
        for (HistoryEntry entry : entries) {
            if (entry.data().get("person") instanceof Map<?, ?> details) {
                var p = new LinkedHashMap<String, Object>();
                p.put("givenName", details.get("givenName"));
                p.put("familyName", details.get("familyName"));
                p.put("birthDate", details.get("birthDate"));
                person = p;
            }
            if (entry.data().get("profile") instanceof Map<?, ?> profile && person != null) {
                person.put("languages", profile.get("languages"));
            }
            if ("ServiceReferred".equals(entry.type()) && referral.referralId().equals(entry.data().get("referralId"))) {
                note = entry.data().get("note");
            }
        }
        return Optional.of(new Shared(person, note));
    }
}
