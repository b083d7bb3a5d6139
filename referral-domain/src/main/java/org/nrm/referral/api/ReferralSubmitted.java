package org.nrm.referral.api;

import java.time.Instant;

/**
 * A person was referred into the mechanism with their consent (or as a child, without need of it).
 * {@code person} is personal data; everything else is a non-personal fact.
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
                                Instant reasonableGroundsDueAt) {
}
