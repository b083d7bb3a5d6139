package org.nrm.referral.api;

import java.time.Instant;

/** The case was closed. */
public record CaseClosed(String caseId, ClosureCategory category, PersonalText reason, Instant closedAt) {
}
