package org.nrm.referral.api;

/**
 * What the shelter's matching rule needs to know about the person to be placed: treated as a child or not, gender,
 * and whether they come with family members (placed together). No personal data.
 */
public record PlacementCandidate(boolean child, Gender gender, boolean withFamily) {

    public PlacementCandidate {
        gender = gender == null ? Gender.UNKNOWN : gender;
    }
}
