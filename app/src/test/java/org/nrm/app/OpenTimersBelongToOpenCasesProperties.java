package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.support.Api;
import org.nrm.app.support.Consistency;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;

/**
 * Issue #13: every open timer belongs to an open case. Random valid sequences of steps through the running
 * application (the shared platform of {@link PlatformTest}, every step over HTTP as the agency that may take it:
 * completing whichever task a case has with one of its outcomes, asking for a reconsideration, extending the recovery
 * period, closing, reopening), and after each sequence, once the mechanism has settled: every timer job of the
 * engine on one of the sequence's cases belongs to a case the case view does not show as {@code CLOSED}, and a case
 * the view shows as closed has no running process instance and no open user task; and the consistency checker finds
 * the events, the engine and the views of every case in agreement.
 *
 * <p>Joined to the platform through Spring's test context cache as {@link ShelterOccupancyProperties} is. The
 * cases are the sequence's own (other tests of the JVM induce disagreements on theirs on purpose).
 */
class OpenTimersBelongToOpenCasesProperties {

    private static final String MECHANISM = "national-referral-mechanism";

    /** The shared platform (same configuration as every {@link PlatformTest}, hence the same cached context). */
    static class Platform extends PlatformTest {

        @Autowired
        RuntimeService runtime;

        @Autowired
        TaskService tasks;

        @Autowired
        ManagementService management;

        @Autowired
        ConsistencyChecker checker;

        Api user(String name) {
            return as(name);
        }

        String referral(Map<String, Object> body) {
            return refer(body);
        }

        JdbcTemplate database() {
            return jdbc;
        }
    }

    private static Platform platform;

    @BeforeContainer
    static void joinThePlatform() throws Exception {
        Platform instance = new Platform();
        new TestContextManager(Platform.class).prepareTestInstance(instance);
        platform = instance;
    }

    /** Who is referred: an adult (foreign or not), or a child (age in doubt or not). */
    enum Person { FOREIGN_ADULT, NATIONAL_ADULT, CHILD, CHILD_AGE_UNCERTAIN }

    sealed interface Step permits Decide, Reconsider, Extend, Close, Reopen {
    }

    /** Complete one of the case's open tasks ({@code pick} chooses which and with which outcome). */
    record Decide(int person, int pick) implements Step {
    }

    record Reconsider(int person) implements Step {
    }

    record Extend(int person) implements Step {
    }

    record Close(int person) implements Step {
    }

    record Reopen(int person) implements Step {
    }

