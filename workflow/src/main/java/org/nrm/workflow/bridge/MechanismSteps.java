package org.nrm.workflow.bridge;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.AgeAssessed;
import org.nrm.referral.api.CaseReopened;
import org.nrm.referral.api.MoveOnSupportStarted;
import org.nrm.referral.api.PersonPlaced;
import org.nrm.referral.api.PlacementEndReason;
import org.nrm.referral.api.PlacementEnded;
import org.nrm.referral.api.ProtectionDisqualified;
import org.nrm.referral.api.ResidencePermitRenewed;
import org.nrm.referral.api.ResidencePermitRevoked;
import org.nrm.referral.api.ResumePoint;
import org.nrm.referral.model.JurisdictionRules;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.ProcessEndState;
import org.nrm.workflow.ProcessVariables;
import org.nrm.workflow.TaskKey;
import org.nrm.workflow.queue.Notifications;
import org.nrm.workflow.queue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The steps taken on a case outside a task that the process follows: a renewed or revoked permit, move-on support
 * started, a disqualification that ends the recovery period, an adult who must now consent, and a reopened case (a new
 * process instance started at the step the case stood before closure). Runs in the workflow bridge's subscribing
 * processor, in the transaction of the command; messages reach the process through the asynchronous correlation job.
 */
@Component
@ProcessingGroup(WorkflowBridge.PROCESSING_GROUP)
class MechanismSteps {

    static final String PERMIT_RENEWED = MechanismProcess.PERMIT_RENEWED;
    static final String PERMIT_REVOKED = "residence-permit-revoked";
    static final String MOVE_ON_SUPPORT_STARTED = "move-on-support-started";
    static final String PROTECTION_DISQUALIFIED = "protection-disqualified";
    static final String CONSENT_REQUIRED = org.nrm.workflow.ConsentRequiredTurn.NAME;

    /** The BPMN activity at which each resume point takes the case up. */
    private static final Map<ResumePoint, String> RESUME_ACTIVITY = Map.of(
            ResumePoint.CONSENT, "consent-given",
            ResumePoint.REASONABLE_GROUNDS_DECISION, TaskKey.REASONABLE_GROUNDS_DECISION.key(),
            ResumePoint.RECOVERY_PERIOD, "recovery-merge",
            ResumePoint.CONCLUSIVE_GROUNDS_DECISION, TaskKey.CONCLUSIVE_GROUNDS_DECISION.key(),
            ResumePoint.RECONSIDERATION_WINDOW, "reconsideration-window",
            ResumePoint.RECONSIDERATION_DECISION, TaskKey.RECONSIDERATION_DECISION.key(),
            ResumePoint.DURABLE_SOLUTION, TaskKey.DURABLE_SOLUTION.key(),
            ResumePoint.CASE_CLOSURE, TaskKey.CASE_CLOSURE.key(),
            ResumePoint.VOLUNTARY_RETURN, TaskKey.RETURN_RISK_ASSESSMENT.key());

    /**
     * The tasks on a branch of their own (not on the way from the step a case resumes at) that a reopening opens
     * again when the case's last instance still held them, and the activity each starts before: the shelter placement
     * from its shelter type (decided again, on the facts now), the residence-permit decision of the application
     * restored with the variables, the age assessment in the child's safeguarding. The guardian's appointment comes
     * back from the domain's own record ({@link CaseReopened#guardianNeeded}).
     */
    static final Map<String, String> OWN_BRANCH_TASKS = Map.of(
            TaskKey.SHELTER_PLACEMENT.key(), "pick-shelter-type",
            TaskKey.RESIDENCE_PERMIT_DECISION.key(), TaskKey.RESIDENCE_PERMIT_DECISION.key(),
            TaskKey.AGE_ASSESSMENT.key(), TaskKey.AGE_ASSESSMENT.key());

    private static final Logger log = LoggerFactory.getLogger(MechanismSteps.class);

    /** The subprocess that holds a granted permit in force (reminder, expiry, renewal, revocation). */
    static final String PERMIT_IN_FORCE = "permit-in-force";

    private final RuntimeService runtime;
    private final HistoryService history;
    private final WorkQueue workQueue;
    private final Notifications notifications;
    private final JdbcTemplate jdbc;
    private final JurisdictionRules rules;

    private final ProcessEndState endState;

    MechanismSteps(RuntimeService runtime, HistoryService history, WorkQueue workQueue, Notifications notifications,
                   JdbcTemplate jdbc, JurisdictionRules rules, ProcessEndState endState) {
        this.endState = endState;
        this.runtime = runtime;
        this.history = history;
        this.workQueue = workQueue;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.rules = rules;
    }

    @EventHandler
    void on(ResidencePermitRenewed event, EventMessage<?> message) {
        correlate(message, event.caseId(), PERMIT_RENEWED, Map.of(
                ProcessVariables.PERMIT_VALID_UNTIL.name(), Date.from(event.validUntil()),
                ProcessVariables.PERMIT_REMINDER_AT.name(), Date.from(event.reminderAt())));
    }

