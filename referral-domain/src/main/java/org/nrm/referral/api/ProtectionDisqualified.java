package org.nrm.referral.api;

import java.time.Instant;

/**
 * The person was disqualified from protection from removal. {@code reasons} is personal data. A running recovery
 * period ends with it ({@code endedRecoveryPeriod}: the conclusive decision is due), as does move-on support.
 */
public record ProtectionDisqualified(String caseId, DisqualificationGround ground, PersonalText reasons,
                                     Instant disqualifiedAt, boolean endedRecoveryPeriod) {
}
