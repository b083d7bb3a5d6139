package org.nrm.workflow.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.EndMoveOnSupport;
import org.nrm.referral.api.RecordDeadlineBreach;
import org.nrm.workflow.MechanismProcess;

/**
 * The statutory clocks and the steps taken outside a task, on the mechanism's model: the guardian's due date, a
 * permit's end (renewal, revocation, expiry), move-on support's end, the conclusive decision's target after the
 * recovery period, the reconsideration decision's target, a disqualification during the recovery period,
 * consent after an age assessment, and a reopened case started at its step.
 */
@Deployment(resources = {"bpmn/national-referral-mechanism.bpmn", "bpmn/shelter-type.dmn"})
class MechanismClocksProcessTest extends MechanismProcessTestSupport {

    private ProcessInstance grantedPermit() {
        ProcessInstance instance = start(referral(false, false, true, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                "recoveryPeriodEndsAt", date(days(400)));
        runDueJobs(instance);
        complete(instance, "residence-permit-decision", "permitDecision", "GRANTED",
                "permitReminderAt", date(days(300)), "permitValidUntil", date(days(360)));
        return instance;
    }

    @Test
    void when_the_guardian_due_date_passes_the_breach_is_recorded_and_the_task_stays_open() {
        ProcessInstance instance = start(referral(true, false, false, false));
        moveClockTo(days(1).minusSeconds(60));
        runDueJobs(instance);
        assertThat(mechanismSteps).isEmpty();

        moveClockTo(days(1).plusSeconds(60));
        runDueJobs(instance);

        assertThat(mechanismSteps).containsExactly("deadlineBreach:guardian-appointment");
        assertThat(openTaskKeys(instance)).contains("guardian-appointment");
    }

    @Test
    void a_permit_not_renewed_expires_at_its_end_and_the_lapse_is_a_breach_for_the_immigration_authority() {
        ProcessInstance instance = grantedPermit();
        moveClockTo(days(300).plusSeconds(60));
        runDueJobs(instance);
        assertThat(mechanismSteps).containsExactly("applyForResidencePermit:null", "permitReminder:null");
        assertThat(instance).isWaitingAt("permit-valid-until");

        moveClockTo(days(360).plusSeconds(60));
        runDueJobs(instance);
        assertThat(mechanismSteps).containsExactly("applyForResidencePermit:null", "permitReminder:null",
                "expireResidencePermit:null", "deadlineBreach:residence-permit-renewal");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("permit-ended-by-expiry").finished().count()).isEqualTo(1);
    }

    @Test
    void a_renewal_moves_the_reminder_and_the_expiry_to_the_new_end() {
        ProcessInstance instance = grantedPermit();
        correlate(instance, "residence-permit-renewed", "permitReminderAt", date(days(600)),
                "permitValidUntil", date(days(660)));
        moveClockTo(days(400).plusSeconds(60));
        runDueJobs(instance);
        assertThat(mechanismSteps).doesNotContain("permitReminder:null", "expireResidencePermit:null");
        assertThat(instance).isWaitingAt("permit-reminder");

        moveClockTo(days(660).plusSeconds(60));
        runDueJobs(instance);
        assertThat(mechanismSteps).containsSubsequence("permitReminder:null", "expireResidencePermit:null");
    }

