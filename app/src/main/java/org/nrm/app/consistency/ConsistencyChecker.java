package org.nrm.app.consistency;

import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.EventHandler;
import org.nrm.projections.cases.CaseViewProjection;
import org.nrm.projections.operations.ProjectionOperations;
import org.nrm.referral.api.CaseStage;
import org.nrm.referral.api.DurableSolution;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.TaskKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares, for every case or one, what the event stream (the legal record) says with what the Camunda engine and
 * every projection hold, and reports each disagreement with a suggested repair. It only reads: one pass over each
 * table (events, engine executions, tasks, candidate links, jobs, incidents, case views, work queue, shelters,
 * statistics facts), all in one repeatable-read transaction so the sides are compared at one moment, never a query per
 * case.
 *
 * <p>What the events say is folded here from the stored payloads (their non-personal fields only, never decrypted):
 * the stage (as the aggregate and the case view fold it), whether the case is closed, the reasonable-grounds due date
 * and the recovery period's end (the engine's timers), the shelter the person is placed in, and the deadline breaches
 * and reconsideration requests (the statistics facts).
 */
@Component
public class ConsistencyChecker {

    /** Kinds of finding (the {@code kind} of {@link Finding}). */
    public static final String CASE_VIEW_MISSING = "CASE_VIEW_MISSING";
    public static final String CASE_VIEW_STAGE = "CASE_VIEW_STAGE";
    public static final String CASE_VIEW_BEHIND = "CASE_VIEW_BEHIND";
    public static final String CASE_VIEW_ORPHAN = "CASE_VIEW_ORPHAN";
    public static final String DEAD_LETTER = "DEAD_LETTER";
    public static final String PROCESS_MISSING = "PROCESS_MISSING";
    public static final String PROCESS_WITHOUT_EVENTS = "PROCESS_WITHOUT_EVENTS";
    public static final String PROCESS_RUNNING_AFTER_CLOSURE = "PROCESS_RUNNING_AFTER_CLOSURE";
    public static final String ENGINE_INCIDENT = "ENGINE_INCIDENT";
    public static final String ENGINE_JOB_FAILING = "ENGINE_JOB_FAILING";
    public static final String WORK_QUEUE_MISSING = "WORK_QUEUE_MISSING";
    public static final String WORK_QUEUE_ORPHAN = "WORK_QUEUE_ORPHAN";
    public static final String WORK_QUEUE_DUE_DATE = "WORK_QUEUE_DUE_DATE";
    public static final String TIMER_MISSING = "TIMER_MISSING";
    public static final String TIMER_DUE_DATE = "TIMER_DUE_DATE";
    /** Work the events say is owed (a shelter placement, a permit decision) with no open task of the engine's. */
    public static final String PENDING_TASK_MISSING = "PENDING_TASK_MISSING";
    public static final String SHELTER_PLACEMENT = "SHELTER_PLACEMENT";
    public static final String SHELTER_OCCUPANCY = "SHELTER_OCCUPANCY";
    public static final String STATISTICS_FACT = "STATISTICS_FACT";

    static final String RG_DEADLINE_TIMER = "rg-deadline";
    static final String RECOVERY_TIMER = "recovery-period-over";

    /** Engine and event instants are compared to the second (the engine stores milliseconds, events nanoseconds). */
    private static final Duration SAME_INSTANT = Duration.ofSeconds(1);

    private static final String API = "org.nrm.referral.api.";
    private static final Set<String> FOLDED = Set.of("ReferralSubmitted", "AnonymousNotificationMade", "ConsentGiven",
            "AgeAssessed", "RecoveryPeriodStarted", "RecoveryPeriodExtended", "RecoveryPeriodEnded",
            "ConclusiveGroundsDecided", "DurableSolutionChosen", "CaseClosed", "CaseReopened", "DeadlineBreached",
            "ReconsiderationRequested", "PersonPlaced", "PlacementEnded", "ReturningNationalCaseOpened",
            "AccommodationDeclined", "ResidencePermitApplied", "ResidencePermitGranted", "ResidencePermitRefused");

    private final JdbcTemplate jdbc;
    private final ProjectionOperations projections;
    private final TransactionTemplate snapshot;
    private final Clock clock;
    /** Payload types the case view applies (its event handlers): their sequence must be reflected in the view. */
    private final Set<String> caseViewTypes;

    private final ConsistencyFindingsMeter meter;

    public ConsistencyChecker(JdbcTemplate jdbc, ProjectionOperations projections,
                              PlatformTransactionManager transactions, Clock clock, ConsistencyFindingsMeter meter) {
        this.meter = meter;
        this.jdbc = jdbc;
        this.projections = projections;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.caseViewTypes = handledTypes(CaseViewProjection.class);
    }

