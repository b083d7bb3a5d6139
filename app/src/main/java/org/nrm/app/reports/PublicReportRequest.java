package org.nrm.app.reports;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.nrm.referral.api.ReportChannel;

/**
 * The body of {@code POST /api/reports} (public contract): what was seen, where, when, an optional contact, the
 * channel and the awareness campaign (one of {@code nrm.jurisdiction.public-reports.campaigns}) if any.
 */
public record PublicReportRequest(@NotBlank @Size(max = 10_000) String description,
                                  @Size(max = 500) String location,
                                  @PastOrPresent LocalDate occurredOn,
                                  @Size(max = 500) String contact,
                                  @NotNull ReportChannel channel,
                                  @Size(max = 64) String campaign) {
}
