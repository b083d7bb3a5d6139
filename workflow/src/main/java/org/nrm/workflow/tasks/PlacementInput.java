package org.nrm.workflow.tasks;

import org.nrm.referral.api.Gender;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.PlacePerson;
import org.nrm.referral.api.PlacementCandidate;
import org.nrm.workflow.ProcessVariables;

/**
 * The fields of a placement (the {@code shelter-placement} task, or a transfer): {@code shelterId}, optional
 * {@code withFamily} (placed together with family members) and, for a child outside a children's or families'
 * shelter, {@code childPlacementException: {"reason": ".."}} as the best-interests assessment recorded it.
 */
public final class PlacementInput {

    public static final String SHELTER_ID = "shelterId";
    public static final String WITH_FAMILY = "withFamily";
    public static final String CHILD_PLACEMENT_EXCEPTION = "childPlacementException";

    private PlacementInput() {
    }

    /** The placement of the task's case: who the person is for the matching rule comes from the process. */
    static PlacePerson placement(TaskContext task, CompletionInput in) {
        String gender = task.variable(ProcessVariables.GENDER);
        return placement(task.caseId(), task.flag(ProcessVariables.CHILD),
                gender == null ? Gender.UNKNOWN : Gender.valueOf(gender), in);
    }

    public static PlacePerson placement(String caseId, boolean child, Gender gender, CompletionInput in) {
        String shelterId = in.requiredText(SHELTER_ID);
        boolean withFamily = Boolean.TRUE.equals(in.optionalBoolean(WITH_FAMILY));
        String reason = in.optionalObjectText(CHILD_PLACEMENT_EXCEPTION, "reason");
        return new PlacePerson(shelterId, caseId, new PlacementCandidate(child, gender, withFamily),
                reason == null ? null : new PersonalText(reason));
    }
}
