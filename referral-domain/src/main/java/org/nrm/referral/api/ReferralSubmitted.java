package org.nrm.referral.api;

import java.time.Instant;

/**
 * A person was referred into the mechanism with their consent (or as a child, without need of it).
 * {@code person} is personal data; everything else is a non-personal fact. {@code consentToReferral} is whether the
 * person consented (a child's referral needs none); {@code null} on referrals recorded before it was kept, which were
 * all taken with consent or as a child and are treated as consented. {@code exploitationDetails} (HTCDS 2.0 / CTDC
 * circumstances of the exploitation) is {@code null} on referrals recorded before it was kept: none recorded.
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
                                Boolean consentToReferral,
                                ExploitationDetails exploitationDetails) {

    public ReferralSubmitted(String caseId, String reference, String referringAgency, PersonalDetails person,
                             PersonProfile profile, Exploitation exploitation, boolean presumedChild,
                             boolean foreignNational, boolean needsAccommodation, Instant referredAt,
                             Instant reasonableGroundsDueAt, Boolean consentToReferral) {
        this(caseId, reference, referringAgency, person, profile, exploitation, presumedChild, foreignNational,
                needsAccommodation, referredAt, reasonableGroundsDueAt, consentToReferral, null);
    }

    public ReferralSubmitted(String caseId, String reference, String referringAgency, PersonalDetails person,
                             PersonProfile profile, Exploitation exploitation, boolean presumedChild,
                             boolean foreignNational, boolean needsAccommodation, Instant referredAt,
                             Instant reasonableGroundsDueAt) {
        this(caseId, reference, referringAgency, person, profile, exploitation, presumedChild, foreignNational,
                needsAccommodation, referredAt, reasonableGroundsDueAt, null, null);
    }

    /** The circumstances of the exploitation, none recorded for a referral from before they were kept. */
    public ExploitationDetails details() {
        return ExploitationDetails.orNone(exploitationDetails);
    }

    /** Whether the person consented to the referral (legacy referrals: yes). */
    public boolean consented() {
        return consentToReferral == null || consentToReferral;
    }
}
