package org.nrm.referral.api;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The protective measures in force for the person as a witness (they replace those recorded so far), with notes. */
public record RecordWitnessProtection(@TargetAggregateIdentifier String caseId, Set<ProtectiveMeasure> measures,
                                      PersonalText notes) {
}
