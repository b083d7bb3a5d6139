package org.nrm.referral.model;

import java.util.Set;
import org.nrm.referral.api.PlacementCandidate;
import org.nrm.referral.api.ShelterGroup;
import org.nrm.referral.api.ShelterType;

/**
 * The jurisdiction's matching rule: whether a shelter of a type, taking some groups, may take the person. Injected
 * into the shelter's command handlers (the platform evaluates a decision table a jurisdiction can change). Whatever
 * the table says, {@link Shelter} never places a child in an adult shelter without a recorded exception.
 */
public interface ShelterMatching {

    /** The verdict and the name of the rule that gave it (the 409's {@code rule} when not admitted). */
    record Admission(boolean admitted, String rule) {
    }

    Admission admit(PlacementCandidate person, ShelterType type, Set<ShelterGroup> groups);

    /** An adult's group: with family, an adult woman or man; other genders a family shelter. */
    static ShelterGroup groupOf(PlacementCandidate person) {
        if (person.withFamily()) {
            return ShelterGroup.FAMILIES;
        }
        return switch (person.gender()) {
            case FEMALE -> ShelterGroup.ADULT_WOMEN;
            case MALE -> ShelterGroup.ADULT_MEN;
            default -> ShelterGroup.FAMILIES;
        };
    }

    /**
     * The reference rule, as the platform's shipped decision table ({@code shelter-admission.dmn}) has it: the shelter
     * must take the person's group, and a child only a children's or families' shelter that takes children (or
     * families, when the child comes with family). For tests and as a fallback.
     */
    ShelterMatching BY_GROUP = (person, type, groups) -> {
        if (person.child() && !Shelter.childSafe(type)) {
            return new Admission(false, Shelter.CHILD_IN_ADULT_SHELTER);
        }
        if (person.child()) {
            boolean taken = groups.contains(ShelterGroup.CHILDREN)
                    || (person.withFamily() && groups.contains(ShelterGroup.FAMILIES));
            return taken ? new Admission(true, "shelter-takes-group")
                    : new Admission(false, "shelter-does-not-take-group");
        }
        return groups.contains(groupOf(person)) ? new Admission(true, "shelter-takes-group")
                : new Admission(false, "shelter-does-not-take-group");
    };
}
