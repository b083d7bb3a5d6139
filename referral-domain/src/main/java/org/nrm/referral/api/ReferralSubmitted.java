package org.nrm.referral.api;

import java.time.Instant;

/**
 * A person was referred into the mechanism with their consent (or as a child, without need of it).
 * {@code person} is personal data; everything else is a non-personal fact. {@code consentToReferral} is whether the
 * person consented (a child's referral needs none); {@code null} on referrals recorded before it was kept, which were
 * all taken with consent or as a child and are treated as consented.
 */
public record ReferralSubmitted(String caseId,
                                String reference,
                                String referringAgency,
                                PersonalDetails person,
                                PersonProfile profile,
                                Exploitation exploitation,
                                boolean presumedChild,
                                boolean foreignNational,
                                boolean needsAccommodation,
                                Instant referredAt,
                                Instant reasonableGroundsDueAt,
                                Boolean consentToReferral) {

    public ReferralSubmitted(String caseId, String reference, String referringAgency, PersonalDetails person,
                             PersonProfile profile, Exploitation exploitation, boolean presumedChild,
                             boolean foreignNational, boolean needsAccommodation, Instant referredAt,
                             Instant reasonableGroundsDueAt) {
        this(caseId, reference, referringAgency, person, profile, exploitation, presumedChild, foreignNational,
                needsAccommodation, referredAt, reasonableGroundsDueAt, null);
    }

    /** Whether the person consented to the referral (legacy referrals: yes). */
    public boolean consented() {
        return consentToReferral == null || consentToReferral;
    }
}
