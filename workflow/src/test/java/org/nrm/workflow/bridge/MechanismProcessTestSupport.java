package org.nrm.workflow.bridge;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nrm.workflow.MechanismDates;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.TestEngine;
import org.nrm.workflow.TestJurisdictions;
import org.nrm.workflow.jurisdiction.AgencyDirectory;
import org.nrm.workflow.jurisdiction.MechanismJurisdiction;

/**
 * Runs the mechanism's model on the test engine. The mechanism's service tasks are replaced by recording delegates
 * that set the variables the real ones set; the clock starts at a fixed moment and tests move it forward.
 */
abstract class MechanismProcessTestSupport {

    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    @RegisterExtension
    /** Per test instance: a static one is cleared after the first test class and fails every later one. */
    ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(TestEngine.get()).build();

    protected ProcessEngine engine;
    protected final List<String> mechanismSteps = new ArrayList<>();
    /** What the next "end recovery period" step finds: ended, or extended until the given moment. */
    protected Instant recoveryExtendedUntil;

    @BeforeEach
    void setUpMechanism() {
        engine = extension.getProcessEngine();
        init(engine);
        ClockUtil.setCurrentTime(Date.from(START));
        Mocks.register("mechanismDates", new MechanismDates());
        Mocks.register("jurisdiction", new MechanismJurisdiction(directory()));
        register("deadlineBreach", execution -> { });
        register("endRecoveryPeriod", execution -> {
            execution.setVariable("recoveryPeriodEnded", recoveryExtendedUntil == null);
            if (recoveryExtendedUntil != null) {
                execution.setVariable("recoveryPeriodEndsAt", Date.from(recoveryExtendedUntil));
                recoveryExtendedUntil = null;
            }
        });
        register("applyForResidencePermit", execution -> execution.setVariable("permitApplicationId", "permit-1"));
        register("permitReminder", execution -> { });
        register("requestVoluntaryReturn", execution -> execution.setVariable("returnId", UUID.randomUUID().toString()));
        register("abandonVoluntaryReturn", execution -> { });
        register("completeVoluntaryReturn", execution -> { });
    }

    /** The jurisdiction the model runs for: the demo's agencies unless a test class serves another. */
    protected AgencyDirectory directory() {
        return TestJurisdictions.DEMO;
    }

    @AfterEach
    void resetMechanism() {
        Mocks.reset();
        ClockUtil.reset();
    }

    private void register(String name, JavaDelegate behaviour) {
        Mocks.register(name, (JavaDelegate) execution -> {
            mechanismSteps.add(name + ":" + execution.getVariable("taskKey"));
            behaviour.execute(execution);
        });
    }

    /** The variables the workflow bridge starts a case's process with. */
    static Map<String, Object> referral(boolean child, boolean ageUncertain, boolean foreignNational,
                                        boolean needsAccommodation) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseId", "case-1");
        variables.put("notification", false);
        variables.put("child", child);
        variables.put("ageUncertain", ageUncertain);
        variables.put("foreignNational", foreignNational);
        variables.put("needsAccommodation", needsAccommodation);
        variables.put("gender", "FEMALE");
        variables.put("countryOfReturn", "VN");
        variables.put("reasonableGroundsDueAt", date(days(5)));
        variables.put("guardianDueAt", date(days(1)));
        return variables;
    }

    ProcessInstance start(Map<String, Object> variables) {
        return engine.getRuntimeService().startProcessInstanceByKey(MechanismProcess.PROCESS_KEY, "case-1", variables);
    }

    static Instant days(long days) {
        return START.plus(Duration.ofDays(days));
    }

    static Date date(Instant instant) {
        return Date.from(instant);
    }

    void moveClockTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** Runs every job that is due now (timers whose date has come, and asynchronous continuations), until none is. */
    void runDueJobs(ProcessInstance instance) {
        for (int round = 0; round < 20; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                    .executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("jobs keep coming");
    }

    Task task(ProcessInstance instance, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key)
                .singleResult();
    }

    List<String> openTaskKeys(ProcessInstance instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list().stream()
                .map(Task::getTaskDefinitionKey).sorted().toList();
    }

    void complete(ProcessInstance instance, String key, Object... variables) {
        Task task = task(instance, key);
        if (task == null) {
            throw new AssertionError("no open task " + key + "; open: " + openTaskKeys(instance));
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            values.put((String) variables[i], variables[i + 1]);
        }
        engine.getTaskService().complete(task.getId(), values);
    }

    void correlate(ProcessInstance instance, String message, Object... variables) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            values.put((String) variables[i], variables[i + 1]);
        }
        engine.getRuntimeService().createMessageCorrelation(message).processInstanceId(instance.getId())
                .setVariables(values).correlateWithResult();
    }

    long jobs(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count();
    }
}