    /** Checks every case. */
    public ConsistencyReport checkAll() {
        ConsistencyReport report = check(null);
        meter.record(report, clock.instant().getEpochSecond());
        return report;
    }

    /**
     * A full check on the schedule {@code nrm.consistency.schedule} (a cron expression; "-", the default, for none:
     * the operations guide suggests hourly), so the findings meter and its alert follow the platform without anyone
     * asking. Every node may run it: it only reads.
     */
    @org.springframework.scheduling.annotation.Scheduled(cron = "${nrm.consistency.schedule:-}")
    public void scheduledCheck() {
        checkAll();
    }

    /** Checks one case (a case id the events do not know gives one finding if a projection or the engine knows it). */
    public ConsistencyReport checkCase(String caseId) {
        return check(Objects.requireNonNull(caseId));
    }

    private ConsistencyReport check(String only) {
        // dead letters are read through Axon's queue (outside the snapshot: its own connection)
        Map<String, List<ProjectionOperations.DeadLetterView>> deadLetters = new HashMap<>();
        for (String group : projections.processingGroups()) {
            for (var letter : projections.deadLetters(group)) {
                if (only == null || only.equals(letter.sequence())) {
                    deadLetters.computeIfAbsent(letter.sequence(), k -> new ArrayList<>()).add(letter);
                }
            }
        }
        long caseViewLag = projections.lag(CaseViewProjection.PROCESSING_GROUP);
        return snapshot.execute(status -> new Pass(only, deadLetters, caseViewLag).run());
    }

    /** What the events say about one case. */
    static final class CaseRecord {
        final String caseId;
        CaseStage stage;
        CaseStage stageBeforeClosure;
        boolean anonymous;
        Instant reasonableGroundsDueAt;
        boolean reasonableGroundsBreached;
        Instant recoveryPeriodEndsAt;
        String shelterId;
        /** Accommodation asked for at referral or consent; settled by a placement or the person's refusal. */
        boolean needsAccommodation;
        boolean accommodationSettled;
        /** The person's last placement was ended by the case's closure (and none followed). */
        boolean placementEndedByClosure;
        /** The recovery period began: the placement and permit branches were reached. */
        boolean protectionStarted;
        /** A residence permit applied for and not yet decided. */
        boolean permitPending;
        final Set<String> breaches = new TreeSet<>();
        final Set<String> reconsiderations = new TreeSet<>();
        /** The last sequence of each aggregate whose events the case view applies to this case. */
        final Map<String, Long> caseViewSequences = new HashMap<>();

        CaseRecord(String caseId) {
            this.caseId = caseId;
        }
    }

    record EngineTask(String taskId, String caseId, String key, Instant dueAt) {
    }

    record Timer(String jobId, String caseId, String activity, Instant dueAt) {
    }

    private final class Pass {
        private final String only;
        private final Map<String, List<ProjectionOperations.DeadLetterView>> deadLetters;
        private final long caseViewLag;
        private final List<Finding> findings = new ArrayList<>();
        private final Instant now = clock.instant();

        Pass(String only, Map<String, List<ProjectionOperations.DeadLetterView>> deadLetters, long caseViewLag) {
            this.only = only;
            this.deadLetters = deadLetters;
            this.caseViewLag = caseViewLag;
        }

        private String where(String column) {
            return only == null ? "" : " AND " + column + " = ?";
        }

        private Object[] args(Object... leading) {
            List<Object> all = new ArrayList<>(Arrays.asList(leading));
            if (only != null) {
                all.add(only);
            }
            return all.toArray();
        }

        ConsistencyReport run() {
            Map<String, CaseRecord> cases = events();
            Set<String> processes = processes();
            Map<String, EngineTask> tasks = tasks();
            Map<String, Set<String>> candidates = candidates(tasks.keySet());
            List<Timer> timers = timers();

            Set<String> known = new TreeSet<>(cases.keySet());
            caseViews(cases, known);
            deadLettersFound(known);
            engine(cases, processes, tasks, timers, known);
            workQueue(tasks, candidates, known);
            shelters(cases);
            statistics(cases);
            findings.sort(Comparator.comparing((Finding f) -> String.valueOf(f.caseId())).thenComparing(Finding::kind));
            int checked = only == null ? known.size() : 1;
            return new ConsistencyReport(checked, List.copyOf(findings));
        }

