package org.nrm.referral.api;

import java.time.Instant;

/** A returned national's reintegration was followed up. */
public record ReturningNationalFollowedUp(String caseId, FollowUpStatus status, PersonalText notes,
                                          Instant followedUpAt) {
}
