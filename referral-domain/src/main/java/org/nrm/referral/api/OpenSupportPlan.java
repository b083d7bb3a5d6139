package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens the support plan of a case, owned by {@code ownerAgency} (a support provider involved in the case). The case's
 * {@code stage} is the caller's reading of the case (a notification or a closed case takes no plan); the first review
 * falls due {@code reviewIntervalDays} days after opening (the jurisdiction's interval).
 */
public record OpenSupportPlan(@TargetAggregateIdentifier String planId, String caseId, String ownerAgency,
                              CaseStage stage, int reviewIntervalDays) {
}
