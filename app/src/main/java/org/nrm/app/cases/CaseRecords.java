package org.nrm.app.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.nrm.app.protection.PersonalDataReads;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.projections.cases.CaseView;
import org.nrm.projections.cases.CaseViews;
import org.nrm.projections.cases.HistoryEntry;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Reading a case, for the API and the pages alike: who may see it, and its history read whole by an involved agency
 * (the read recorded), pseudonymised by oversight, or by an administrator only with a recorded reason (break-glass).
 */
@Service
public class CaseRecords {

    /** Fields of event data that hold personal data; oversight sees them pseudonymised. */
    public static final List<String> PERSONAL_FIELDS = List.of("person", "guardian", "explanation",
            "bestInterestsAssessment");

    private final CaseViews views;
    private final CaseHistory history;
    private final Access access;
    private final PersonalDataReads reads;

    public CaseRecords(CaseViews views, CaseHistory history, Access access, PersonalDataReads reads) {
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
        if (user.is(UserRole.OVERSIGHT)) {
            return Optional.of(history.of(caseId).stream().map(CaseRecords::pseudonymised).toList());
        }
        reads.record(caseId, user, breakGlass ? "break-glass: " + breakGlassReason.strip() : purpose);
        return Optional.of(history.of(caseId));
    }

    private static HistoryEntry pseudonymised(HistoryEntry entry) {
        var data = new LinkedHashMap<>(entry.data());
        PERSONAL_FIELDS.forEach(field -> data.computeIfPresent(field, (k, v) -> "[pseudonymised]"));
        return new HistoryEntry(entry.sequence(), entry.type(), entry.occurredAt(), entry.actor(), entry.agency(), data);
    }
}
