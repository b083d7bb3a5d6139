package org.nrm.referral.api;

import java.time.Instant;

/** The child's guardian was replaced. */
public record GuardianReplaced(String caseId, GuardianDetails guardian, PersonalText reason, Instant replacedAt) {
}
