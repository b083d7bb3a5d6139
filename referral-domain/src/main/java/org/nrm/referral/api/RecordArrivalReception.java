package org.nrm.referral.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Who met the returning person on arrival, where and when. */
public record RecordArrivalReception(@TargetAggregateIdentifier String caseId, PersonalText metBy, PersonalText place,
                                     Instant metAt) {
}
