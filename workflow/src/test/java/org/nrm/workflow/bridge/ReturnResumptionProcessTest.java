package org.nrm.workflow.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;
import org.nrm.workflow.MechanismProcess;

/**
 * Where a case closed during its voluntary return resumes it ({@link ReturnResumption}): each case is taken to a step
 * of its return on the real model, closed (the {@code case-closed} message, as a closure from elsewhere), and the
 * resumption read from the engine's history; a new instance started there goes on from that step.
 */
@Deployment(resources = {"bpmn/national-referral-mechanism.bpmn", "bpmn/shelter-type.dmn"})
class ReturnResumptionProcessTest extends MechanismProcessTestSupport {

    private final String caseId = "return-" + UUID.randomUUID();

    private ProcessInstance inReturn() {
        ProcessInstance instance = engine.getRuntimeService()
                .startProcessInstanceByKey(MechanismProcess.PROCESS_KEY, caseId, referral(false, false, false, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                "recoveryPeriodEndsAt", date(days(35)));
        runDueJobs(instance);
        moveClockTo(days(35).plusSeconds(60));
        runDueJobs(instance);
        complete(instance, "conclusive-grounds-decision", "cgOutcome", "POSITIVE");
        complete(instance, "durable-solution", "durableSolution", "VOLUNTARY_RETURN");
        runDueJobs(instance);
        return instance;
    }

    /** Closes the case's process and answers where a reopening resumes it, with the variables it would start with. */
    private String closedAndResumed(ProcessInstance instance, Map<String, Object> variables) {
        correlate(instance, "case-closed");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count())
                .isZero();
        return ReturnResumption.resumeActivity(engine.getHistoryService(), caseId, variables);
    }

    @Test
    void closed_before_the_risk_assessment_or_the_departure_it_resumes_at_that_step() {
        ProcessInstance assessing = inReturn();
        assertThat(openTaskKeys(assessing)).containsExactly("return-risk-assessment");
        assertThat(closedAndResumed(assessing, new HashMap<>())).isEqualTo("return-risk-assessment");
    }

    @Test
    void closed_waiting_for_the_departure_it_resumes_at_the_departure() {
        ProcessInstance departing = inReturn();
        complete(departing, "return-risk-assessment", "returnRisk", "MEDIUM");
        assertThat(openTaskKeys(departing)).containsExactly("return-departure");
        assertThat(closedAndResumed(departing, new HashMap<>())).isEqualTo("return-departure");
    }

    @Test
    void closed_after_a_high_risk_abandoned_the_return_it_resumes_at_the_choice_of_durable_solution() {
        ProcessInstance abandoned = inReturn();
        complete(abandoned, "return-risk-assessment", "returnRisk", "HIGH");
        runDueJobs(abandoned);
        assertThat(openTaskKeys(abandoned)).containsExactly("durable-solution");
        assertThat(closedAndResumed(abandoned, new HashMap<>())).isEqualTo("durable-solution");
    }

    @Test
    void closed_during_the_follow_ups_it_resumes_the_follow_ups_not_yet_done() {
        ProcessInstance instance = inReturn();
        complete(instance, "return-risk-assessment", "returnRisk", "LOW");
        String dueDates = days(130) + "," + days(220) + "," + days(400);
        complete(instance, "return-departure", "followUpsDueAt", dueDates);
        moveClockTo(days(130).plusSeconds(60));
        runDueJobs(instance);
        complete(instance, "reintegration-follow-up", "followUpStatus", "ON_TRACK");
        moveClockTo(days(220).plusSeconds(60));
        runDueJobs(instance);
        assertThat(openTaskKeys(instance)).containsExactly("reintegration-follow-up");

        Map<String, Object> variables = new HashMap<>(referral(false, false, false, false));
        variables.put("followUpsDueAt", dueDates);
        variables.put("returnId", "return-1");
        String resumeAt = closedAndResumed(instance, variables);
        assertThat(resumeAt).isEqualTo("reintegration-follow-ups#multiInstanceBody");
        assertThat(variables.get("followUpsDueAt")).isEqualTo(days(220) + "," + days(400));

        // the reopened case's process: the second follow-up (due already) at once, then the third on its date
        ProcessInstance reopened = engine.getRuntimeService().createProcessInstanceByKey(MechanismProcess.PROCESS_KEY)
                .businessKey(caseId).setVariables(variables).startBeforeActivity(resumeAt).execute();
        runDueJobs(reopened);
        assertThat(openTaskKeys(reopened)).containsExactly("reintegration-follow-up");
        assertThat(task(reopened, "reintegration-follow-up").getDueDate()).isEqualTo(date(days(220)));
        complete(reopened, "reintegration-follow-up", "followUpStatus", "ON_TRACK");
        runDueJobs(reopened);
        assertThat(openTaskKeys(reopened)).isEmpty();
        moveClockTo(days(400).plusSeconds(60));
        runDueJobs(reopened);
        assertThat(task(reopened, "reintegration-follow-up").getDueDate()).isEqualTo(date(days(400)));
        complete(reopened, "reintegration-follow-up", "followUpStatus", "ON_TRACK");
        runDueJobs(reopened);
        assertThat(mechanismSteps).contains("completeVoluntaryReturn:null");
        assertThat(openTaskKeys(reopened)).isEqualTo(List.of("case-closure"));
    }
}
