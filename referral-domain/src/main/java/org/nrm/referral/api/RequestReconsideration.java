package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A first responder or support provider asks for a negative decision to be reconsidered. */
public record RequestReconsideration(@TargetAggregateIdentifier String caseId, ReconsiderationGround ground, PersonalText explanation, String requestingAgency, java.util.Set<AgencyRole> requestingAgencyRoles) {
}
