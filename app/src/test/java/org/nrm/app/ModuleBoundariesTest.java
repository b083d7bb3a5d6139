package org.nrm.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;

/**
 * The platform's module boundaries, on the main classes of every module ({@code org.nrm..}: referral-domain,
 * workflow, projections, app). Each rule names what it keeps apart; a class that needs an exception is listed here by
 * name, with the reason.
 */
class ModuleBoundariesTest {

    private static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nrm");

    /**
     * The application's classes that touch Camunda themselves, and why. Everything else reaches the engine through
     * workflow ({@code TaskCompletionService}, {@code CaseProcesses}, {@code Incidents}, ...). The webapps and their
     * security chain ({@code SecurityConfiguration}) name Camunda only in paths and properties, not in code.
     */
    private static final Map<String, String> CAMUNDA_IN_APP = Map.of(
            "org.nrm.app.config.CamundaAfterMigrations",
            "engine configuration: the process engine is built only after Flyway created its schema",
            "org.nrm.app.api.ProblemHandler",
            "the API's error mapping: the engine's lost races (OptimisticLockingException, "
                    + "TaskAlreadyClaimedException) are a 409, like Axon's",
            "org.nrm.app.api.ConcurrencyFailures",
            "recognises those same engine exceptions deep in a cause chain (Axon's, Spring's wrapping), for the 409");

    /** The workflow packages other modules may use; the rest of workflow (the engine bridge) is its own. */
    private static final String[] PUBLIC_WORKFLOW = {"org.nrm.workflow", "org.nrm.workflow.tasks",
            "org.nrm.workflow.queue", "org.nrm.workflow.jurisdiction"};

    private static DescribedPredicate<JavaClass> listedIn(Set<String> names) {
        return DescribedPredicate.describe("listed in " + names,
                type -> names.contains(type.getName().replaceFirst("\\$.*", "")));
    }

    /**
     * Besides workflow, the listed app classes and the benchmark ({@code org.nrm.bench}: its decision baseline runs a
     * bare engine with a one-task model, to tell the engine's own cost from the mechanism's).
     */
    @Test
    void only_workflow_and_the_listed_app_classes_touch_camunda() {
        noClasses().that().resideOutsideOfPackage("org.nrm.workflow..")
                .and().resideOutsideOfPackage("org.nrm.bench..")
                .and(not(listedIn(CAMUNDA_IN_APP.keySet())))
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .because("the engine is workflow's; the application uses workflow's API")
                .check(PLATFORM);
    }

    @Test
    void every_listed_camunda_exception_exists() {
        assertThat(CAMUNDA_IN_APP.keySet()).allSatisfy(name -> assertThat(PLATFORM.contain(name)).as(name).isTrue());
    }

    @Test
    void controllers_do_no_sql() {
        noClasses().that().areMetaAnnotatedWith(Controller.class)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "org.springframework.jdbc..")
                .because("a controller checks the request and calls a service or a read model, which owns the SQL")
                .check(PLATFORM);
    }

    @Test
    void the_command_side_does_not_read_projections() {
        noClasses().that().resideInAnyPackage("org.nrm.referral..", "org.nrm.workflow", "org.nrm.workflow.tasks..",
                        "org.nrm.workflow.bridge..")
                .should().dependOnClassesThat().resideInAPackage("org.nrm.projections..")
                .because("decisions are taken on the events (aggregates) and the engine, never on a read model that "
                        + "may lag or be rebuilding")
                .check(PLATFORM);
    }

    @Test
    void the_domain_knows_no_spring_camunda_or_axons_spring_support() {
        noClasses().that().resideInAPackage("org.nrm.referral..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.camunda..",
                        "org.axonframework.spring..", "org.axonframework.springboot..")
                .check(PLATFORM);
    }

    @Test
    void other_modules_use_only_workflows_public_packages() {
        noClasses().that().resideOutsideOfPackage("org.nrm.workflow..")
                .should().dependOnClassesThat(resideInAPackage("org.nrm.workflow..")
                        .and(not(resideInAnyPackage(PUBLIC_WORKFLOW))))
                .check(PLATFORM);
    }

    @Test
    void the_engine_bridge_is_reached_from_nowhere_but_itself() {
        noClasses().that().resideOutsideOfPackage("org.nrm.workflow.bridge..")
                .should().dependOnClassesThat().resideInAPackage("org.nrm.workflow.bridge..")
                .because("the bridge drives the process from the domain's events and the engine's jobs; tasks, the "
                        + "queue and the jurisdiction are what it uses, not what uses it")
                .check(PLATFORM);
    }
}
