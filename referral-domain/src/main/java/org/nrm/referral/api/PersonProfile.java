package org.nrm.referral.api;

import java.util.List;

/**
 * Non-personal facts about the person that statistics, pathways and oversight may use:
 * gender, age group, nationality (ISO 3166-1 alpha-2) and languages (ISO 639-2).
 */
public record PersonProfile(Gender gender, AgeGroup ageGroup, boolean ageUncertain,
                            List<String> citizenships, List<String> languages) {

    public PersonProfile {
        citizenships = citizenships == null ? List.of() : List.copyOf(citizenships);
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    /** A person of uncertain age who may be a child is treated as a child (Directive 2011/36/EU Art.13(2)). */
    public boolean presumedChild() {
        return ageGroup == AgeGroup.CHILD || ageUncertain || ageGroup == AgeGroup.UNKNOWN;
    }
}
