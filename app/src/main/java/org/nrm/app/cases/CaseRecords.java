package org.nrm.app.cases;

import java.util.List;
import java.util.Optional;
import org.nrm.app.protection.BreakGlassGround;
import org.nrm.app.protection.PersonalDataReads;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.projections.cases.CaseView;
import org.nrm.projections.cases.CaseViews;
import org.nrm.projections.cases.HistoryEntry;
import org.nrm.projections.consent.CaseConsents;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Reading a case, for the API and the pages alike: who may see it, and its history read whole by an involved agency
 * (the read recorded), pseudonymised by oversight, or by an administrator only with a recorded reason (break-glass).
 */
@Service
public class CaseRecords {

    private final CaseViews views;
    private final CaseHistory history;
    private final Access access;
    private final PersonalDataReads reads;
    private final CaseConsents consents;

    public CaseRecords(CaseViews views, CaseHistory history, Access access, PersonalDataReads reads,
                       CaseConsents consents) {
        this.consents = consents;
        this.views = views;
        this.history = history;
        this.access = access;
        this.reads = reads;
    }

    /** The case's view, when the user may see it (empty also when it does not exist: existence does not leak). */
    public Optional<CaseView> view(NrmUser user, String caseId) {
        if (!access.maySeeCase(user, caseId)) {
            return Optional.empty();
        }
        return views.find(caseId);
    }

    /**
     * The case's every step as the user may read it; empty when the case is unknown or not visible to the user.
     *
     * @param purpose why the personal data is read, recorded with the read ("case history", "case page")
     */
    public Optional<List<HistoryEntry>> history(NrmUser user, String caseId, String breakGlassReason, String purpose) {
        return history(user, caseId, BreakGlassGround.OTHER, breakGlassReason, purpose);
    }

    /**
     * As {@link #history(NrmUser, String, String, String)}; an administrator's read is a break-glass read with its
     * ground (a code that survives erasure) and its reason (sealed with the person's key).
     */
    public Optional<List<HistoryEntry>> history(NrmUser user, String caseId, BreakGlassGround ground,
                                                String breakGlassReason, String purpose) {
        boolean breakGlass = user.is(UserRole.ADMIN);
        if (breakGlass && (breakGlassReason == null || breakGlassReason.isBlank())) {
            throw new AccessDeniedException(
                    "An administrator reads personal data only with a recorded reason (breakGlassReason).");
        }
        if (!breakGlass && !access.maySeeCase(user, caseId)) {
            return Optional.empty();
        }
        if (!history.exists(caseId)) {
            return Optional.empty();
        }
        if (user.is(UserRole.OVERSIGHT)
                || !breakGlass && consents.sharingWithdrawnFrom(caseId, user.agency())) {
            // every personal field withheld by its type, without decrypting anything; also for an agency the person
            // withdrew their consent to share data with (it keeps the case's facts, not the person's data)
            return Optional.of(history.withheld(caseId));
        }
        if (breakGlass) {
            reads.recordBreakGlass(caseId, user, ground == null ? BreakGlassGround.OTHER : ground,
                    breakGlassReason.strip());
        } else {
            reads.record(caseId, user, purpose);
        }
        return Optional.of(history.of(caseId));
    }

    /**
     * The person's name as the history read by the user carries it: the latest given and family name of any step
     * naming the person (referral, identification update, consent); null when none does or it was erased.
     */
    public static String personName(List<HistoryEntry> history) {
        String name = null;
        for (HistoryEntry entry : history) {
            if (entry.data().get("person") instanceof java.util.Map<?, ?> person) {
                Object given = person.get("givenName");
                Object family = person.get("familyName");
                String full = ((given == null ? "" : given + " ") + (family == null ? "" : family)).strip();
                if (!full.isEmpty()) {
                    name = full;
                }
            }
        }
        return name;
    }
}
