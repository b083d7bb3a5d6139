package org.nrm.projections.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.nrm.referral.api.*;
import org.nrm.projections.SavepointPerEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.stereotype.Component;

/**
 * Builds {@code case_view} from every event that concerns a case, whichever aggregate recorded it. All events of a
 * case are handled in order of the store (see CaseSequencingPolicy). Idempotency is per aggregate
 * ({@code case_view_applied}): an event at or below the last applied sequence of its aggregate is a replay or a
 * redelivery and changes nothing. {@code last_event_index} only says how far the row has caught up, for readers.
 */
@Component
@ProcessingGroup(CaseViewProjection.PROCESSING_GROUP)
public class CaseViewProjection extends SavepointPerEvent {

    public static final String PROCESSING_GROUP = "case-views";

    /** Records that an event of an aggregate is applied to a case, unless it (or a later one) already was. */
    private static final String CLAIM = oneLine("""
            INSERT INTO case_view_applied (case_id, aggregate_id, last_sequence) VALUES (?, ?, ?)
            ON CONFLICT (case_id, aggregate_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence
            WHERE case_view_applied.last_sequence < EXCLUDED.last_sequence RETURNING 1""");

    /*
     * The inserts of a referral and of a notification, on one line: a failure's cause (with the statement in it) is
     * truncated in the dead-letter queue, and the database's reason must still be read there.
     */
    private static final String INSERT_REFERRAL = oneLine("""
                INSERT INTO case_view (case_id, reference, stage, child, foreign_national, needs_accommodation,
                                       referring_agency, referred_at, reasonable_grounds_due_at, gender, age_group,
                                       nationality, exploitation_types, exploitation_location, last_event_index,
                                       updated_at, indicators, languages, consent, exploitation_details)
                SELECT ?::varchar, ?::varchar, ?::varchar, ?::boolean, ?::boolean, ?::boolean, ?::varchar,
                       ?::timestamptz, ?::timestamptz, ?::varchar, ?::varchar, ?::varchar, ?::varchar[], ?::varchar,
                       ?::bigint, ?::timestamptz, ?::varchar[], ?::varchar[], ?::boolean, ?::jsonb
                 WHERE {claimed} ON CONFLICT (case_id) DO NOTHING""");

    private static final String INSERT_NOTIFICATION = oneLine("""
                INSERT INTO case_view (case_id, reference, stage, child, foreign_national, referring_agency,
                                       referred_at, gender, age_group, nationality, exploitation_types,
                                       exploitation_location, anonymous_notification, last_event_index, updated_at,
                                       indicators, languages, consent, exploitation_details)
                SELECT ?::varchar, ?::varchar, ?::varchar, FALSE, ?::boolean, ?::varchar, ?::timestamptz, ?::varchar,
                       ?::varchar, ?::varchar, ?::varchar[], ?::varchar, TRUE, ?::bigint, ?::timestamptz, ?::varchar[],
                       ?::varchar[], FALSE, ?::jsonb
                 WHERE {claimed} ON CONFLICT (case_id) DO NOTHING""");

    private static String oneLine(String sql) {
        return String.join(" ", sql.strip().split("\\s+"));
    }

    private final JdbcTemplate jdbc;

