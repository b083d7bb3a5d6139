package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #13's guard: every task key of the deployed mechanism is completed over HTTP by some test. The user tasks are
 * read from the model the engine runs (the latest deployed version), and each must have an entry below naming the
 * test methods that drive a real case to that task and complete it with {@code POST /api/tasks/{id}/complete}. A new
 * user task in the model fails here until a test completes it and is listed; an entry whose test was renamed, or
 * whose test class no longer completes the key over HTTP, fails too.
 */
class EveryTaskKeyCompletedOverHttpTest extends PlatformTest {

    /** Task key -> the test methods ({@code Class#method} in {@code org.nrm.app}) that complete it over HTTP. */
    static final Map<String, List<String>> COMPLETED_OVER_HTTP = Map.ofEntries(
            Map.entry("age-assessment", List.of(
                    "RemainingTaskKeysOverHttpTest#an_age_assessment_confirms_a_child_and_the_child_pathway_goes_on",
                    "RemainingTaskKeysOverHttpTest#an_age_assessment_finding_an_adult_ends_the_child_pathway")),
            Map.entry("guardian-appointment", List.of(
                    "RemainingTaskKeysOverHttpTest#a_guardian_is_appointed_for_a_child")),
            Map.entry("reasonable-grounds-decision", List.of("ReferralToReasonableGroundsTest"
                    + "#a_police_referral_is_decided_by_the_competent_authority_and_the_case_enters_its_recovery_period",
                    "ApiErrorsTest#a_second_completion_of_the_same_task_is_a_conflict")),
            Map.entry("shelter-placement", List.of(
                    "ShelterPlacementTest#a_child_is_placed_in_a_childrens_shelter_without_any_exception")),
            Map.entry("reconsideration-decision", List.of("RemainingTaskKeysOverHttpTest"
                            + "#a_reconsideration_that_overturns_the_negative_decision_starts_the_recovery_period",
                    "RemainingTaskKeysOverHttpTest#a_reconsideration_that_upholds_the_negative_decision_leads_to_the_closure")),
            Map.entry("conclusive-grounds-decision", List.of(Whole.CASE)),
            Map.entry("residence-permit-decision", List.of(Whole.CASE)),
            Map.entry("durable-solution", List.of(Whole.CASE)),
            Map.entry("return-risk-assessment", List.of(Whole.CASE)),
            Map.entry("return-departure", List.of(Whole.CASE)),
            Map.entry("reintegration-follow-up", List.of(Whole.CASE)),
            Map.entry("case-closure", List.of(Whole.CASE)),
            // the triage of reports from the public (model public-report-triage, issue #17)
            Map.entry("public-report-triage", List.of(
                    "PublicReportsTest#triage_merges_a_duplicate_by_completing_its_task_over_http")),
            // a returning national's model (returning-national.bpmn, issue #16); its case-closure is the mechanism's key
            Map.entry("arrival-reception", List.of(Returning.PATHWAY)),
            Map.entry("returning-national-follow-up", List.of(Returning.PATHWAY)));

    private static final class Returning {
        static final String PATHWAY = "HandoverTest#a_partners_package_opens_a_returning_nationals_case_that_runs_its_own_pathway_to_closure";
    }

    private static final class Whole {
        static final String CASE = "ForeignAdultFromReferralToClosureTest"
                + "#a_foreign_adult_is_referred_recognised_sheltered_granted_a_permit_returned_home_and_the_case_closed";
    }

    @Autowired
    RepositoryService repository;

    private Set<String> deployedTaskKeys() {
        // every deployed model's user tasks: the mechanism's and the triage of reports from the public
        Set<String> keys = new TreeSet<>();
        for (String process : List.of("national-referral-mechanism", org.nrm.workflow.MechanismProcess.PUBLIC_REPORT_PROCESS_KEY,
                org.nrm.workflow.MechanismProcess.RETURNING_NATIONAL_PROCESS_KEY)) {
            var definition = repository.createProcessDefinitionQuery().processDefinitionKey(process)
                    .latestVersion().singleResult();
            assertThat(definition).as(process + " is deployed").isNotNull();
            repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)
                    .forEach(task -> keys.add(task.getId()));
        }
        assertThat(repository.createProcessDefinitionQuery().latestVersion().list())
                .as("every deployed model with user tasks is listed above")
                .allSatisfy(definition -> assertThat(List.of("national-referral-mechanism", "public-report",
                        "returning-national", "domain-event-correlation")).contains(definition.getKey()));
        return keys;
    }

    @Test
    void every_task_key_of_the_deployed_model_is_completed_over_http_by_a_listed_test() {
        Set<String> keys = deployedTaskKeys();
        assertThat(keys).as("the model has user tasks").isNotEmpty();
        assertThat(new TreeSet<>(COMPLETED_OVER_HTTP.keySet()))
                .as("task keys of the deployed model without a test completing them over HTTP (left), or listed here "
                        + "but no longer in the model (right)")
                .isEqualTo(keys);
    }

    @Test
    void every_listed_test_exists_and_completes_its_task_key_over_http() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (var entry : COMPLETED_OVER_HTTP.entrySet()) {
            assertThat(entry.getValue()).as(entry.getKey()).isNotEmpty();
            for (String pointer : entry.getValue()) {
                String className = pointer.substring(0, pointer.indexOf('#'));
                String methodName = pointer.substring(pointer.indexOf('#') + 1);
                Class<?> type = Class.forName("org.nrm.app." + className);
                Method method = findMethod(type, methodName);
                if (method == null || !method.isAnnotationPresent(Test.class)) {
                    wrong.add(entry.getKey() + ": no @Test " + pointer);
                    continue;
                }
                String source = source(type);
                if (!source.contains("\"" + entry.getKey() + "\"") || !source.contains("/complete")) {
                    wrong.add(entry.getKey() + ": " + className + " does not complete it over HTTP");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static Method findMethod(Class<?> type, String name) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        return null;
    }

    /** The test class's source, as the module's build sees it (surefire runs in the module's directory). */
    /** The test class's source and its test superclasses' (a base such as DemoFastPlatform holds the completing call). */
    private static String source(Class<?> type) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Path file = Path.of("src/test/java", c.getName().replace('.', '/') + ".java");
            if (Files.exists(file)) {
                text.append(Files.readString(file)).append('\n');
            }
        }
        return text.toString();
    }
}