    @Property(tries = 15, shrinking = ShrinkingMode.BOUNDED)
    void every_open_timer_belongs_to_an_open_case_and_a_closed_case_has_no_process(
            @ForAll("people") List<Person> people, @ForAll("steps") List<Step> steps) {
        List<String> cases = new ArrayList<>();
        for (Person person : people) {
            cases.add(platform.referral(referral(person)));
        }
        boolean closed = false;
        for (Step step : steps) {
            closed |= take(step, cases) && step instanceof Close;
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pendingJobs(cases)).as("the mechanism settles").isZero();
            check(cases);
        });
        // and the consistency checker finds the events, the engine and the views in agreement on every case
        Consistency.assertConsistent(platform.checker, cases);
        // what the sequences reached: a property that never closes a case, or never sees a timer, proves nothing
        boolean closedAccepted = closed;
        int timers = openTimers(cases);
        Statistics.label("closure accepted").collect(closedAccepted);
        Statistics.label("open timers at the end").collect(timers > 0);
        Statistics.label("closure accepted").coverage(c -> c.check(true).count(n -> n > 0));
        Statistics.label("open timers at the end").coverage(c -> c.check(true).count(n -> n > 0));
    }

    private static int openTimers(List<String> cases) {
        return platform.database().queryForObject("""
                SELECT count(*) FROM act_ru_job j JOIN act_ru_execution e ON e.id_ = j.process_instance_id_
                 WHERE j.type_ = 'timer' AND e.business_key_ = ANY (?)""", Integer.class,
                (Object) cases.toArray(String[]::new));
    }

    /**
     * Jobs that are not timers still to run for the cases: event correlations (their process has the case as business
     * key, as the mechanism's has) and asynchronous service tasks.
     */
    private static long pendingJobs(List<String> cases) {
        return platform.database().queryForObject("""
                SELECT count(*) FROM act_ru_job j JOIN act_ru_execution e ON e.id_ = j.process_instance_id_
                 WHERE j.type_ <> 'timer' AND j.retries_ > 0 AND e.business_key_ = ANY (?)""",
                Long.class, (Object) cases.toArray(String[]::new));
    }

    /** The case's stage in the case view (an assertion error while the view has not caught up with the referral). */
    private static String stage(String caseId) {
        List<String> stages = platform.database().queryForList("SELECT stage FROM case_view WHERE case_id = ?",
                String.class, caseId);
        assertThat(stages).as("the case view of " + caseId).hasSize(1);
        return stages.get(0);
    }

    private static void check(List<String> cases) {
        for (String caseId : cases) {
            String stage = stage(caseId);
            List<ProcessInstance> instances = platform.runtime.createProcessInstanceQuery()
                    .processDefinitionKey(MECHANISM).processInstanceBusinessKey(caseId).list();
            List<Job> timers = new ArrayList<>();
            for (ProcessInstance instance : instances) {
                timers.addAll(platform.management.createJobQuery().processInstanceId(instance.getId()).timers().list());
            }
            if ("CLOSED".equals(stage)) {
                assertThat(timers).as("timers of the closed case " + caseId).isEmpty();
                assertThat(instances).as("running process of the closed case " + caseId).isEmpty();
                assertThat(platform.tasks.createTaskQuery().processInstanceBusinessKey(caseId).list())
                        .as("open tasks of the closed case " + caseId).isEmpty();
                assertThat(platform.database().queryForObject("SELECT count(*) FROM work_queue WHERE case_id = ?",
                        Integer.class, caseId)).as("queued tasks of the closed case " + caseId).isZero();
            }
        }
        // and from the engine's side: every timer on one of these cases' processes, whatever its case, is on an open one
        for (Job timer : platform.management.createJobQuery().timers().list()) {
            if (timer.getProcessInstanceId() == null) {
                continue;
            }
            ProcessInstance instance = platform.runtime.createProcessInstanceQuery()
                    .processInstanceId(timer.getProcessInstanceId()).singleResult();
            if (instance == null || !cases.contains(instance.getBusinessKey())) {
                continue;
            }
            assertThat(stage(instance.getBusinessKey())).as("case of the timer " + timer.getId())
                    .isNotEqualTo("CLOSED");
        }
    }

    /** Takes the step; whether it was carried out (a refusal by a rule of the case's state is a valid outcome too). */
    private static boolean take(Step step, List<String> cases) {
        Api.Response answer;
        if (step instanceof Decide decide) {
            answer = decide(cases.get(decide.person() % cases.size()), decide.pick());
        } else if (step instanceof Reconsider reconsider) {
            answer = platform.user("police").post("/api/cases/" + cases.get(reconsider.person() % cases.size())
                    + "/reconsideration", Map.of("ground", "NEW_EVIDENCE", "explanation", "property step"));
        } else if (step instanceof Extend extend) {
            answer = platform.user("competent-authority").post("/api/cases/"
                    + cases.get(extend.person() % cases.size()) + "/recovery-period/extension",
                    Map.of("days", 14, "reason", "property step"));
        } else if (step instanceof Close close) {
            answer = platform.user("competent-authority").post("/api/cases/"
                    + cases.get(close.person() % cases.size()) + "/closure",
                    Map.of("category", "OTHER", "reason", "property step"));
        } else {
            answer = platform.user("competent-authority").post("/api/cases/"
                    + cases.get(((Reopen) step).person() % cases.size()) + "/reopening",
                    Map.of("reason", "property step"));
        }
        if (answer == null) {
            return false;
        }
        assertThat(answer.status()).as(step + " -> " + answer).isIn(204, 409);
        return answer.status() == 204;
    }

    /** Completes one of the case's open tasks, as its agency, with one of the outcomes its key allows; none: no step. */
    private static Api.Response decide(String caseId, int pick) {
        List<Task> open = platform.tasks.createTaskQuery().processInstanceBusinessKey(caseId).orderByTaskId().asc()
                .list();
        if (open.isEmpty()) {
            return null;
        }
        Task task = open.get(pick % open.size());
        String agency = platform.tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).findFirst().orElseThrow();
        List<Map<String, Object>> outcomes = outcomes(task.getTaskDefinitionKey());
        return platform.user(agency).post("/api/tasks/" + task.getId() + "/complete",
                outcomes.get(pick % outcomes.size()));
    }

    private static Map<String, Object> body(Object... pairs) {
        var body = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    /** Valid completions of each task key, one per outcome (the public contract's). */
    private static List<Map<String, Object>> outcomes(String key) {
        String until = Instant.now().plus(400, ChronoUnit.DAYS).toString();
        return switch (key) {
            case "age-assessment" -> List.of(body("outcome", "CHILD"), body("outcome", "ADULT"));
            case "guardian-appointment" -> List.of(body("outcome", "APPOINTED", "guardianName", "Maria Ionescu"));
            case "reasonable-grounds-decision", "conclusive-grounds-decision" -> List.of(
                    body("outcome", "POSITIVE", "reasons", "property step"),
                    body("outcome", "NEGATIVE", "reasons", "property step"));
            case "shelter-placement" -> List.of(body("outcome", "PLACED", "shelterId", "shelter-families-east"),
                    body("outcome", "DECLINED"));
            case "reconsideration-decision" -> List.of(body("outcome", "OVERTURNED"), body("outcome", "UPHELD"));
            case "residence-permit-decision" -> List.of(
                    body("outcome", "GRANTED", "ground", "RECOVERY_NEEDS", "validUntil", until),
                    body("outcome", "REFUSED"));
            case "durable-solution" -> List.of(
                    body("outcome", "INTEGRATION", "bestInterestsAssessment", "property step"),
                    body("outcome", "VOLUNTARY_RETURN", "bestInterestsAssessment", "property step"),
                    body("outcome", "RESETTLEMENT", "bestInterestsAssessment", "property step"));
            case "return-risk-assessment" -> List.of(body("outcome", "LOW"), body("outcome", "MEDIUM"),
                    body("outcome", "HIGH"));
            case "return-departure" -> List.of(body("outcome", "DEPARTED", "receivingOrganisation", "IOM"));
            case "reintegration-follow-up" -> List.of(body("outcome", "ON_TRACK"), body("outcome", "AT_RISK"),
                    body("outcome", "LOST_CONTACT"));
            case "case-closure" -> List.of(body("outcome", "CLOSED", "category", "OTHER", "reason", "property step"));
            default -> throw new AssertionError("a task key the property does not know: " + key);
        };
    }

    private static Map<String, Object> referral(Person person) {
        boolean child = person == Person.CHILD || person == Person.CHILD_AGE_UNCERTAIN;
        Map<String, Object> body = new HashMap<>();
        body.put("person", Map.of("givenName", "P", "familyName", "Q", "birthDate", child ? "2012-02-02" : "1990-02-02",
                "ageUncertain", person == Person.CHILD_AGE_UNCERTAIN, "gender", "FEMALE",
                "citizenships", List.of(person == Person.NATIONAL_ADULT ? "GB" : "VN"), "languages", List.of("vie")));
        body.put("exploitationTypes", List.of("FORCED_LABOUR"));
        body.put("exploitationLocation", "DOMESTIC");
        body.put("indicators", List.of("DEBT_BONDAGE"));
        body.put("consentToReferral", true);
        body.put("needsAccommodation", true);
        return body;
    }

    @Provide
    Arbitrary<List<Person>> people() {
        return Arbitraries.of(Person.class).list().ofMinSize(1).ofMaxSize(2);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> person = Arbitraries.integers().between(0, 1);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(person, Arbitraries.integers().between(0, 5)).as(Decide::new)),
                Tuple.of(1, person.map(Reconsider::new)),
                Tuple.of(1, person.map(Extend::new)),
                Tuple.of(2, person.map(Close::new)),
                Tuple.of(2, person.map(Reopen::new)));
        return step.list().ofMinSize(1).ofMaxSize(8);
    }
}
