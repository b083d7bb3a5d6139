package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The competent authority disqualifies the person from protection on public-order or bad-faith grounds. */
public record DisqualifyFromProtection(@TargetAggregateIdentifier String caseId, DisqualificationGround ground,
                                       PersonalText reasons) {
}
