package org.nrm.referral.api;

import java.time.Instant;

/** A guardian was appointed for the child. */
public record GuardianAppointed(String caseId, GuardianDetails guardian, Instant appointedAt) {
}
