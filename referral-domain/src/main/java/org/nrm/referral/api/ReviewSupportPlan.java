package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The plan's owner reviews the plan; the next review falls due the jurisdiction's interval later. */
public record ReviewSupportPlan(@TargetAggregateIdentifier String planId, PersonalText notes, int reviewIntervalDays) {
}
