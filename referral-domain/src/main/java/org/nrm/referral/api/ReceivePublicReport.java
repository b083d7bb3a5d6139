package org.nrm.referral.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A member of the public reports a suspicion of trafficking: what was seen, where and when, an optional way to
 * contact them, the channel, and the awareness campaign that prompted it (a configured code, or null). The receipt is
 * what the reporter is given back; the triage queue is the jurisdiction's ({@code public-report-triage}).
 */
public record ReceivePublicReport(@TargetAggregateIdentifier String reportId,
                                  String receipt,
                                  String description,
                                  String location,
                                  LocalDate occurredOn,
                                  String contact,
                                  ReportChannel channel,
                                  String campaign) {
}
