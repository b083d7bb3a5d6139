package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a need of the person on the plan, with optional notes (personal data). */
public record AssessSupportNeed(@TargetAggregateIdentifier String planId, SupportNeed need, PersonalText notes) {
}
