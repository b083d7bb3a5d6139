package org.nrm.referral.api;

import java.time.Instant;

/** Triage dismissed the report; the reason is personal data of the report (it may describe the people seen). */
public record PublicReportDismissed(String reportId, PersonalText reason, Instant dismissedAt) {
}
