package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A first responder refers a person. An adult who does not consent gives an anonymous notification instead
 * of a case; a child (or a person who may be a child) needs no consent.
 */
public record SubmitReferral(@TargetAggregateIdentifier String caseId,
                             String reference,
                             String referringAgency,
                             PersonalDetails person,
                             PersonProfile profile,
                             Exploitation exploitation,
                             boolean consentToReferral,
                             boolean needsAccommodation,
                             ExploitationDetails exploitationDetails) {

    public SubmitReferral(String caseId, String reference, String referringAgency, PersonalDetails person,
                          PersonProfile profile, Exploitation exploitation, boolean consentToReferral,
                          boolean needsAccommodation) {
        this(caseId, reference, referringAgency, person, profile, exploitation, consentToReferral, needsAccommodation,
                null);
    }
}
