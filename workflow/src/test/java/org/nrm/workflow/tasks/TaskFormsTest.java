package org.nrm.workflow.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nrm.workflow.TaskKey;

/** Every task key of the contract has a decision form with exactly the contract's outcomes. */
class TaskFormsTest {

    @Test
    void every_task_key_has_a_form_with_outcomes() {
        for (TaskKey key : TaskKey.values()) {
            assertThat(TaskForms.of(key)).as(key.key()).isNotNull();
            assertThat(TaskForms.of(key).outcomes()).as(key.key()).isNotEmpty();
        }
    }

    @Test
    void the_forms_offer_the_contracts_outcomes_and_fields() {
        assertThat(TaskForms.of(TaskKey.REASONABLE_GROUNDS_DECISION).outcomes())
                .extracting(TaskForms.Outcome::value).containsExactly("POSITIVE", "NEGATIVE");
        assertThat(TaskForms.of(TaskKey.REASONABLE_GROUNDS_DECISION).fields())
                .extracting(TaskForms.Field::name).containsExactly("reasons");
        assertThat(TaskForms.of(TaskKey.SHELTER_PLACEMENT).outcomes())
                .extracting(TaskForms.Outcome::value).containsExactly("PLACED", "DECLINED");
        assertThat(TaskForms.of(TaskKey.RESIDENCE_PERMIT_DECISION).fields()).extracting(TaskForms.Field::name)
                .containsExactly("ground", "validUntil", "reasons");
        assertThat(TaskForms.of(TaskKey.RESIDENCE_PERMIT_DECISION).fields().get(0).choices())
                .containsExactly("INVESTIGATION_COOPERATION", "RECOVERY_NEEDS", "COMPENSATION_CLAIM",
                        "PERSONAL_SITUATION");
        assertThat(TaskForms.of(TaskKey.GUARDIAN_APPOINTMENT).fields()).extracting(TaskForms.Field::name)
                .containsExactly("guardianName");
        assertThat(TaskForms.of(TaskKey.CASE_CLOSURE).outcomes()).extracting(TaskForms.Outcome::value)
                .containsExactly("CLOSED");
        assertThat(TaskForms.of(TaskKey.RETURN_DEPARTURE).fields()).extracting(TaskForms.Field::name)
                .containsExactly("receivingOrganisation");
    }
}