        private void add(String caseId, String kind, Object events, Object engine, Object projection, String repair) {
            findings.add(new Finding(caseId, kind, text(events), text(engine), text(projection), repair));
        }

        // ---------------------------------------------------------------------------------------------- the events

        private Map<String, CaseRecord> events() {
            Set<String> types = new TreeSet<>();
            FOLDED.forEach(t -> types.add(API + t));
            types.addAll(caseViewTypes);
            String in = String.join(",", types.stream().map(t -> "?").toList());
            Map<String, CaseRecord> cases = new LinkedHashMap<>();
            String sql = """
                    SELECT e.aggregateidentifier, e.sequencenumber, e.payloadtype, p ->> 'caseId' AS case_id,
                           p ->> 'stage' AS stage, p ->> 'consentRequired' AS consent_required,
                           p ->> 'solution' AS solution, p ->> 'reasonableGroundsDueAt' AS rg_due,
                           p ->> 'minimumEndsAt' AS minimum_ends, p ->> 'endsAt' AS ends,
                           p ->> 'recoveryPeriodEndsAt' AS recovery_ends, p ->> 'taskKey' AS task_key,
                           p ->> 'dueAt' AS due, p ->> 'shelterId' AS shelter_id, p ->> 'requestedAt' AS requested,
                           p ->> 'needsAccommodation' AS needs_accommodation, p ->> 'reason' AS reason,
                           p ->> 'resumeAt' AS resume_at
                      FROM domainevententry e
                     CROSS JOIN LATERAL (SELECT convert_from(e.payload, 'UTF8')::jsonb AS p) j
                     WHERE e.payloadtype IN (%s)%s
                     ORDER BY e.globalindex""".formatted(in, only == null ? ""
                    // one case: its own aggregate's rows by index; only other aggregates' rows are parsed for caseId
                    : " AND (e.aggregateidentifier = ? OR (e.type <> 'ReferralCase'"
                            + " AND convert_from(e.payload, 'UTF8')::jsonb ->> 'caseId' = ?))");
            jdbc.query(sql, rs -> {
                String caseId = rs.getString("case_id");
                if (caseId == null) {
                    return;
                }
                String type = rs.getString("payloadtype");
                CaseRecord record = cases.computeIfAbsent(caseId, CaseRecord::new);
                if (caseViewTypes.contains(type)) {
                    record.caseViewSequences.merge(rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"),
                            Math::max);
                }
                fold(record, type.substring(type.lastIndexOf('.') + 1), rs);
            }, only == null ? types.toArray() : args(concat(types.toArray(), only)));
            // a shelter's or permit's events of a case the store has no referral for are not a case of their own
            cases.values().removeIf(record -> record.stage == null);
            return cases;
        }

