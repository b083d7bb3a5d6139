package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Turns an assessed need into a referral to a provider. {@code child}: whether the person is treated as a child;
 * {@code sharesPersonalData}: whether the person's consent to data sharing covers the provider's agency now (the
 * referral then carries {@code note}, else no free text at all); {@code providerAtCapacity}: the directory's capacity
 * is taken by the provider's open referrals.
 */
public record ReferForService(@TargetAggregateIdentifier String planId, String referralId, SupportNeed need,
                              ServiceProviderOffer provider, boolean child, boolean sharesPersonalData,
                              boolean providerAtCapacity, PersonalText note) {
}
