package org.nrm.referral.api;

import java.time.Instant;

/** The notified adult consented; the notification became a referral awaiting reasonable grounds. */
public record ConsentGiven(String caseId, PersonalDetails person, boolean needsAccommodation, Instant givenAt, Instant reasonableGroundsDueAt) {
}
