package org.nrm.referral.api;

import java.time.Instant;

/** The child's guardian was replaced; {@code guardian} and {@code reason} are personal data. */
public record GuardianReplaced(String caseId, GuardianDetails guardian, GuardianReplacementGround ground,
                               PersonalText reason, Instant replacedAt) {
}
