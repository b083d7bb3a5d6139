package org.nrm.referral.api;

import java.time.Instant;

/** The person's cooperation with the investigation now stands at {@code status}. */
public record CooperationRecorded(String caseId, CooperationStatus status, Instant recordedAt) {
}
