package org.nrm.referral.api;

import java.time.Instant;

/**
 * The report became a referral: the case remembers the report it came from (the event carries both ids, so it is
 * sequenced with the case's events). Identifiers and codes only.
 */
public record PublicReportReferred(String reportId, String caseId, String reference, String referringAgency,
                                   ReportChannel channel, String campaign, Instant referredAt) {
}
