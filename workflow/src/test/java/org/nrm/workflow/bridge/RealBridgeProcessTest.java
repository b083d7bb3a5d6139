package org.nrm.workflow.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.AgeGroup;
import org.nrm.referral.api.CaseClosed;
import org.nrm.referral.api.ClosureCategory;
import org.nrm.referral.api.EndRecoveryPeriod;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.PersonProfile;
import org.nrm.referral.api.RecordDeadlineBreach;
import org.nrm.referral.api.RecoveryPeriodExtended;
import org.nrm.referral.api.ReferralSubmitted;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.TestJurisdictions;
import org.nrm.workflow.jurisdiction.AgencyDirectory;
import org.nrm.workflow.queue.WorkQueue;

/**
 * The engine bridge as it runs in the application, on the real engine and the real tables: the real
 * {@link WorkflowBridge} starts the case's process from the domain event (the second jurisdiction's rules count the
 * guardian's days), the real {@link DomainEventCorrelator} delivers later events through its job (once per event),
 * and the real breach step writes the lead's notification. Only the command gateway is recorded (the outside edge).
 */
@Deployment(resources = {"bpmn/national-referral-mechanism.bpmn", "bpmn/shelter-type.dmn",
        "bpmn/domain-event-correlation.bpmn"})
class RealBridgeProcessTest extends MechanismProcessTestSupport {

    private final String caseId = "case-" + UUID.randomUUID();
    private WorkflowBridge bridge;

    @Override
    protected AgencyDirectory directory() {
        return TestJurisdictions.NORDLAND;
    }

    @BeforeEach
    void realBridge() {
        Mocks.register("domainEventCorrelator", new DomainEventCorrelator(engine.getRuntimeService(), jdbc, clock));
        bridge = new WorkflowBridge(engine.getRuntimeService(), new WorkQueue(jdbc), SecondJurisdictionProcessTest.NORDLAND_RULES);
    }

    private ReferralSubmitted referral(boolean child) {
        return new ReferralSubmitted(caseId, "NRM-1", "politi-nord", null,
                new PersonProfile(Gender.FEMALE, child ? AgeGroup.CHILD : AgeGroup.ADULT, false, List.of("NO"), List.of("no")),
                null, child, false, false, START, SecondJurisdictionProcessTest.NORDLAND_RULES.workingDaysAfter(START, 10));
    }

    private ProcessInstance mechanism() {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(MechanismProcess.PROCESS_KEY)
                .processInstanceBusinessKey(caseId).singleResult();
    }

    /** Runs the correlation jobs of this case, as the job executor would. */
    private int runCorrelations() {
        List<Job> due = engine.getManagementService().createJobQuery().processDefinitionKey(
                MechanismProcess.CORRELATION_PROCESS_KEY).executable().list();
        due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        return due.size();
    }

    @Test
    void the_bridge_starts_the_case_with_the_second_jurisdictions_guardian_days_and_the_breach_reaches_its_lead() {
        EventMessage<ReferralSubmitted> submitted = GenericEventMessage.asEventMessage(referral(true));
        bridge.on(submitted.getPayload());
        bridge.on(submitted.getPayload()); // redelivered: the process is not started twice
        ProcessInstance instance = mechanism();
        assertThat(instance).isNotNull();
        assertThat(task(instance, "guardian-appointment").getDueDate()).isEqualTo(date(days(3)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_involvement WHERE case_id = ? AND agency = ?",
                Integer.class, caseId, "politi-nord")).isEqualTo(1);

        moveClockTo(days(3).plusSeconds(60));
        runDueJobs(instance);

        assertThat(commands()).containsExactly(new RecordDeadlineBreach(caseId, "guardian-appointment", days(3)));
        assertThat(notifications()).containsExactly("barnevernet-nord/LEADS/deadline-breach");
    }

    @Test
    void an_extension_is_delivered_once_by_the_real_correlator_and_moves_the_recovery_periods_end() {
        bridge.on(referral(false));
        ProcessInstance instance = mechanism();
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE", "recoveryPeriodEndsAt", date(days(45)));
        assertThat(instance).isWaitingAt("recovery-wait");

        EventMessage<RecoveryPeriodExtended> extended = GenericEventMessage.asEventMessage(
                new RecoveryPeriodExtended(caseId, 30, null, days(75), days(10)));
        bridge.on(extended.getPayload(), extended);
        bridge.on(extended.getPayload(), extended); // the event handler runs again (a replay, a retry)
        assertThat(runCorrelations()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT outcome FROM correlated_event WHERE case_id = ?", String.class, caseId))
                .containsExactly("correlated");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("recovery-period-extended").count()).isEqualTo(1);

        moveClockTo(days(45).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).doesNotContain("conclusive-grounds-decision");
        moveClockTo(days(75).plusSeconds(60));
        runDueJobs(instance);
        assertThat(commands()).containsExactly(new EndRecoveryPeriod(caseId));
        assertThat(candidateGroups(instance)).containsExactly("utlendingsdirektoratet");
    }

    private List<String> candidateGroups(ProcessInstance instance) {
        return engine.getTaskService().getIdentityLinksForTask(task(instance, "conclusive-grounds-decision").getId())
                .stream().map(link -> link.getGroupId()).toList();
    }

    @Test
    void a_closure_is_correlated_and_an_event_for_a_case_whose_process_ended_needs_no_delivery() {
        bridge.on(referral(false));
        ProcessInstance instance = mechanism();
        EventMessage<CaseClosed> closed = GenericEventMessage.asEventMessage(
                new CaseClosed(caseId, ClosureCategory.LOST_CONTACT, null, days(2)));
        bridge.on(closed.getPayload(), closed);
        runCorrelations();
        assertThat(instance).isEnded();

        EventMessage<CaseClosed> late = GenericEventMessage.asEventMessage(
                new CaseClosed(caseId, ClosureCategory.LOST_CONTACT, null, days(3)));
        bridge.on(late.getPayload(), late);
        assertThat(runCorrelations()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT outcome FROM correlated_event WHERE case_id = ? ORDER BY correlated_at",
                String.class, caseId)).containsExactlyInAnyOrder("correlated", "no-running-process");
    }
}
