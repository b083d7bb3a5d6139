package org.nrm.referral.api;

import java.time.Instant;

/** The report was merged into an earlier report ({@code duplicateOf}, an id) as its duplicate. */
public record PublicReportMerged(String reportId, String duplicateOf, Instant mergedAt) {
}