        private void fold(CaseRecord record, String type, ResultSet rs) throws SQLException {
            switch (type) {
                case "ReferralSubmitted" -> {
                    record.stage = CaseStage.AWAITING_REASONABLE_GROUNDS;
                    record.needsAccommodation = Boolean.parseBoolean(rs.getString("needs_accommodation"));
                    dueAt(record, instant(rs.getString("rg_due")));
                }
                // a returning national's case (issue 16) starts in support, in its own process model
                case "ReturningNationalCaseOpened" -> record.stage = CaseStage.SUPPORT;
                case "AnonymousNotificationMade" -> {
                    record.stage = CaseStage.NOTIFICATION;
                    record.anonymous = true;
                }
                case "ConsentGiven" -> {
                    record.stage = CaseStage.AWAITING_REASONABLE_GROUNDS;
                    record.needsAccommodation = Boolean.parseBoolean(rs.getString("needs_accommodation"));
                    dueAt(record, instant(rs.getString("rg_due")));
                }
                case "AgeAssessed" -> {
                    if (Boolean.parseBoolean(rs.getString("consent_required"))) {
                        record.stage = CaseStage.NOTIFICATION;
                    }
                }
                case "RecoveryPeriodStarted" -> {
                    record.stage = CaseStage.RECOVERY_PERIOD;
                    record.protectionStarted = true;
                    record.recoveryPeriodEndsAt = instant(rs.getString("minimum_ends"));
                }
                case "RecoveryPeriodExtended" -> record.recoveryPeriodEndsAt = instant(rs.getString("ends"));
                case "RecoveryPeriodEnded" -> record.stage = CaseStage.AWAITING_CONCLUSIVE_GROUNDS;
                case "ConclusiveGroundsDecided" -> record.stage = CaseStage.SUPPORT;
                case "DurableSolutionChosen" -> record.stage =
                        DurableSolution.VOLUNTARY_RETURN.name().equals(rs.getString("solution"))
                                ? CaseStage.RETURN : CaseStage.SUPPORT;
                case "CaseClosed" -> {
                    record.stageBeforeClosure = record.stage;
                    record.stage = CaseStage.CLOSED;
                }
                case "CaseReopened" -> {
                    record.stage = CaseStage.valueOf(rs.getString("stage"));
                    Instant due = instant(rs.getString("rg_due"));
                    if (due != null) {
                        dueAt(record, due);
                    }
                    Instant recovery = instant(rs.getString("recovery_ends"));
                    if (recovery != null) {
                        record.recoveryPeriodEndsAt = recovery;
                    }
                    String resumeAt = rs.getString("resume_at");
                    if (record.placementEndedByClosure && resumeAt != null
                            && org.nrm.referral.api.ResumePoint.valueOf(resumeAt).underProtection()) {
                        // the closure freed the person's bed: taken up again, they are owed a placement again
                        record.accommodationSettled = false;
                    }
                }
                case "DeadlineBreached" -> {
                    String taskKey = rs.getString("task_key");
                    record.breaches.add(taskKey + "@" + instant(rs.getString("due")));
                    if (TaskKey.REASONABLE_GROUNDS_DECISION.key().equals(taskKey)) {
                        record.reasonableGroundsBreached = true;
                    }
                }
                case "ReconsiderationRequested" -> record.reconsiderations.add(
                        String.valueOf(instant(rs.getString("requested"))));
                case "PersonPlaced" -> {
                    record.shelterId = rs.getString("shelter_id");
                    record.accommodationSettled = true;
                    record.placementEndedByClosure = false;
                }
                case "AccommodationDeclined" -> record.accommodationSettled = true;
                case "ResidencePermitApplied" -> record.permitPending = true;
                case "ResidencePermitGranted", "ResidencePermitRefused" -> record.permitPending = false;
                case "PlacementEnded" -> {
                    if (Objects.equals(record.shelterId, rs.getString("shelter_id"))) {
                        record.shelterId = null;
                        record.placementEndedByClosure = "CASE_CLOSED".equals(rs.getString("reason"));
                    }
                }
                default -> {
                    // an event only the case view's sequence check needs
                }
            }
        }

        private static void dueAt(CaseRecord record, Instant due) {
            record.reasonableGroundsDueAt = due;
            record.reasonableGroundsBreached = false;
        }

        // ------------------------------------------------------------------------------------------- the case view

        private void caseViews(Map<String, CaseRecord> cases, Set<String> known) {
            Map<String, String> stages = new HashMap<>();
            jdbc.query("SELECT case_id, stage FROM case_view WHERE TRUE" + where("case_id"),
                    rs -> { stages.put(rs.getString(1), rs.getString(2)); }, args());
            Map<String, Map<String, Long>> applied = new HashMap<>();
            jdbc.query("SELECT case_id, aggregate_id, last_sequence FROM case_view_applied WHERE TRUE" + where("case_id"),
                    rs -> {
                        applied.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                                .put(rs.getString(2), rs.getLong(3));
                    }, args());
            for (CaseRecord record : cases.values()) {
                String repair = caseViewRepair(record.caseId);
                String viewStage = stages.get(record.caseId);
                if (viewStage == null) {
                    add(record.caseId, CASE_VIEW_MISSING, "stage " + record.stage, null, "no case_view row", repair);
                    continue;
                }
                Map<String, Long> appliedOfCase = applied.getOrDefault(record.caseId, Map.of());
                List<String> behind = new ArrayList<>();
                record.caseViewSequences.forEach((aggregate, sequence) -> {
                    long seen = appliedOfCase.getOrDefault(aggregate, -1L);
                    if (seen < sequence) {
                        behind.add(aggregate + " up to event " + sequence + " (view has " + seen + ")");
                    }
                });
                if (!behind.isEmpty()) {
                    add(record.caseId, CASE_VIEW_BEHIND, String.join("; ", behind), null,
                            "case_view not yet updated by the later events", repair);
                }
                if (!viewStage.equals(record.stage.name())) {
                    add(record.caseId, CASE_VIEW_STAGE, "stage " + record.stage, null, "stage " + viewStage, repair);
                }
            }
            for (String caseId : stages.keySet()) {
                if (!cases.containsKey(caseId)) {
                    known.add(caseId);
                    add(caseId, CASE_VIEW_ORPHAN, "no events of the case", null, "case_view row, stage "
                            + stages.get(caseId), "POST /api/admin/processors/case-views/replay (the view is rebuilt "
                            + "from the events only)");
                }
            }
        }