    public CaseViewProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        super(PROCESSING_GROUP, transactions);
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReferralSubmitted event, TrackingToken token) {
        var profile = event.profile();
        apply(event.caseId(), List.of(), INSERT_REFERRAL,
                withDetails(event.exploitationDetails(), event.caseId(), event.reference(),
                CaseStage.AWAITING_REASONABLE_GROUNDS.name(), event.presumedChild(),
                event.foreignNational(), event.needsAccommodation(), event.referringAgency(), ts(event.referredAt()),
                ts(event.reasonableGroundsDueAt()), profile.gender().name(), profile.ageGroup().name(),
                nationality(profile), types(event.exploitation()), event.exploitation().location().name(), index(token),
                ts(event.referredAt()), indicators(event.exploitation()), languages(profile), event.consented()));
    }

    private static final String INSERT_RETURNING_NATIONAL = oneLine("""
                INSERT INTO case_view (case_id, reference, stage, child, foreign_national, needs_accommodation,
                                       referring_agency, referred_at, gender, age_group, nationality, last_event_index,
                                       updated_at, languages, consent, returning_national, decision_abroad,
                                       handover_imported)
                SELECT ?::varchar, ?::varchar, ?::varchar, ?::boolean, FALSE, FALSE, ?::varchar, ?::timestamptz,
                       ?::varchar, ?::varchar, ?::varchar, ?::bigint, ?::timestamptz, ?::varchar[], TRUE, TRUE,
                       ?::jsonb, ?::boolean
                 WHERE {claimed} ON CONFLICT (case_id) DO NOTHING""");

    @EventHandler
    void on(ReturningNationalCaseOpened event, TrackingToken token) {
        var profile = event.profile();
        var decision = event.decisionAbroad();
        String json = decisionAbroadJson(decision);
        apply(event.caseId(), List.of(), INSERT_RETURNING_NATIONAL, event.caseId(), event.reference(),
                CaseStage.SUPPORT.name(), profile.presumedChild(), event.openingAgency(), ts(event.openedAt()),
                profile.gender().name(), profile.ageGroup().name(), nationality(profile), index(token),
                ts(event.openedAt()), languages(profile), json, event.handoverPackageId() != null);
    }

    /** The decision taken abroad as the view's JSON (V65). */
    static String decisionAbroadJson(DecisionAbroad decision) {
        try {
            return JSON.writeValueAsString(java.util.Map.of(
                    "sourceCountry", decision.sourceCountry(), "decidingOrganisation", decision.decidingOrganisation(),
                    "kind", decision.kind().name(), "outcome", decision.outcome().name(),
                    "decidedOn", decision.decidedOn().toString()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @EventHandler
    void on(ArrivalReceptionRecorded event, TrackingToken token) {
        update(event.caseId(), token, event.recordedAt(), "arrival_met_at = ?", ts(event.metAt()));
    }

    @EventHandler
    void on(ReturningNationalFollowedUp event, TrackingToken token) {
        update(event.caseId(), token, event.followedUpAt(), "reintegration_follow_ups = reintegration_follow_ups + 1");
    }

    @EventHandler
    void on(HandoverExported event, TrackingToken token) {
        update(event.caseId(), token, event.exportedAt(),
                "handovers_exported = handovers_exported + 1, last_handover_exported_at = ?", ts(event.exportedAt()));
    }

    @EventHandler
    void on(AnonymousNotificationMade event, TrackingToken token) {
        var profile = event.profile();
        apply(event.caseId(), List.of(), INSERT_NOTIFICATION,
                withDetails(event.exploitationDetails(), event.caseId(), event.reference(), CaseStage.NOTIFICATION.name(),
                event.foreignNational(),
                event.referringAgency(), ts(event.notifiedAt()), profile.gender().name(), profile.ageGroup().name(),
                nationality(profile), types(event.exploitation()), event.exploitation().location().name(), index(token),
                ts(event.notifiedAt()), indicators(event.exploitation()), languages(profile)));
    }

    @EventHandler
    void on(ConsentGiven event, TrackingToken token) {
        update(event.caseId(), token, event.givenAt(), "stage = ?, needs_accommodation = ?, reasonable_grounds_due_at = ?, consent = TRUE",
                CaseStage.AWAITING_REASONABLE_GROUNDS.name(), event.needsAccommodation(),
                ts(event.reasonableGroundsDueAt()));
    }

    @EventHandler
    void on(IdentificationUpdated event, TrackingToken token, @MetaDataValue(Actor.USER_KEY) String actor) {
        String set = "exploitation_types = ?, exploitation_location = ?, indicators = ?, "
                + "identification_updated_at = ?, identification_updated_by = ?";
        List<Object> values = new ArrayList<>(List.of(types(event.exploitation()),
                event.exploitation().location().name(), indicators(event.exploitation()), ts(event.updatedAt())));
        values.add(actor);
        if (event.exploitationDetails() != null) { // the circumstances corrected with it (none: they stay)
            set += ", exploitation_details = ?::jsonb";
            values.add(detailsJson(event.exploitationDetails()));
        }
        update(event.caseId(), token, event.updatedAt(), set, values.toArray());
    }

    @EventHandler
    void on(TravelDocumentsRecorded event, TrackingToken token) {
        update(event.caseId(), token, event.recordedAt(), "border_crossing_documents = ?", event.documents().name());
    }

    @EventHandler
    void on(MoveOnSupportEnded event, TrackingToken token) {
        update(event.caseId(), token, event.endedAt(), "move_on_support_ended_at = ?", ts(event.endedAt()));
    }

    @EventHandler
    void on(GuardianReplaced event, TrackingToken token) {
        update(event.caseId(), token, event.replacedAt(), "guardian_replacements = guardian_replacements + 1");
    }

    @EventHandler
    void on(AgeAssessed event, TrackingToken token) {
        update(event.caseId(), token, event.assessedAt(), "child = ?, age_group = ?, stage = CASE WHEN ?::boolean THEN ?::varchar ELSE stage END",
                event.outcome() == AgeAssessmentOutcome.CHILD, event.outcome().name(), event.consentRequired(),
                CaseStage.NOTIFICATION.name());
    }

    @EventHandler
    void on(GuardianAppointed event, TrackingToken token) {
        update(event.caseId(), token, event.appointedAt(), "guardian_appointed = TRUE");
    }

    @EventHandler
    void on(ReasonableGroundsDecided event, TrackingToken token) {
        update(event.caseId(), token, event.decidedAt(),
                "reasonable_grounds = ?, reasonable_grounds_decided_at = ?, reconsideration_window_ends_at = ?",
                event.outcome().name(), ts(event.decidedAt()), ts(event.reconsiderationWindowEndsAt()));
    }

    @EventHandler
    void on(RecoveryPeriodStarted event, TrackingToken token) {
        update(event.caseId(), token, event.startedAt(), "stage = ?, recovery_period_started_at = ?, "
                        + "recovery_period_minimum_ends_at = ?, recovery_period_ends_at = ?",
                CaseStage.RECOVERY_PERIOD.name(), ts(event.startedAt()), ts(event.minimumEndsAt()),
                ts(event.minimumEndsAt()));
    }

    @EventHandler
    void on(RecoveryPeriodExtended event, TrackingToken token) {
        update(event.caseId(), token, event.extendedAt(), "recovery_period_ends_at = ?", ts(event.endsAt()));
    }

    @EventHandler
    void on(RecoveryPeriodEnded event, TrackingToken token) {
        update(event.caseId(), token, event.endedAt(), "stage = ?, recovery_period_ended_at = ?",
                CaseStage.AWAITING_CONCLUSIVE_GROUNDS.name(), ts(event.endedAt()));
    }

    @EventHandler
    void on(ConclusiveGroundsDecided event, TrackingToken token) {
        update(event.caseId(), token, event.decidedAt(), "stage = ?, conclusive_grounds = ?, "
                        + "conclusive_grounds_decided_at = ?, reconsideration_window_ends_at = ?",
                CaseStage.SUPPORT.name(), event.outcome().name(), ts(event.decidedAt()),
                ts(event.reconsiderationWindowEndsAt()));
    }

    @EventHandler
    void on(MoveOnSupportStarted event, TrackingToken token) {
        update(event.caseId(), token, event.startedAt(), "move_on_support_ends_at = ?", ts(event.endsAt()));
    }

    @EventHandler
    void on(ReconsiderationRequested event, TrackingToken token) {
        update(event.caseId(), token, event.requestedAt(), List.of("""
                        INSERT INTO reconsideration_fact (case_id, requested_at, decision, ground, requesting_agency)
                        SELECT ?::varchar, ?::timestamptz, ?::varchar, ?::varchar, ?::varchar WHERE {claimed}
                        ON CONFLICT (case_id, requested_at) DO NOTHING"""),
                List.of(event.caseId(), ts(event.requestedAt()), event.decision().name(), event.ground().name(),
                        event.requestingAgency()),
                "reconsideration_pending = TRUE");
    }

    @EventHandler
    void on(ReconsiderationDecided event, TrackingToken token) {
        boolean overturned = event.outcome() == ReconsiderationOutcome.OVERTURNED;
        String column = event.decision() == DecisionKind.REASONABLE_GROUNDS ? "reasonable_grounds" : "conclusive_grounds";
        update(event.caseId(), token, event.decidedAt(), List.of("""
                        UPDATE reconsideration_fact SET outcome = ?, decided_at = ?
                         WHERE case_id = ? AND decision = ? AND outcome IS NULL AND {claimed}"""),
                List.of(event.outcome().name(), ts(event.decidedAt()), event.caseId(), event.decision().name()),
                "reconsideration_pending = FALSE, " + column + " = CASE WHEN ? THEN 'POSITIVE' ELSE " + column
                        + " END, reconsideration_window_ends_at = CASE WHEN ? THEN NULL ELSE reconsideration_window_ends_at END",
                overturned, overturned);
    }

    @EventHandler
    void on(ProtectionDisqualified event, TrackingToken token) {
        update(event.caseId(), token, event.disqualifiedAt(), "disqualified = TRUE");
    }

    @EventHandler
    void on(DurableSolutionChosen event, TrackingToken token) {
        update(event.caseId(), token, event.chosenAt(), "stage = ?, durable_solution = ?",
                (event.solution() == DurableSolution.VOLUNTARY_RETURN ? CaseStage.RETURN : CaseStage.SUPPORT).name(),
                event.solution().name());
    }

    @EventHandler
    void on(DeadlineBreached event, TrackingToken token) {
        update(event.caseId(), token, event.recordedAt(), List.of("""
                        INSERT INTO deadline_breach_fact (case_id, task_key, due_at, recorded_at)
                        SELECT ?::varchar, ?::varchar, ?::timestamptz, ?::timestamptz WHERE {claimed}
                        ON CONFLICT DO NOTHING"""),
                List.of(event.caseId(), event.taskKey(), ts(event.dueAt()), ts(event.recordedAt())),
                "deadline_breaches = deadline_breaches + 1");
    }

    @EventHandler
    void on(AccommodationDeclined event, TrackingToken token) {
        update(event.caseId(), token, event.declinedAt(), "accommodation_declined = TRUE");
    }

    @EventHandler
    void on(PersonPlaced event, TrackingToken token) {
        update(event.caseId(), token, event.placedAt(), "shelter_id = ?", event.shelterId());
    }

    @EventHandler
    void on(PlacementEnded event, TrackingToken token) {
        update(event.caseId(), token, event.endedAt(),
                "shelter_id = CASE WHEN shelter_id = ? THEN NULL ELSE shelter_id END", event.shelterId());
    }

    @EventHandler
    void on(ResidencePermitApplied event, TrackingToken token) {
        update(event.caseId(), token, event.appliedAt(), "permit_status = 'APPLIED'");
    }

    @EventHandler
    void on(ResidencePermitGranted event, TrackingToken token) {
        update(event.caseId(), token, event.grantedAt(), "permit_status = 'GRANTED', permit_valid_until = ?",
                ts(event.validUntil()));
    }

    @EventHandler
    void on(ResidencePermitRefused event, TrackingToken token) {
        update(event.caseId(), token, event.refusedAt(), "permit_status = 'REFUSED'");
    }

    @EventHandler
    void on(ResidencePermitRenewed event, TrackingToken token) {
        update(event.caseId(), token, event.renewedAt(), "permit_valid_until = ?", ts(event.validUntil()));
    }

    @EventHandler
    void on(ResidencePermitExpired event, TrackingToken token) {
        update(event.caseId(), token, event.expiredAt(), "permit_status = 'EXPIRED'");
    }

    @EventHandler
    void on(ResidencePermitRevoked event, TrackingToken token) {
        update(event.caseId(), token, event.revokedAt(), "permit_status = 'REVOKED'");
    }

    @EventHandler
    void on(VoluntaryReturnOpened event, TrackingToken token) {
        update(event.caseId(), token, event.openedAt(), "return_status = 'REQUESTED'");
    }

    @EventHandler
    void on(PersonDeparted event, TrackingToken token) {
        update(event.caseId(), token, event.departedAt(), "return_status = 'DEPARTED'");
    }

    @EventHandler
    void on(VoluntaryReturnCompleted event, TrackingToken token) {
        update(event.caseId(), token, event.completedAt(), "return_status = 'COMPLETED'");
    }

    @EventHandler
    void on(VoluntaryReturnAbandoned event, TrackingToken token) {
        update(event.caseId(), token, event.abandonedAt(), "return_status = 'ABANDONED'");
    }

    @EventHandler
    void on(CaseClosed event, TrackingToken token) {
        update(event.caseId(), token, event.closedAt(), "stage = ?, closure_category = ?, closed_at = ?",
                CaseStage.CLOSED.name(), event.category().name(), ts(event.closedAt()));
    }

    @EventHandler
    void on(CaseReopened event, TrackingToken token) {
        // the deadlines the reopening set again, as the process's timers run to them (CaseState's fold does the same)
        update(event.caseId(), token, event.reopenedAt(), "stage = ?, closure_category = NULL, closed_at = NULL, "
                        + "reasonable_grounds_due_at = coalesce(?, reasonable_grounds_due_at), "
                        + "recovery_period_ends_at = coalesce(?, recovery_period_ends_at), "
                        + "reconsideration_window_ends_at = coalesce(?, reconsideration_window_ends_at)",
                event.stage().name(), ts(event.reasonableGroundsDueAt()), ts(event.recoveryPeriodEndsAt()),
                ts(event.reconsiderationWindowEndsAt()));
    }

    /**
     * Empties the view before a replay. TRUNCATE, not DELETE: a million rows go at once instead of one by one (readers
     * are on the snapshot meanwhile, see ViewTables, so its brief exclusive lock stops nobody).
     */
    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE case_view, case_view_applied, reconsideration_fact, deadline_breach_fact");
    }

    private static String[] languages(org.nrm.referral.api.PersonProfile profile) {
        return profile.languages().toArray(String[]::new);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** {@code arguments} followed by the exploitation details as the view's JSON (V48), null when none recorded. */
    private static Object[] withDetails(ExploitationDetails details, Object... arguments) {
        List<Object> all = new ArrayList<>(Arrays.asList(arguments));
        all.add(detailsJson(details));
        return all.toArray();
    }

    /** The details as the column holds them: null where none were recorded. */
    private static String detailsJson(ExploitationDetails details) {
        return details == null || details.equals(ExploitationDetails.NONE) ? null : json(details);
    }

    static String json(ExploitationDetails details) {
        var object = new java.util.LinkedHashMap<String, Object>();
        object.put("ageAtExploitation", details.ageAtExploitation() == null ? null : details.ageAtExploitation().name());
        object.put("duration", details.duration() == null ? null : details.duration().name());
        object.put("countriesOfExploitation", details.countriesOfExploitation());
        object.put("recruiterRelations", names(details.recruiterRelations()));
        object.put("recruitmentMethods", names(details.recruitmentMethods()));
        object.put("labourSectors", names(details.labourSectors()));
        object.put("sexualExploitationForms", names(details.sexualExploitationForms()));
        try {
            return JSON.writeValueAsString(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(java.util.Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toList();
    }

    private String[] indicators(Exploitation exploitation) {
        return exploitation.indicators().stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private String[] types(Exploitation exploitation) {
        return exploitation.types().stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    /** Applies {@code set} to the case's row, unless the row has already seen this event. */
    private void update(String caseId, TrackingToken token, Instant at, String set, Object... values) {
        update(caseId, token, at, List.of(), List.of(), set, values);
    }

    /**
     * Applies {@code set} to the case's row and runs the {@code sides} writes before it (each with its
     * {@code sideArguments} in order), unless the row has already seen this event.
     */
    private void update(String caseId, TrackingToken token, Instant at, List<String> sides, List<Object> sideArguments,
                        String set, Object... values) {
        List<Object> arguments = new ArrayList<>(sideArguments);
        arguments.addAll(Arrays.asList(values));
        arguments.addAll(List.of(index(token), ts(at), caseId));
        apply(caseId, sides, "UPDATE case_view SET " + set + ", last_event_index = GREATEST(last_event_index, ?), "
                + "updated_at = GREATEST(updated_at, ?) WHERE case_id = ? AND {claimed}", arguments.toArray());
    }

    /**
     * One statement per event: it claims the event for the case ({@code case_view_applied}), and its side writes
     * (CTEs) and {@code main} take effect only where they say {@code {claimed}}, that is if the claim succeeded (not
     * a replay or redelivery of this or an earlier event of the aggregate). The statement is gathered with the
     * batch's others ({@link #write}).
     */
    private void apply(String caseId, List<String> sides, String main, Object... arguments) {
        DomainEventMessage<?> event = currentEvent();
        List<String> ctes = new ArrayList<>();
        List<Object> all = new ArrayList<>();
        if (event != null) {
            ctes.add("claimed AS (" + CLAIM + ")");
            all.addAll(List.of(caseId, event.getAggregateIdentifier(), event.getSequenceNumber()));
        }
        for (int i = 0; i < sides.size(); i++) {
            ctes.add("side" + i + " AS (" + sides.get(i) + ")");
        }
        all.addAll(Arrays.asList(arguments));
        String sql = (ctes.isEmpty() ? "" : "WITH " + String.join(", ", ctes) + " ") + main;
        write(jdbc, caseId, sql.replace("{claimed}", event == null ? "TRUE" : "EXISTS (SELECT 1 FROM claimed)"),
                all.toArray());
    }

    static long index(TrackingToken token) {
        return token == null ? Long.MAX_VALUE : token.position().orElse(Long.MAX_VALUE);
    }

    private static String nationality(PersonProfile profile) {
        return profile.citizenships().isEmpty() ? null : profile.citizenships().get(0);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