    @Test
    void a_revoked_permit_has_no_reminder_and_no_expiry() {
        ProcessInstance instance = grantedPermit();
        correlate(instance, "residence-permit-revoked");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("permit-reminder").count()).isZero();
        moveClockTo(days(700));
        runDueJobs(instance);
        assertThat(mechanismSteps).doesNotContain("permitReminder:null", "expireResidencePermit:null");
    }

    /** A positive conclusive decision, move-on support until day 80, the durable solution still to be chosen. */
    private ProcessInstance inMoveOnSupportUntilDay80() {
        ProcessInstance instance = start(referral(false, false, false, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                "recoveryPeriodEndsAt", date(days(35)));
        moveClockTo(days(35).plusSeconds(60));
        runDueJobs(instance);
        complete(instance, "conclusive-grounds-decision", "cgOutcome", "POSITIVE");
        correlate(instance, "move-on-support-started", "moveOnSupportEndsAt", date(days(80)));
        assertThat(openTaskKeys(instance)).containsExactly("durable-solution");
        return instance;
    }

    @Test
    void each_move_on_support_period_ends_on_its_own_timer() {
        ProcessInstance instance = inMoveOnSupportUntilDay80();

        moveClockTo(days(79));
        runDueJobs(instance);
        assertThat(mechanismSteps).doesNotContain("endMoveOnSupport:null");

        moveClockTo(days(80).plusSeconds(60));
        runDueJobs(instance);
        assertThat(mechanismSteps).containsOnlyOnce("endMoveOnSupport:null");
        assertThat(openTaskKeys(instance)).containsExactly("durable-solution");
        // the case answered that this period had not ended (a later one, or ended early): no breach
        assertThat(commands()).endsWith(EndMoveOnSupport.atPeriodEnd("case-1"));
        assertThat(commands(RecordDeadlineBreach.class)).isEmpty();
        assertThat(notifications()).isEmpty();
    }

    @Test
    void move_on_support_ending_before_the_durable_solution_is_a_breach_for_the_agency_that_owns_the_choice() {
        ProcessInstance instance = inMoveOnSupportUntilDay80();
        moveOnSupportEndedAt = days(80);

        moveClockTo(days(80).plusSeconds(60));
        runDueJobs(instance);

        // the real delegate ends the support as the mechanism, then records the breach the case's answer calls for
        assertThat(commands()).endsWith(EndMoveOnSupport.atPeriodEnd("case-1"),
                new RecordDeadlineBreach("case-1", "durable-solution", days(80)));
        assertThat(sent.subList(sent.size() - 2, sent.size())).allSatisfy(command -> assertThat(command.getMetaData())
                .containsEntry(Actor.USER_KEY, "system").containsEntry(Actor.AGENCY_KEY, "mechanism"));
        assertThat(notifications()).containsExactly("shelter-provider/LEADS/deadline-breach");
        assertThat(meters.get("nrm.deadline.breaches").tag("agency", "shelter-provider").tag("task", "durable-solution")
                .counter().count()).isEqualTo(1.0);
        assertThat(openTaskKeys(instance)).containsExactly("durable-solution");
    }

    /** The recovery period of 35 days over: the conclusive decision awaited since day 35 (and a minute). */
    private ProcessInstance awaitingTheConclusiveDecision() {
        ProcessInstance instance = start(referral(false, false, false, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                "recoveryPeriodEndsAt", date(days(35)));
        moveClockTo(days(35).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).containsExactly("conclusive-grounds-decision");
        return instance;
    }

    private double breaches(String agency, String taskKey) {
        var counter = meters.find("nrm.deadline.breaches").tag("agency", agency).tag("task", taskKey).counter();
        return counter == null ? 0 : counter.count();
    }

    private long timers(ProcessInstance instance, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(activityId).count();
    }

    @Test
    void a_conclusive_decision_not_taken_within_the_target_after_the_recovery_period_is_a_breach_and_the_task_stays_open() {
        ProcessInstance instance = awaitingTheConclusiveDecision();
        // the demo's target: 90 days from the end of the recovery period (the moment the task opened)
        java.time.Instant due = days(35).plusSeconds(60).plus(java.time.Duration.ofDays(90));
        assertThat(task(instance, "conclusive-grounds-decision").getDueDate()).isEqualTo(date(due));
        int before = sent.size();

        moveClockTo(due.minusSeconds(60));
        runDueJobs(instance);
        assertThat(commands(RecordDeadlineBreach.class)).isEmpty();

        moveClockTo(due.plusSeconds(60));
        runDueJobs(instance);

        // only the breach is sent (as the mechanism): the recovery period's end and the support are not touched
        assertThat(commands().subList(before, sent.size()))
                .containsExactly(new RecordDeadlineBreach("case-1", "conclusive-grounds-decision", due));
        assertThat(sent.get(sent.size() - 1).getMetaData())
                .containsEntry(Actor.USER_KEY, "system").containsEntry(Actor.AGENCY_KEY, "mechanism");
        assertThat(mechanismSteps).endsWith("deadlineBreach:conclusive-grounds-decision");
        assertThat(notifications()).containsExactly("competent-authority/LEADS/deadline-breach");
        assertThat(breaches("competent-authority", "conclusive-grounds-decision")).isEqualTo(1.0);
        assertThat(openTaskKeys(instance)).containsExactly("conclusive-grounds-decision");
        assertThat(timers(instance, "cg-overdue")).isZero();

        // the decision still taken late carries the case on as usual
        complete(instance, "conclusive-grounds-decision", "cgOutcome", "POSITIVE");
        assertThat(openTaskKeys(instance)).containsExactly("durable-solution");
        assertThat(commands(RecordDeadlineBreach.class)).hasSize(1);
    }

    @Test
    void a_conclusive_decision_taken_within_the_target_records_no_breach() {
        ProcessInstance instance = awaitingTheConclusiveDecision();
        assertThat(timers(instance, "cg-overdue")).isEqualTo(1);
        moveClockTo(days(120));
        complete(instance, "conclusive-grounds-decision", "cgOutcome", "POSITIVE");
        assertThat(timers(instance, "cg-overdue")).isZero();

        moveClockTo(days(400));
        runDueJobs(instance);
        assertThat(commands(RecordDeadlineBreach.class)).isEmpty();
        assertThat(notifications()).isEmpty();
        assertThat(meters.find("nrm.deadline.breaches").counters()).isEmpty();
    }

    /** A negative reasonable-grounds decision, its reconsideration requested on day 10. */
    private ProcessInstance reconsiderationRequestedOnDay10() {
        ProcessInstance instance = start(referral(false, false, false, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "NEGATIVE",
                "negativeDecision", "REASONABLE_GROUNDS", "reconsiderationWindowEndsAt", date(days(30)));
        moveClockTo(days(10));
        correlate(instance, "reconsideration-requested");
        assertThat(openTaskKeys(instance)).containsExactly("reconsideration-decision");
        return instance;
    }

    @Test
    void a_reconsideration_not_decided_within_the_target_is_a_breach_for_the_competent_authority_and_the_task_stays_open() {
        ProcessInstance instance = reconsiderationRequestedOnDay10();
        // the demo's target: 30 days from the request
        assertThat(task(instance, "reconsideration-decision").getDueDate()).isEqualTo(date(days(40)));

        moveClockTo(days(40).minusSeconds(60));
        runDueJobs(instance);
        assertThat(commands(RecordDeadlineBreach.class)).isEmpty();

        moveClockTo(days(40).plusSeconds(60));
        runDueJobs(instance);

        assertThat(commands()).containsExactly(new RecordDeadlineBreach("case-1", "reconsideration-decision", days(40)));
        assertThat(sent.get(0).getMetaData())
                .containsEntry(Actor.USER_KEY, "system").containsEntry(Actor.AGENCY_KEY, "mechanism");
        assertThat(notifications()).containsExactly("competent-authority/LEADS/deadline-breach");
        assertThat(breaches("competent-authority", "reconsideration-decision")).isEqualTo(1.0);
        assertThat(openTaskKeys(instance)).containsExactly("reconsideration-decision");

        complete(instance, "reconsideration-decision", "reconsiderationOutcome", "UPHELD");
        assertThat(openTaskKeys(instance)).containsExactly("case-closure");
    }

    @Test
    void a_reconsideration_decided_within_the_target_records_no_breach() {
        ProcessInstance instance = reconsiderationRequestedOnDay10();
        assertThat(timers(instance, "reconsideration-overdue")).isEqualTo(1);
        moveClockTo(days(39));
        complete(instance, "reconsideration-decision", "reconsiderationOutcome", "UPHELD");
        assertThat(timers(instance, "reconsideration-overdue")).isZero();

        moveClockTo(days(200));
        runDueJobs(instance);
        assertThat(commands(RecordDeadlineBreach.class)).isEmpty();
        assertThat(notifications()).isEmpty();
        assertThat(meters.find("nrm.deadline.breaches").counters()).isEmpty();
    }

    @Test
    void a_disqualification_during_the_recovery_period_makes_the_conclusive_decision_due_at_once() {
        ProcessInstance instance = start(referral(false, false, false, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                "recoveryPeriodEndsAt", date(days(35)));
        assertThat(instance).isWaitingAt("recovery-wait");
        correlate(instance, "protection-disqualified");
        assertThat(openTaskKeys(instance)).containsExactly("conclusive-grounds-decision");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("recovery-period-over").count()).isZero();
    }

    @Test
    void an_adult_referred_as_a_child_without_consent_waits_for_consent_before_the_reasonable_grounds_decision() {
        ProcessInstance instance = start(referral(true, true, false, false));
        complete(instance, "age-assessment", "ageAssessment", "ADULT", "child", false);
        org.nrm.workflow.ConsentRequiredTurn.take(engine.getRuntimeService(), instance.getId());
        assertThat(openTaskKeys(instance)).isEmpty();
        assertThat(instance).isWaitingAt("consent-given");

        correlate(instance, "consent-given", "reasonableGroundsDueAt", date(days(9)), "needsAccommodation", false);
        assertThat(openTaskKeys(instance)).containsExactly("reasonable-grounds-decision");
        assertThat(task(instance, "reasonable-grounds-decision").getDueDate()).isEqualTo(date(days(9)));

        // once decided, the turn is refused (the correlation job fails and is retried, then an incident)
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                "recoveryPeriodEndsAt", date(days(35)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.nrm.workflow.ConsentRequiredTurn.take(
                        engine.getRuntimeService(), instance.getId()))
                .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
                .hasMessageContaining("not at its reasonable-grounds decision");
        assertThat(instance).isWaitingAt("recovery-wait");
    }

    @Test
    void a_reopened_case_starts_at_the_step_it_stood_before_and_keeps_its_clocks() {
        Map<String, Object> variables = referral(false, false, false, false);
        variables.put("recoveryPeriodEndsAt", date(days(20)));
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceByKey(MechanismProcess.PROCESS_KEY)
                .businessKey("case-1").setVariables(variables).startBeforeActivity("recovery-merge").execute();
        assertThat(openTaskKeys(instance)).isEmpty();
        assertThat(instance).isWaitingAt("recovery-wait");

        moveClockTo(days(20).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).containsExactly("conclusive-grounds-decision");
    }

    @Test
    void a_reopened_childs_case_gets_its_guardian_appointment_beside_the_step() {
        Map<String, Object> variables = referral(true, false, false, false);
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceByKey(MechanismProcess.PROCESS_KEY)
                .businessKey("case-1").setVariables(variables).startBeforeActivity("conclusive-grounds-decision")
                .startBeforeActivity("guardian-appointment").execute();
        assertThat(openTaskKeys(instance)).containsExactly("conclusive-grounds-decision", "guardian-appointment");
        complete(instance, "guardian-appointment");
        assertThat(openTaskKeys(instance)).containsExactly("conclusive-grounds-decision");
    }
}
