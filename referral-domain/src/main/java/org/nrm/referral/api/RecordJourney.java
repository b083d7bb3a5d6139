package org.nrm.referral.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The person's journey, recruitment to exploitation, in order (it replaces the one recorded so far), and the places and
 * dates of its legs as one personal text (JSON, leg by leg: {@code place}, {@code arrivedOn}, {@code leftOn}).
 */
public record RecordJourney(@TargetAggregateIdentifier String caseId, List<JourneyLeg> legs,
                            PersonalText placesAndDates) {
}
