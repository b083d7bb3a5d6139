package org.nrm.workflow.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.AbandonVoluntaryReturn;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.CompleteVoluntaryReturn;
import org.nrm.referral.api.OpenVoluntaryReturn;
import org.nrm.referral.api.RequestVoluntaryReturn;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.TaskKey;

@Deployment(resources = {"bpmn/national-referral-mechanism.bpmn", "bpmn/shelter-type.dmn"})
class NationalReferralMechanismProcessTest extends MechanismProcessTestSupport {

    private List<String> candidateGroups(ProcessInstance instance, String key) {
        return engine.getTaskService().getIdentityLinksForTask(task(instance, key).getId()).stream()
                .map(IdentityLink::getGroupId).filter(java.util.Objects::nonNull).toList();
    }

    private ProcessInstance positiveReasonableGrounds(Map<String, Object> referral) {
        ProcessInstance instance = start(referral);
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                "recoveryPeriodEndsAt", date(days(35)));
        runDueJobs(instance);
        return instance;
    }

    private ProcessInstance atConclusiveGrounds(Map<String, Object> referral) {
        ProcessInstance instance = positiveReasonableGrounds(referral);
        moveClockTo(days(35).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).contains("conclusive-grounds-decision");
        return instance;
    }

    private ProcessInstance atDurableSolution(Map<String, Object> referral) {
        ProcessInstance instance = atConclusiveGrounds(referral);
        complete(instance, "conclusive-grounds-decision", "cgOutcome", "POSITIVE");
        return instance;
    }

    @Test
    void a_referral_waits_for_the_competent_authoritys_reasonable_grounds_decision_due_in_five_working_days() {
        ProcessInstance instance = start(referral(false, false, false, false));
        assertThat(instance).isWaitingAt("reasonable-grounds-decision");
        assertThat(openTaskKeys(instance)).containsExactly("reasonable-grounds-decision");
        assertThat(task(instance, "reasonable-grounds-decision").getDueDate()).isEqualTo(date(days(5)));
        assertThat(candidateGroups(instance, "reasonable-grounds-decision")).containsExactly("competent-authority");
    }

    @Test
    void when_the_reasonable_grounds_deadline_passes_the_breach_is_recorded_once_and_the_task_stays_open() {
        ProcessInstance instance = start(referral(false, false, false, false));
        moveClockTo(days(5).minusSeconds(60));
        runDueJobs(instance);
        assertThat(mechanismSteps).isEmpty();

        moveClockTo(days(5).plusSeconds(60));
        runDueJobs(instance);
        runDueJobs(instance);

        assertThat(mechanismSteps).containsExactly("deadlineBreach:reasonable-grounds-decision");
        assertThat(openTaskKeys(instance)).containsExactly("reasonable-grounds-decision");
    }

    @Test
    void an_anonymous_notification_waits_for_consent_and_then_continues_as_a_case() {
        Map<String, Object> notification = referral(false, false, false, false);
        notification.put("notification", true);
        notification.put("reasonableGroundsDueAt", null);
        ProcessInstance instance = start(notification);
        assertThat(instance).isWaitingAt("consent-given");
        assertThat(openTaskKeys(instance)).isEmpty();

        correlate(instance, "consent-given", "reasonableGroundsDueAt", date(days(12)), "needsAccommodation", true);

        assertThat(openTaskKeys(instance)).containsExactly("reasonable-grounds-decision");
        assertThat(task(instance, "reasonable-grounds-decision").getDueDate()).isEqualTo(date(days(12)));
    }

    @Test
    void a_child_gets_a_guardian_at_once_and_an_age_assessment_when_the_age_is_uncertain() {
        ProcessInstance instance = start(referral(true, true, false, false));
        assertThat(openTaskKeys(instance))
                .containsExactly("age-assessment", "guardian-appointment", "reasonable-grounds-decision");
        assertThat(task(instance, "guardian-appointment").getDueDate()).isEqualTo(date(days(1)));
        assertThat(candidateGroups(instance, "guardian-appointment")).containsExactly("child-services");

        complete(instance, "age-assessment", "ageAssessment", "ADULT", "child", false);

        // assessed as an adult: the child pathway ends, the guardian task with it; the case goes on
        assertThat(openTaskKeys(instance)).containsExactly("reasonable-grounds-decision");
    }

    @Test
    void a_child_of_certain_age_gets_a_guardian_and_no_age_assessment() {
        ProcessInstance instance = start(referral(true, false, false, false));
        assertThat(openTaskKeys(instance)).containsExactly("guardian-appointment", "reasonable-grounds-decision");
        complete(instance, "guardian-appointment");
        assertThat(openTaskKeys(instance)).containsExactly("reasonable-grounds-decision");
    }

    @Test
    void a_positive_decision_opens_the_recovery_period_with_shelter_and_permit_in_parallel() {
        ProcessInstance instance = positiveReasonableGrounds(referral(false, false, true, true));
        assertThat(openTaskKeys(instance)).containsExactly("residence-permit-decision", "shelter-placement");
        assertThat(instance).isWaitingAt("recovery-wait", "residence-permit-decision", "shelter-placement");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "shelterType")).isEqualTo("ADULT_WOMEN");
        assertThat(candidateGroups(instance, "shelter-placement")).containsExactly("shelter-provider");
        assertThat(candidateGroups(instance, "residence-permit-decision")).containsExactly("immigration-service");
    }

    @Test
    void a_national_who_needs_no_accommodation_only_waits_out_the_recovery_period() {
        ProcessInstance instance = positiveReasonableGrounds(referral(false, false, false, false));
        assertThat(openTaskKeys(instance)).isEmpty();
        assertThat(instance).isWaitingAt("recovery-wait");
    }

    @Test
    void the_conclusive_decision_is_due_only_once_the_recovery_period_is_over() {
        ProcessInstance instance = positiveReasonableGrounds(referral(false, false, false, false));
        moveClockTo(days(35).minusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).isEmpty();

        moveClockTo(days(35).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).containsExactly("conclusive-grounds-decision");
        assertThat(mechanismSteps).contains("endRecoveryPeriod:null");
    }

    @Test
    void an_extension_moves_the_end_of_the_recovery_period() {
        ProcessInstance instance = positiveReasonableGrounds(referral(false, false, false, false));
        correlate(instance, "recovery-period-extended", "recoveryPeriodEndsAt", date(days(50)));

        moveClockTo(days(36));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).isEmpty();

        moveClockTo(days(50).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).containsExactly("conclusive-grounds-decision");
    }

    @Test
    void an_extension_recorded_while_the_timer_fired_makes_the_process_wait_for_the_new_end() {
        ProcessInstance instance = positiveReasonableGrounds(referral(false, false, false, false));
        recoveryExtendedUntil = days(50);
        moveClockTo(days(35).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).isEmpty();
        assertThat(instance).isWaitingAt("recovery-wait");

        moveClockTo(days(50).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).containsExactly("conclusive-grounds-decision");
    }

    @Test
    void a_negative_decision_opens_the_reconsideration_window_and_its_end_leads_to_closure() {
        ProcessInstance instance = start(referral(false, false, false, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "NEGATIVE",
                "negativeDecision", "REASONABLE_GROUNDS", "reconsiderationWindowEndsAt", date(days(30)));
        assertThat(instance).isWaitingAt("reconsideration-window");
        assertThat(openTaskKeys(instance)).isEmpty();

        moveClockTo(days(30).plusSeconds(60));
        runDueJobs(instance);

        assertThat(openTaskKeys(instance)).containsExactly("case-closure");
    }

    @Test
    void a_reconsideration_requested_within_the_window_can_overturn_the_decision() {
        ProcessInstance instance = start(referral(false, false, false, true));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "NEGATIVE",
                "negativeDecision", "REASONABLE_GROUNDS", "reconsiderationWindowEndsAt", date(days(30)));
        correlate(instance, "reconsideration-requested");
        assertThat(openTaskKeys(instance)).containsExactly("reconsideration-decision");

        complete(instance, "reconsideration-decision", "reconsiderationOutcome", "OVERTURNED",
                "recoveryPeriodEndsAt", date(days(40)));

        assertThat(openTaskKeys(instance)).containsExactly("shelter-placement");
        assertThat(instance).isWaitingAt("recovery-wait", "shelter-placement");
    }

    @Test
    void an_upheld_reconsideration_leads_to_closure() {
        ProcessInstance instance = start(referral(false, false, false, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "NEGATIVE",
                "negativeDecision", "REASONABLE_GROUNDS", "reconsiderationWindowEndsAt", date(days(30)));
        correlate(instance, "reconsideration-requested");
        complete(instance, "reconsideration-decision", "reconsiderationOutcome", "UPHELD");
        assertThat(openTaskKeys(instance)).containsExactly("case-closure");
    }

    @Test
    void an_overturned_negative_conclusive_decision_leads_to_the_durable_solution() {
        ProcessInstance instance = atConclusiveGrounds(referral(false, false, false, false));
        complete(instance, "conclusive-grounds-decision", "cgOutcome", "NEGATIVE",
                "negativeDecision", "CONCLUSIVE_GROUNDS", "reconsiderationWindowEndsAt", date(days(65)));
        correlate(instance, "reconsideration-requested");
        complete(instance, "reconsideration-decision", "reconsiderationOutcome", "OVERTURNED");
        assertThat(openTaskKeys(instance)).containsExactly("durable-solution");
    }

    @Test
    void a_refused_permit_ends_the_permit_branch_without_a_reminder() {
        ProcessInstance instance = positiveReasonableGrounds(referral(false, false, true, false));
        complete(instance, "residence-permit-decision", "permitDecision", "REFUSED");
        assertThat(openTaskKeys(instance)).isEmpty();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("permit-reminder").count()).isZero();
        assertThat(instance).isWaitingAt("recovery-wait");
    }

    @Test
    void a_granted_permit_reminds_the_immigration_service_before_it_ends() {
        ProcessInstance instance = positiveReasonableGrounds(referral(false, false, true, false));
        complete(instance, "residence-permit-decision", "permitDecision", "GRANTED",
                "permitReminderAt", date(days(300)), "permitValidUntil", date(days(360)));
        assertThat(instance).isWaitingAt("permit-reminder", "recovery-wait");

        correlate(instance, "recovery-period-extended", "recoveryPeriodEndsAt", date(days(400)));
        moveClockTo(days(299));
        runDueJobs(instance);
        assertThat(mechanismSteps).containsExactly("applyForResidencePermit:null");

        moveClockTo(days(300).plusSeconds(60));
        runDueJobs(instance);
        assertThat(mechanismSteps).containsExactly("applyForResidencePermit:null", "permitReminder:null");
    }

    @Test
    void the_durable_solution_is_chosen_by_the_shelter_provider_or_for_a_child_by_child_services() {
        ProcessInstance adult = atDurableSolution(referral(false, false, false, false));
        assertThat(candidateGroups(adult, "durable-solution")).containsExactly("shelter-provider");
        complete(adult, "durable-solution", "durableSolution", "INTEGRATION");
        assertThat(openTaskKeys(adult)).containsExactly("case-closure");
    }

    @Test
    void a_childs_durable_solution_is_for_child_services() {
        ProcessInstance child = atDurableSolution(referral(true, false, false, false));
        assertThat(openTaskKeys(child)).contains("durable-solution");
        assertThat(candidateGroups(child, "durable-solution")).containsExactly("child-services");
    }

    @Test
    void a_high_risk_of_return_sends_the_person_back_to_the_durable_solution() {
        ProcessInstance instance = atDurableSolution(referral(false, false, false, false));
        complete(instance, "durable-solution", "durableSolution", "VOLUNTARY_RETURN");
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).containsExactly("return-risk-assessment");

        complete(instance, "return-risk-assessment", "returnRisk", "HIGH");
        runDueJobs(instance);

        assertThat(mechanismSteps).contains("requestVoluntaryReturn:null", "abandonVoluntaryReturn:null");
        assertThat(openTaskKeys(instance)).containsExactly("durable-solution");
    }

    @Test
    void the_mechanism_requests_opens_and_abandons_the_voluntary_return_with_one_return_id() {
        ProcessInstance instance = atDurableSolution(referral(false, false, false, false));
        complete(instance, "durable-solution", "durableSolution", "VOLUNTARY_RETURN");
        runDueJobs(instance);

        // the real delegate: the case checks the request, then the return gets its own record, under a new id
        assertThat(commands(RequestVoluntaryReturn.class)).hasSize(1);
        String returnId = commands(RequestVoluntaryReturn.class).get(0).returnId();
        assertThat(returnId).isNotBlank();
        assertThat(commands()).containsSubsequence(new RequestVoluntaryReturn("case-1", returnId, "VN"),
                new OpenVoluntaryReturn(returnId, "case-1", "VN"));
        assertThat(sent).allSatisfy(command -> assertThat(command.getMetaData())
                .containsEntry(Actor.USER_KEY, "system").containsEntry(Actor.AGENCY_KEY, "mechanism"));
        // the return's tasks work on that return
        assertThat(engine.getTaskService().getVariable(task(instance, "return-risk-assessment").getId(), "returnId"))
                .isEqualTo(returnId);

        complete(instance, "return-risk-assessment", "returnRisk", "HIGH");
        runDueJobs(instance);

        assertThat(commands()).endsWith(new AbandonVoluntaryReturn(returnId, "The risk of return was assessed as HIGH"));
        assertThat(openTaskKeys(instance)).containsExactly("durable-solution");
    }

    @Test
    void after_departure_reintegration_is_followed_up_on_schedule_until_contact_is_lost() {
        ProcessInstance instance = atDurableSolution(referral(false, false, false, false));
        complete(instance, "durable-solution", "durableSolution", "VOLUNTARY_RETURN");
        runDueJobs(instance);
        complete(instance, "return-risk-assessment", "returnRisk", "LOW");
        assertThat(openTaskKeys(instance)).containsExactly("return-departure");
        complete(instance, "return-departure", "followUpsDueAt",
                days(130) + "," + days(220) + "," + days(400));
        assertThat(openTaskKeys(instance)).isEmpty();

        moveClockTo(days(129));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).isEmpty();

        moveClockTo(days(130).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).containsExactly("reintegration-follow-up");
        assertThat(task(instance, "reintegration-follow-up").getDueDate()).isEqualTo(date(days(130)));
        complete(instance, "reintegration-follow-up", "followUpStatus", "ON_TRACK");

        moveClockTo(days(220).plusSeconds(60));
        runDueJobs(instance);
        complete(instance, "reintegration-follow-up", "followUpStatus", "LOST_CONTACT");
        runDueJobs(instance);

        // contact lost: no third follow-up; the return is completed and the case goes to closure
        assertThat(mechanismSteps).contains("completeVoluntaryReturn:null");
        assertThat(commands()).endsWith(
                new CompleteVoluntaryReturn(commands(RequestVoluntaryReturn.class).get(0).returnId()));
        assertThat(openTaskKeys(instance)).containsExactly("case-closure");
    }

    @Test
    void a_follow_up_left_open_fourteen_days_past_its_date_is_a_breach_and_stays_open() {
        ProcessInstance instance = atDurableSolution(referral(false, false, false, false));
        complete(instance, "durable-solution", "durableSolution", "VOLUNTARY_RETURN");
        runDueJobs(instance);
        complete(instance, "return-risk-assessment", "returnRisk", "LOW");
        complete(instance, "return-departure", "followUpsDueAt", days(130) + "," + days(220));
        moveClockTo(days(130).plusSeconds(60));
        runDueJobs(instance);
        assertThat(candidateGroups(instance, "reintegration-follow-up")).containsExactly("return-organisation");

        moveClockTo(days(143));
        runDueJobs(instance);
        assertThat(mechanismSteps).doesNotContain("deadlineBreach:reintegration-follow-up");

        moveClockTo(days(144).plusSeconds(60));
        runDueJobs(instance);
        assertThat(mechanismSteps).containsOnlyOnce("deadlineBreach:reintegration-follow-up");
        assertThat(openTaskKeys(instance)).containsExactly("reintegration-follow-up");

        complete(instance, "reintegration-follow-up", "followUpStatus", "ON_TRACK");
        moveClockTo(days(220).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).containsExactly("reintegration-follow-up");
        assertThat(task(instance, "reintegration-follow-up").getDueDate()).isEqualTo(date(days(220)));
    }

    @Test
    void closing_the_case_elsewhere_ends_every_open_task_and_timer() {
        ProcessInstance instance = positiveReasonableGrounds(referral(false, false, true, true));
        complete(instance, "residence-permit-decision", "permitDecision", "GRANTED",
                "permitReminderAt", date(days(300)), "permitValidUntil", date(days(360)));
        assertThat(jobs(instance)).isEqualTo(2);
        assertThat(openTaskKeys(instance)).containsExactly("shelter-placement");

        correlate(instance, "case-closed");

        assertThat(instance).isEnded();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void the_closure_task_ends_the_process_with_every_timer_still_running() {
        ProcessInstance instance = start(referral(true, false, true, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "NEGATIVE",
                "negativeDecision", "REASONABLE_GROUNDS", "reconsiderationWindowEndsAt", date(days(30)));
        moveClockTo(days(31));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).containsExactly("case-closure", "guardian-appointment");

        complete(instance, "case-closure");

        assertThat(instance).isEnded();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void the_shelter_type_follows_age_and_gender() {
        var decisions = engine.getDecisionService();
        record Case(boolean child, String gender, String expected) {
        }
        for (Case c : List.of(new Case(true, "FEMALE", "CHILDREN"), new Case(true, "MALE", "CHILDREN"),
                new Case(false, "FEMALE", "ADULT_WOMEN"), new Case(false, "MALE", "ADULT_MEN"),
                new Case(false, "TRANSGENDER", "FAMILIES"), new Case(false, "UNKNOWN", "FAMILIES"))) {
            Object type = decisions.evaluateDecisionTableByKey("shelter-type",
                    Map.of("child", c.child(), "gender", c.gender())).getSingleResult().getSingleEntry();
            assertThat(type).as(c.toString()).isEqualTo(c.expected());
        }
        // an unknown age matches neither the child nor the adult rules
        var unknownAge = new java.util.HashMap<String, Object>();
        unknownAge.put("child", null);
        unknownAge.put("gender", "FEMALE");
        assertThat((Object) decisions.evaluateDecisionTableByKey("shelter-type", unknownAge).getSingleResult()
                .getSingleEntry()).isEqualTo("FAMILIES");
    }

    @Test
    void a_new_version_of_the_model_deploys_beside_running_cases_without_breaking_them() throws Exception {
        ProcessInstance running = start(referral(false, false, false, false));
        String model = new String(getClass().getResourceAsStream("/bpmn/national-referral-mechanism.bpmn")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("name=\"National referral mechanism\"", "name=\"National referral mechanism (v2)\"");
        var deployment = engine.getRepositoryService().createDeployment().name("v2")
                .addString("national-referral-mechanism.bpmn", model).deploy();
        try {
            ProcessInstance newer = start(referral(false, false, false, false));
            var definitions = engine.getRepositoryService();
            assertThat(definitions.getProcessDefinition(newer.getProcessDefinitionId()).getVersion())
                    .isEqualTo(definitions.getProcessDefinition(running.getProcessDefinitionId()).getVersion() + 1);

            // the running case finishes its step on the version it started with
            complete(running, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                    "recoveryPeriodEndsAt", date(days(35)));
            assertThat(running).isWaitingAt("recovery-wait");
            assertThat(openTaskKeys(newer)).containsExactly("reasonable-grounds-decision");
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void every_user_task_of_the_model_is_a_public_task_key() {
        var model = engine.getRepositoryService().getBpmnModelInstance(
                engine.getRepositoryService().createProcessDefinitionQuery()
                        .processDefinitionKey(MechanismProcess.PROCESS_KEY).latestVersion().singleResult().getId());
        var keys = new java.util.TreeSet<>(model.getModelElementsByType(
                org.camunda.bpm.model.bpmn.instance.UserTask.class).stream()
                .map(org.camunda.bpm.model.bpmn.instance.UserTask::getId).toList());
        // a returning national's process model (issue 16) has the rest: reception on arrival, its follow-ups; and the
        // triage of reports from the public (issue 17) its one task
        for (String other : java.util.List.of("/bpmn/returning-national.bpmn", "/bpmn/public-report-triage.bpmn")) {
            org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(getClass().getResourceAsStream(other))
                    .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class)
                    .forEach(task -> keys.add(task.getId()));
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(TaskKey.values())
                .map(TaskKey::key).toList());
    }
}
