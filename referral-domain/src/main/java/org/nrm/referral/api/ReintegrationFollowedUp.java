package org.nrm.referral.api;

import java.time.Instant;

/** A reintegration follow-up was recorded. */
public record ReintegrationFollowedUp(String returnId, String caseId, int number, FollowUpStatus status, PersonalText notes, Instant recordedAt) {
}