    @EventHandler
    void on(ResidencePermitRevoked event, EventMessage<?> message) {
        correlate(message, event.caseId(), PERMIT_REVOKED, Map.of());
    }

    @EventHandler
    void on(MoveOnSupportStarted event, EventMessage<?> message) {
        correlate(message, event.caseId(), MOVE_ON_SUPPORT_STARTED,
                Map.of(ProcessVariables.MOVE_ON_SUPPORT_ENDS_AT.name(), Date.from(event.endsAt())));
    }

    @EventHandler
    void on(ProtectionDisqualified event, EventMessage<?> message) {
        if (event.endedRecoveryPeriod()) {
            correlate(message, event.caseId(), PROTECTION_DISQUALIFIED, Map.of());
        }
    }

    /** An adult referred as a child without consent: the reasonable-grounds decision waits for the person's consent. */
    @EventHandler
    void on(AgeAssessed event, EventMessage<?> message) {
        if (event.consentToContinueRequired()) {
            // after the reasonable-grounds decision the case stays where it is (the decision and its protection
            // stand); the referring agency is asked to take the person's consent before the conclusive decision
            jdbc.queryForList("SELECT agency FROM case_involvement WHERE case_id = ? AND reason IN ('referred', 'notified')",
                    String.class, event.caseId()).forEach(agency -> notifications.notify(agency,
                    Notifications.Audience.EVERYONE, event.caseId(), "consent-required",
                    "The person was assessed as an adult and was referred without consent: record the person's "
                            + "consent to the referral (POST /api/cases/" + event.caseId() + "/consents, scope REFERRAL) "
                            + "before the conclusive decision; if they do not consent, the case is closed as withdrawn."));
            return;
        }
        if (!event.consentRequired()) {
            return;
        }
        correlate(message, event.caseId(), CONSENT_REQUIRED, Map.of());
        jdbc.queryForList("SELECT agency FROM case_involvement WHERE case_id = ? AND reason IN ('referred', 'notified')",
                String.class, event.caseId()).forEach(agency -> notifications.notify(agency,
                Notifications.Audience.EVERYONE, event.caseId(), "consent-required",
                "The person was assessed as an adult and was referred without consent: record the person's consent "
                        + "(POST /api/cases/" + event.caseId() + "/consent) for the referral to go on."));
    }

    /**
     * A reopened case gets a new process instance, started at the step it stood before closure (not at the referral),
     * with the variables its last process instance ended with and the deadlines the reopening recorded.
     */
    @EventHandler
    void on(CaseReopened event, @MetaDataValue(Actor.AGENCY_KEY) String agency) {
        String caseId = event.caseId();
        boolean running = runtime.createProcessInstanceQuery().processDefinitionKey(MechanismProcess.PROCESS_KEY)
                .processInstanceBusinessKey(caseId).count() > 0;
        if (running) {
            log.info("Case {} already has a running process; the reopening starts none", caseId);
            return;
        }
        Map<String, Object> variables = lastVariables(caseId);
        ProcessVariables.CASE_ID.put(variables, caseId);
        ProcessVariables.CHILD.put(variables, event.child());
        ProcessVariables.NOTIFICATION.put(variables, event.resumeAt() == ResumePoint.CONSENT);
        variables.putIfAbsent(ProcessVariables.NEEDS_ACCOMMODATION.name(), false);
        variables.putIfAbsent(ProcessVariables.FOREIGN_NATIONAL.name(), false);
        variables.putIfAbsent(ProcessVariables.AGE_UNCERTAIN.name(), false);
        putDate(variables, ProcessVariables.REASONABLE_GROUNDS_DUE_AT, event.reasonableGroundsDueAt());
        putDate(variables, ProcessVariables.RECOVERY_PERIOD_ENDS_AT, event.recoveryPeriodEndsAt());
        putDate(variables, ProcessVariables.RECONSIDERATION_WINDOW_ENDS_AT, event.reconsiderationWindowEndsAt());
        if (event.negativeDecision() != null) {
            ProcessVariables.NEGATIVE_DECISION.put(variables, event.negativeDecision().name());
        }
        String resumeActivity = event.resumeAt() == ResumePoint.VOLUNTARY_RETURN
                ? ReturnResumption.resumeActivity(history, caseId, variables) : RESUME_ACTIVITY.get(event.resumeAt());
        ProcessInstantiationBuilder start = runtime.createProcessInstanceByKey(MechanismProcess.PROCESS_KEY)
                .businessKey(caseId).setVariables(variables).startBeforeActivity(resumeActivity);
        if (event.guardianNeeded() && event.resumeAt() != ResumePoint.CONSENT) {
            ProcessVariables.GUARDIAN_DUE_AT.put(variables,
                    Date.from(rules.daysAfter(event.reopenedAt(), rules.guardianAppointmentDays())));
            start.setVariables(variables).startBeforeActivity(TaskKey.GUARDIAN_APPOINTMENT.key());
        }
        java.util.Set<String> openAtClosure = endState.openTasksOf(caseId);
        for (String open : openAtClosure) {
            String before = OWN_BRANCH_TASKS.get(open);
            if (before != null && !before.equals(resumeActivity)) {
                // the task was open when the case closed: a closure does not settle it
                start.startBeforeActivity(before);
            }
        }
        if (!openAtClosure.contains(TaskKey.SHELTER_PLACEMENT.key()) && event.resumeAt().underProtection()
                && placementEndedByClosure(caseId)) {
            // the closure freed the person's bed; taken up again under protection, they need a place again: the
            // shelter provider places them (the type decided again, on the facts now) or records that they decline
            start.startBeforeActivity(OWN_BRANCH_TASKS.get(TaskKey.SHELTER_PLACEMENT.key()));
        }
        if (permitHeldAtClosure(caseId, variables, event.reopenedAt())) {
            // the permit the closure found in force is held again: its reminder, expiry, renewal and revocation
            start.startBeforeActivity(PERMIT_IN_FORCE);
        }
        start.execute();
        workQueue.recordInvolvement(caseId, agency, event.reopenedAt(), "reopened");
    }