        private String caseViewRepair(String caseId) {
            if (deadLetters.containsKey(caseId)) {
                return "fix the cause of the dead letter, then POST /api/admin/dead-letters/case-views/retry";
            }
            if (caseViewLag > 0) {
                return "the case-views projection is " + caseViewLag + " events behind: wait until "
                        + "GET /api/admin/processors shows lagEvents 0 and check again; if it stays, "
                        + "POST /api/admin/processors/case-views/replay";
            }
            return "POST /api/admin/processors/case-views/replay (rebuilds the case views from the events)";
        }

        private void deadLettersFound(Set<String> known) {
            deadLetters.forEach((caseId, letters) -> {
                known.add(caseId);
                for (var letter : letters) {
                    add(caseId, DEAD_LETTER, letter.eventType() + " " + letter.eventId(), null,
                            "parked in the dead-letter queue of " + letter.processingGroup() + ": " + letter.cause(),
                            "fix the cause, then POST /api/admin/dead-letters/" + letter.processingGroup() + "/retry");
                }
            });
        }

        // ---------------------------------------------------------------------------------------------- the engine

        private Set<String> processes() {
            Set<String> running = new HashSet<>();
            jdbc.query("""
                    SELECT e.business_key_ FROM act_ru_execution e JOIN act_re_procdef d ON d.id_ = e.proc_def_id_
                     WHERE e.id_ = e.proc_inst_id_ AND d.key_ IN (?, ?)""" + where("e.business_key_"),
                    rs -> { running.add(rs.getString(1)); }, args(MechanismProcess.PROCESS_KEY,
                            MechanismProcess.RETURNING_NATIONAL_PROCESS_KEY));
            return running;
        }

        private Map<String, EngineTask> tasks() {
            Map<String, EngineTask> tasks = new LinkedHashMap<>();
            jdbc.query("""
                    SELECT t.id_, t.task_def_key_, t.due_date_, pi.business_key_
                      FROM act_ru_task t JOIN act_ru_execution pi ON pi.id_ = t.proc_inst_id_
                      JOIN act_re_procdef d ON d.id_ = t.proc_def_id_
                     WHERE d.key_ IN (?, ?, ?)""" + where("pi.business_key_"), rs -> {
                tasks.put(rs.getString(1), new EngineTask(rs.getString(1), rs.getString(4), rs.getString(2),
                        instant(rs.getTimestamp(3))));
            }, args(MechanismProcess.PROCESS_KEY, MechanismProcess.RETURNING_NATIONAL_PROCESS_KEY,
                    MechanismProcess.PUBLIC_REPORT_PROCESS_KEY)); // and reports' triage
            return tasks;
        }

        private Map<String, Set<String>> candidates(Set<String> taskIds) {
            Map<String, Set<String>> candidates = new HashMap<>();
            jdbc.query("""
                    SELECT l.task_id_, l.group_id_ FROM act_ru_identitylink l
                     WHERE l.type_ = 'candidate' AND l.group_id_ IS NOT NULL AND l.task_id_ IS NOT NULL""", rs -> {
                if (taskIds.contains(rs.getString(1))) {
                    candidates.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                }
            });
            return candidates;
        }

