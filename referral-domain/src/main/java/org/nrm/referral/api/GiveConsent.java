package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An adult who was notified anonymously consents: the notification becomes a referral with their details. */
public record GiveConsent(@TargetAggregateIdentifier String caseId, PersonalDetails person, boolean needsAccommodation) {
}
