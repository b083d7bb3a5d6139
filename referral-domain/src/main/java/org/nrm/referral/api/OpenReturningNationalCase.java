package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The return organisation or the competent authority opens the case of a national identified as a victim abroad
 * (by hand, or from an imported handover package: {@code handoverPackageId} and {@code sourceReference}, the case's
 * reference in the source country, are then set). {@code person} is {@code null} when the package carried no
 * personal data (the person did not consent to it leaving).
 */
public record OpenReturningNationalCase(@TargetAggregateIdentifier String caseId, String reference,
                                        String openingAgency, PersonalDetails person, PersonProfile profile, DecisionAbroad decisionAbroad, String handoverPackageId,
                                        String sourceReference) {
}
