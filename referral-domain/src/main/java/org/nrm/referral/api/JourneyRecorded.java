package org.nrm.referral.api;

import java.time.Instant;
import java.util.List;

/** The person's journey: stages and countries in clear; the legs' places and dates sealed ({@code placesAndDates}). */
public record JourneyRecorded(String caseId, List<JourneyLeg> legs, PersonalText placesAndDates, Instant recordedAt) {

    public JourneyRecorded {
        legs = legs == null ? List.of() : List.copyOf(legs);
    }
}
