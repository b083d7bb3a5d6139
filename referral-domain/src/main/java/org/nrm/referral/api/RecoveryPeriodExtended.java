package org.nrm.referral.api;

import java.time.Instant;

/** The recovery period now ends at endsAt, for the recorded reason. */
public record RecoveryPeriodExtended(String caseId, int days, PersonalText reason, Instant endsAt, Instant extendedAt) {
}
