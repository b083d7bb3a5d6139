package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A guardian is replaced (for instance on a conflict of interest), on a ground and with the reason. */
public record ReplaceGuardian(@TargetAggregateIdentifier String caseId, GuardianDetails guardian,
                              GuardianReplacementGround ground, PersonalText reason) {
}
