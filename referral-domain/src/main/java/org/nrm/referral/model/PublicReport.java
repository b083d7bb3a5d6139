package org.nrm.referral.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.nrm.referral.api.*;

/**
 * A report from the public, from its arrival in the triage queue to its end: dismissed with a reason, merged into an
 * earlier report as a duplicate, or turned into a referral. Each ends the triage; a report is triaged once.
 */
public class PublicReport {

    /** How many days the triage agency has to look at a report (calendar days: a report may be urgent). */
    public static final int TRIAGE_DAYS = 2;

    private enum Status { OPEN, DISMISSED, MERGED, REFERRED }

    @AggregateIdentifier
    private String reportId;
    private Status status;
    private ReportChannel channel;
    private String campaign;

    protected PublicReport() {
        // for Axon
    }

    @CommandHandler
    public PublicReport(ReceivePublicReport command, JurisdictionRules rules, Clock clock) {
        if (command.description() == null || command.description().isBlank()) {
            throw new CaseRuleViolation("missing-description", "'description' must say what was seen.");
        }
        if (command.channel() == null) {
            throw new CaseRuleViolation("missing-channel", "'channel' must be given.");
        }
        Instant now = clock.instant();
        apply(new PublicReportReceived(command.reportId(), command.receipt(), PersonalText.of(command.description()),
                PersonalText.of(command.location()), command.occurredOn(), PersonalText.of(command.contact()),
                command.channel(), command.campaign(), now,
                rules.daysAfter(now, TRIAGE_DAYS)));
    }

    @CommandHandler
    public void handle(DismissPublicReport command, Clock clock) {
        requireOpen();
        if (command.reason() == null || command.reason().isBlank()) {
            throw new CaseRuleViolation("missing-reason", "A dismissal gives its reason.");
        }
        apply(new PublicReportDismissed(reportId, PersonalText.of(command.reason()), clock.instant()));
    }

    @CommandHandler
    public void handle(MergePublicReport command, ReceivedReports received, Clock clock) {
        requireOpen();
        if (command.duplicateOf() == null || command.duplicateOf().equals(reportId)) {
            throw new CaseRuleViolation("duplicate-of-itself", "A report is merged into another, earlier report.");
        }
        if (!received.received(command.duplicateOf())) {
            throw new CaseRuleViolation("duplicate-of-unknown-report",
                    "duplicateOf names no report received: a report is merged into one that was.");
        }
        apply(new PublicReportMerged(reportId, command.duplicateOf(), clock.instant()));
    }

    @CommandHandler
    public void handle(ReferPublicReport command, Clock clock) {
        requireOpen();
        apply(new PublicReportReferred(reportId, command.caseId(), command.reference(), command.referringAgency(),
                channel, campaign, clock.instant()));
    }

    private void requireOpen() {
        if (status != Status.OPEN) {
            throw new CaseRuleViolation("report-already-triaged",
                    "The report was already triaged (" + status.name().toLowerCase() + ").");
        }
    }

    @EventSourcingHandler
    void on(PublicReportReceived event) {
        reportId = event.reportId();
        status = Status.OPEN;
        channel = event.channel();
        campaign = event.campaign();
    }

    @EventSourcingHandler
    void on(PublicReportDismissed event) {
        status = Status.DISMISSED;
    }

    @EventSourcingHandler
    void on(PublicReportMerged event) {
        status = Status.MERGED;
    }

    @EventSourcingHandler
    void on(PublicReportReferred event) {
        status = Status.REFERRED;
    }
}