    /**
     * Whether the person's last shelter placement was ended by the case's closure and they have had none since: the
     * event store's record of the case (its {@code case_id} index), the placement's reason a non-personal field.
     */
    private boolean placementEndedByClosure(String caseId) {
        List<Map<String, Object>> last = jdbc.queryForList("""
                SELECT e.payloadtype, convert_from(e.payload, 'UTF8')::jsonb ->> 'reason' AS reason
                  FROM domainevententry e
                 WHERE e.case_id = ? AND e.payloadtype IN (?, ?)
                 ORDER BY e.globalindex DESC LIMIT 1""", caseId, PersonPlaced.class.getName(),
                PlacementEnded.class.getName());
        return !last.isEmpty() && PlacementEnded.class.getName().equals(last.get(0).get("payloadtype"))
                && PlacementEndReason.CASE_CLOSED.name().equals(last.get(0).get("reason"));
    }

    /**
     * Whether the case's last process instance was holding a granted permit in force when it ended (the closure
     * cancelled its "Permit in force" subprocess, rather than a lapse or revocation completing it) and the permit is
     * still valid at the reopening.
     */
    private boolean permitHeldAtClosure(String caseId, Map<String, Object> variables, java.time.Instant now) {
        Date validUntil = ProcessVariables.PERMIT_VALID_UNTIL.from(variables);
        if (validUntil == null || !validUntil.toInstant().isAfter(now)
                || ProcessVariables.PERMIT_APPLICATION_ID.from(variables) == null) {
            return false;
        }
        List<HistoricProcessInstance> last = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(MechanismProcess.PROCESS_KEY).processInstanceBusinessKey(caseId).finished()
                .orderByProcessInstanceEndTime().desc().listPage(0, 1);
        if (last.isEmpty()) {
            return false;
        }
        var held = history.createHistoricActivityInstanceQuery().processInstanceId(last.get(0).getId())
                .activityId(PERMIT_IN_FORCE).orderByHistoricActivityInstanceStartTime().desc().listPage(0, 1);
        return !held.isEmpty() && held.get(0).isCanceled();
    }

    /**
     * The process-level variables the case's last process instance ended with (none personal: see MechanismProcess):
     * the platform's record of it, or for an instance that ended before that record began, the engine's history.
     */
    private Map<String, Object> lastVariables(String caseId) {
        Optional<Map<String, Object>> recorded = endState.lastOf(caseId);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        Map<String, Object> variables = new HashMap<>();
        List<HistoricProcessInstance> last = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(MechanismProcess.PROCESS_KEY).processInstanceBusinessKey(caseId).finished()
                .orderByProcessInstanceEndTime().desc().listPage(0, 1);
        if (last.isEmpty()) {
            return variables;
        }
        String instanceId = last.get(0).getId();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(instanceId).list()) {
            if (instanceId.equals(variable.getActivityInstanceId()) && variable.getErrorMessage() == null) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }

    private static void putDate(Map<String, Object> variables, ProcessVariables.Variable<Date> variable,
                                java.time.Instant instant) {
        if (instant != null) {
            variable.put(variables, Date.from(instant));
        }
    }

    private void correlate(EventMessage<?> message, String caseId, String messageName, Map<String, Object> variables) {
        Map<String, Object> job = DomainEventCorrelator.job(caseId, messageName, message.getIdentifier(), variables);
        runtime.createProcessInstanceByKey(MechanismProcess.CORRELATION_PROCESS_KEY).businessKey(caseId)
                .setVariables(job).execute();
    }
}
