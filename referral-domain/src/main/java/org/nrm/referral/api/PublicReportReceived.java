package org.nrm.referral.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A report from the public came in. {@code description}, {@code location} and {@code contact} are personal data
 * (sealed with the report's own key, {@code report:<reportId>}); {@code receipt}, {@code channel} and {@code campaign} are
 * codes. Nothing about the reporter's address is kept.
 */
public record PublicReportReceived(String reportId,
                                   String receipt,
                                   PersonalText description,
                                   PersonalText location,
                                   LocalDate occurredOn,
                                   PersonalText contact,
                                   ReportChannel channel,
                                   String campaign,
                                   Instant receivedAt,
                                   Instant triageDueAt) {
}
