package org.nrm.referral;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** referral-domain depends on Axon's modelling and messaging API and nothing else. */
class DomainArchitectureTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.nrm.referral");

    @Test
    void the_domain_uses_only_the_jdk_axons_api_and_itself() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "org.nrm.referral..",
                        "org.axonframework.modelling..", "org.axonframework.eventsourcing..",
                        "org.axonframework.commandhandling..", "org.axonframework.eventhandling..",
                        "org.axonframework.messaging..")
                .check(DOMAIN);
    }

    @Test
    void the_domain_knows_nothing_of_spring_camunda_or_persistence() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.camunda..", "jakarta.persistence..", "javax.persistence..",
                        "java.sql..")
                .check(DOMAIN);
    }

    @Test
    void commands_and_events_are_immutable_records() {
        classes().that().resideInAPackage("org.nrm.referral.api").and().areNotEnums()
                .should().beRecords()
                .check(DOMAIN);
    }
}
