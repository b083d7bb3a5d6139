package org.nrm.referral.api;

import java.time.Instant;

/** The shelter was retired; it takes no one any more. */
public record ShelterRetired(String shelterId, PersonalText reason, Instant retiredAt) {
}