        private List<Timer> timers() {
            List<Timer> timers = new ArrayList<>();
            jdbc.query("""
                    SELECT j.id_, pi.business_key_, d.act_id_, j.duedate_
                      FROM act_ru_job j JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_
                      JOIN act_ru_execution pi ON pi.id_ = j.process_instance_id_
                     WHERE j.type_ = 'timer' AND j.process_def_key_ = ?""" + where("pi.business_key_"), rs -> {
                timers.add(new Timer(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4))));
            }, args(MechanismProcess.PROCESS_KEY));
            return timers;
        }

        private void engine(Map<String, CaseRecord> cases, Set<String> processes, Map<String, EngineTask> tasks,
                            List<Timer> timers, Set<String> known) {
            for (CaseRecord record : cases.values()) {
                boolean running = processes.contains(record.caseId);
                if (record.stage == CaseStage.CLOSED && running) {
                    add(record.caseId, PROCESS_RUNNING_AFTER_CLOSURE, "closed", "process instance running",
                            null, "delete the case's process instance (Camunda Cockpit, business key "
                                    + record.caseId + ", reason: case closed); the closure is already recorded");
                } else if (record.stage != CaseStage.CLOSED && !running) {
                    add(record.caseId, PROCESS_MISSING, "open, stage " + record.stage, "no process instance",
                            null, "start the mechanism's process for the case at " + record.stage
                                    + " (Camunda Cockpit: process instance modification from the stage's step, "
                                    + "business key " + record.caseId + ")");
                }
            }
            for (String caseId : processes) {
                if (!cases.containsKey(caseId)) {
                    known.add(caseId);
                    add(caseId, PROCESS_WITHOUT_EVENTS, "no events of the case",
                            "process instance running", null,
                            "delete the process instance (Camunda Cockpit): no case is recorded for it");
                }
            }
            timers(cases, processes, tasks, timers);
            pendingTasks(cases, processes, tasks);
            jobs(known);
        }

        /**
         * The work a case still owes on a branch of its own: a person who needs accommodation and was neither placed
         * nor declined it, once the recovery period began, has a shelter placement open; a permit applied for and
         * not decided has its decision open. A closure ends both; a running case without them has lost a step.
         */
        private void pendingTasks(Map<String, CaseRecord> cases, Set<String> processes, Map<String, EngineTask> tasks) {
            Map<String, Set<String>> open = new HashMap<>();
            tasks.values().forEach(t -> open.computeIfAbsent(t.caseId(), k -> new HashSet<>()).add(t.key()));
            for (CaseRecord record : cases.values()) {
                if (record.stage == CaseStage.CLOSED || !processes.contains(record.caseId)) {
                    continue; // a missing process is its own finding
                }
                Set<String> ofCase = open.getOrDefault(record.caseId, Set.of());
                if (record.protectionStarted && record.needsAccommodation && !record.accommodationSettled
                        && !ofCase.contains(TaskKey.SHELTER_PLACEMENT.key())) {
                    add(record.caseId, PENDING_TASK_MISSING, "accommodation needed, neither placed nor declined",
                            "no open " + TaskKey.SHELTER_PLACEMENT.key() + " task", null,
                            "start the case's process before 'pick-shelter-type' (Camunda Cockpit: process instance "
                                    + "modification, business key " + record.caseId + ")");
                }
                if (record.permitPending && !ofCase.contains(TaskKey.RESIDENCE_PERMIT_DECISION.key())) {
                    add(record.caseId, PENDING_TASK_MISSING, "residence permit applied for, not decided",
                            "no open " + TaskKey.RESIDENCE_PERMIT_DECISION.key() + " task", null,
                            "start the case's process before '" + TaskKey.RESIDENCE_PERMIT_DECISION.key()
                                    + "' with its application's id (Camunda Cockpit: process instance modification, "
                                    + "business key " + record.caseId + ")");
                }
            }
        }

        private void timers(Map<String, CaseRecord> cases, Set<String> processes, Map<String, EngineTask> tasks,
                            List<Timer> timers) {
            Map<String, List<Timer>> byCase = new HashMap<>();
            timers.forEach(t -> byCase.computeIfAbsent(t.caseId(), k -> new ArrayList<>()).add(t));
            Set<String> withReasonableGroundsTask = new HashSet<>();
            tasks.values().stream().filter(t -> TaskKey.REASONABLE_GROUNDS_DECISION.key().equals(t.key()))
                    .forEach(t -> withReasonableGroundsTask.add(t.caseId()));
            for (CaseRecord record : cases.values()) {
                if (!processes.contains(record.caseId)) {
                    continue;
                }
                List<Timer> ofCase = byCase.getOrDefault(record.caseId, List.of());
                if (record.stage == CaseStage.AWAITING_REASONABLE_GROUNDS
                        && withReasonableGroundsTask.contains(record.caseId) && record.reasonableGroundsDueAt != null
                        && !record.reasonableGroundsBreached && record.reasonableGroundsDueAt.isAfter(now)) {
                    expectTimer(record, ofCase, RG_DEADLINE_TIMER, TaskKey.REASONABLE_GROUNDS_DECISION.key(),
                            record.reasonableGroundsDueAt,
                            "reasonable-grounds decision due");
                }
                if (record.stage == CaseStage.RECOVERY_PERIOD && record.recoveryPeriodEndsAt != null
                        && record.recoveryPeriodEndsAt.isAfter(now)) {
                    expectTimer(record, ofCase, RECOVERY_TIMER, "recovery-wait", record.recoveryPeriodEndsAt,
                            "recovery period ends");
                }
            }
        }

        /** {@code restart}: the activity to start again so the engine sets the timer (a boundary timer's task). */
        private void expectTimer(CaseRecord record, List<Timer> ofCase, String activity, String restart, Instant due,
                                 String what) {
            List<Timer> found = ofCase.stream().filter(t -> activity.equals(t.activity())).toList();
            if (found.isEmpty()) {
                add(record.caseId, TIMER_MISSING, what + " " + due, "no timer job for " + activity, null,
                        "restart " + restart + " in the case's process instance (Camunda Cockpit: modification, "
                                + "cancel " + restart + " and start before " + restart + ") so the engine sets the "
                                + "timer again; its due date comes from the process variables");
                return;
            }
            for (Timer timer : found) {
                if (timer.dueAt() == null || Duration.between(timer.dueAt(), due).abs().compareTo(SAME_INSTANT) > 0) {
                    add(record.caseId, TIMER_DUE_DATE, what + " " + due, "timer job " + timer.jobId() + " of "
                            + activity + " due " + timer.dueAt(), null,
                            "set the due date of job " + timer.jobId() + " to " + due
                                    + " (Camunda Cockpit or ManagementService.setJobDuedate)");
                }
            }
        }

        private void jobs(Set<String> known) {
            jdbc.query("""
                    SELECT i.id_, pi.business_key_, i.activity_id_, i.incident_type_, i.incident_msg_
                      FROM act_ru_incident i JOIN act_ru_execution pi ON pi.id_ = i.proc_inst_id_
                     WHERE TRUE""" + where("pi.business_key_"), rs -> {
                known.add(rs.getString(2));
                add(rs.getString(2), ENGINE_INCIDENT, null, rs.getString(4) + " incident " + rs.getString(1)
                                + " at " + rs.getString(3) + ": " + rs.getString(5), null,
                        "fix the cause, then POST /api/admin/incidents/" + rs.getString(1) + "/retry");
            }, args());
            jdbc.query("""
                    SELECT j.id_, pi.business_key_, j.failed_act_id_, j.retries_, j.exception_msg_
                      FROM act_ru_job j JOIN act_ru_execution pi ON pi.id_ = j.process_instance_id_
                     WHERE j.exception_msg_ IS NOT NULL AND j.retries_ > 0""" + where("pi.business_key_"), rs -> {
                known.add(rs.getString(2));
                add(rs.getString(2), ENGINE_JOB_FAILING, null, "job " + rs.getString(1) + " at " + rs.getString(3)
                                + " failed (" + rs.getInt(4) + " retries left): " + rs.getString(5), null,
                        "the engine retries it; if the cause stays, it becomes an incident: fix the cause, then "
                                + "POST /api/admin/incidents/{id}/retry");
            }, args());
        }

        // ------------------------------------------------------------------------------------------ the work queue

        private void workQueue(Map<String, EngineTask> tasks, Map<String, Set<String>> candidates, Set<String> known) {
            Map<String, Map<String, Instant>> rows = new HashMap<>();
            Map<String, String> rowCases = new HashMap<>();
            jdbc.query("SELECT task_id, agency, case_id, due_at FROM work_queue WHERE TRUE" + where("case_id"), rs -> {
                rows.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                        instant(rs.getTimestamp(4)));
                rowCases.put(rs.getString(1), rs.getString(3));
            }, args());
            for (EngineTask task : tasks.values()) {
                Map<String, Instant> ofTask = rows.getOrDefault(task.taskId(), Map.of());
                for (String agency : candidates.getOrDefault(task.taskId(), Set.of())) {
                    if (!ofTask.containsKey(agency)) {
                        add(task.caseId(), WORK_QUEUE_MISSING, null, "open task " + task.taskId() + " ("
                                        + task.key() + ") for " + agency, "no work_queue row",
                                "re-create the queue row of " + agency + " from the engine's task " + task.taskId()
                                        + " (INSERT INTO work_queue ... from act_ru_task and its candidate groups)");
                    } else if (!sameInstant(ofTask.get(agency), task.dueAt())) {
                        add(task.caseId(), WORK_QUEUE_DUE_DATE, null, "task " + task.taskId() + " due "
                                        + task.dueAt(), "work_queue row of " + agency + " due " + ofTask.get(agency),
                                "set work_queue.due_at of task " + task.taskId() + " to the engine's due date");
                    }
                }
            }
            rows.forEach((taskId, agencies) -> {
                if (!tasks.containsKey(taskId)) {
                    String caseId = rowCases.get(taskId);
                    known.add(caseId);
                    add(caseId, WORK_QUEUE_ORPHAN, null, "no open task " + taskId,
                            "work_queue rows of " + new TreeSet<>(agencies.keySet()),
                            "DELETE FROM work_queue WHERE task_id = '" + taskId + "' (the task is no longer open)");
                }
            });
        }

        // -------------------------------------------------------------------------------------------- the shelters

        private void shelters(Map<String, CaseRecord> cases) {
            Map<String, String> placements = new HashMap<>();
            jdbc.query("SELECT case_id, shelter_id FROM shelter_placement WHERE TRUE" + where("case_id"),
                    rs -> { placements.put(rs.getString(1), rs.getString(2)); }, args());
            Set<String> all = new LinkedHashSet<>(placements.keySet());
            cases.values().stream().filter(c -> c.shelterId != null).forEach(c -> all.add(c.caseId));
            for (String caseId : all) {
                CaseRecord record = cases.get(caseId);
                String placedBy = record == null ? null : record.shelterId;
                String placedIn = placements.get(caseId);
                if (!Objects.equals(placedBy, placedIn)) {
                    add(caseId, SHELTER_PLACEMENT, placedBy == null ? "not placed" : "placed in shelter " + placedBy,
                            null, placedIn == null ? "no shelter_placement row" : "shelter_placement in " + placedIn,
                            "correct shelter_placement and shelter_view.occupied of the shelters involved from the "
                                    + "shelters' events (they are written in the command's transaction, so this "
                                    + "follows a manual change of the tables)");
                }
            }
            if (only != null) {
                return;
            }
            jdbc.query("""
                    SELECT v.shelter_id, v.occupied, (SELECT count(*) FROM shelter_placement p
                                                        WHERE p.shelter_id = v.shelter_id) AS placed
                      FROM shelter_view v""", rs -> {
                if (rs.getInt(2) != rs.getInt(3)) {
                    add(null, SHELTER_OCCUPANCY, null, null, "shelter " + rs.getString(1) + ": occupied "
                                    + rs.getInt(2) + ", placements " + rs.getInt(3),
                            "set shelter_view.occupied of shelter " + rs.getString(1) + " to its placements ("
                                    + rs.getInt(3) + ")");
                }
            });
        }

        // ---------------------------------------------------------------------------------------- statistics facts

        private void statistics(Map<String, CaseRecord> cases) {
            Map<String, Set<String>> breaches = new HashMap<>();
            jdbc.query("SELECT case_id, task_key, due_at FROM deadline_breach_fact WHERE TRUE" + where("case_id"),
                    rs -> {
                        breaches.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                                .add(rs.getString(2) + "@" + instant(rs.getTimestamp(3)));
                    }, args());
            Map<String, Set<String>> reconsiderations = new HashMap<>();
            jdbc.query("SELECT case_id, requested_at FROM reconsideration_fact WHERE TRUE" + where("case_id"),
                    rs -> {
                        reconsiderations.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                                .add(String.valueOf(instant(rs.getTimestamp(2))));
                    }, args());
            for (CaseRecord record : cases.values()) {
                if (deadLetters.containsKey(record.caseId)) {
                    continue; // already reported: the parked events are the facts' cause
                }
                compareFacts(record, "deadline breaches", truncated(record.breaches),
                        truncated(breaches.getOrDefault(record.caseId, Set.of())));
                compareFacts(record, "reconsideration requests", truncated(record.reconsiderations),
                        truncated(reconsiderations.getOrDefault(record.caseId, Set.of())));
            }
        }

        private void compareFacts(CaseRecord record, String what, Set<String> events, Set<String> facts) {
            if (!events.equals(facts)) {
                add(record.caseId, STATISTICS_FACT, events.size() + " " + what + " " + events, null,
                        facts.size() + " facts " + facts, caseViewRepair(record.caseId));
            }
        }
    }

    /** Instants as text to the second, so the event's nanoseconds and the database's microseconds compare. */
    private static Set<String> truncated(Set<String> keys) {
        Set<String> out = new TreeSet<>();
        for (String key : keys) {
            out.add(key.replaceAll("(T\\d{2}:\\d{2}:\\d{2})\\.\\d+Z", "$1Z"));
        }
        return out;
    }

    private static boolean sameInstant(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Duration.between(a, b).abs().compareTo(SAME_INSTANT) <= 0;
    }

    private static Instant instant(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Object[] concat(Object[] head, Object tail) {
        Object[] all = Arrays.copyOf(head, head.length + 1);
        all[head.length] = tail;
        return all;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Set<String> handledTypes(Class<?> projection) {
        Set<String> types = new TreeSet<>();
        for (Method method : projection.getDeclaredMethods()) {
            if (method.isAnnotationPresent(EventHandler.class) && method.getParameterCount() > 0) {
                types.add(method.getParameterTypes()[0].getName());
            }
        }
        return Set.copyOf(types);
    }
}
