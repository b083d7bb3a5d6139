package org.nrm.referral.api;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The person withdraws a consent: one scope; for {@link ConsentScope#DATA_SHARING} the agencies it no longer covers
 * (none named: every agency it covered). {@code reason} is optional free text (personal data).
 */
public record WithdrawConsent(@TargetAggregateIdentifier String caseId, ConsentScope scope, Set<String> agencies,
                              PersonalText reason, Actor withdrawnBy) {
}
