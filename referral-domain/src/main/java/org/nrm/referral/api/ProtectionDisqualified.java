package org.nrm.referral.api;

import java.time.Instant;

/** The person was disqualified from protection from removal. */
public record ProtectionDisqualified(String caseId, DisqualificationGround ground, PersonalText reasons, Instant disqualifiedAt) {
}
