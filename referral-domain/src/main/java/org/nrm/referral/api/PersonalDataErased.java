package org.nrm.referral.api;

import java.time.Instant;

/** The person's personal data was erased: it reads as erased everywhere from now on. */
public record PersonalDataErased(String caseId, String reason, Instant erasedAt) {
}
