package org.nrm.workflow.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.PlacementCandidate;
import org.nrm.referral.api.ShelterGroup;
import org.nrm.referral.api.ShelterType;
import org.nrm.referral.model.ShelterMatching;
import org.nrm.workflow.TestEngine;

/**
 * The shipped matching table says what the domain's reference rule says, for every person and shelter. On the shared
 * test engine, deployed here by hand (no process, so without the process tests' extension).
 */
class ShelterAdmissionTableTest {

    private static ProcessEngine engine;
    private static String deployment;

    @BeforeAll
    static void deployTheTable() {
        engine = TestEngine.get();
        deployment = engine.getRepositoryService().createDeployment().name("shelter-admission-test")
                .addClasspathResource("bpmn/shelter-admission.dmn").deploy().getId();
    }

    static LatestDecisions latest() {
        return new LatestDecisions((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration(), java.time.Clock.systemUTC());
    }

    @AfterAll
    static void undeployTheTable() {
        engine.getRepositoryService().deleteDeployment(deployment, true);
    }

    @Test
    void a_child_goes_to_a_childrens_or_families_shelter_and_an_adult_to_one_taking_their_group() {
        var table = new DmnShelterMatching(latest());
        var boy = new PlacementCandidate(true, Gender.MALE, false);
        var woman = new PlacementCandidate(false, Gender.FEMALE, false);
        assertThat(table.admit(boy, ShelterType.CHILDREN, Set.of(ShelterGroup.CHILDREN)))
                .isEqualTo(new ShelterMatching.Admission(true, "child-in-childrens-shelter"));
        assertThat(table.admit(boy, ShelterType.ADULT_MEN, Set.of(ShelterGroup.ADULT_MEN)))
                .isEqualTo(new ShelterMatching.Admission(false, "child-in-adult-shelter"));
        assertThat(table.admit(woman, ShelterType.ADULT_MEN, Set.of(ShelterGroup.ADULT_MEN)))
                .isEqualTo(new ShelterMatching.Admission(false, "shelter-does-not-take-group"));
        assertThat(table.admit(woman, ShelterType.FAMILIES, Set.of(ShelterGroup.FAMILIES, ShelterGroup.ADULT_WOMEN)))
                .isEqualTo(new ShelterMatching.Admission(true, "woman-in-womens-shelter"));
    }

    @Test
    void the_table_agrees_with_the_domains_reference_rule_everywhere() {
        var table = new DmnShelterMatching(latest());
        List<Set<ShelterGroup>> groupings = List.of(EnumSet.of(ShelterGroup.ADULT_WOMEN), EnumSet.of(ShelterGroup.ADULT_MEN),
                EnumSet.of(ShelterGroup.CHILDREN), EnumSet.of(ShelterGroup.FAMILIES),
                EnumSet.of(ShelterGroup.FAMILIES, ShelterGroup.CHILDREN));
        for (boolean child : new boolean[] {true, false}) {
            for (boolean family : new boolean[] {true, false}) {
                for (Gender gender : List.of(Gender.FEMALE, Gender.MALE, Gender.OTHER)) {
                    var person = new PlacementCandidate(child, gender, family);
                    for (ShelterType type : ShelterType.values()) {
                        for (Set<ShelterGroup> groups : groupings) {
                            assertThat(table.admit(person, type, groups).admitted())
                                    .as(person + " in " + type + " taking " + groups)
                                    .isEqualTo(ShelterMatching.BY_GROUP.admit(person, type, groups).admitted());
                        }
                    }
                }
            }
        }
    }
}
