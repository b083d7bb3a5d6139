package org.nrm.app.reports;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nrm.app.referral.ReferralReceipt;
import org.nrm.app.referral.ReferralRequest;
import org.nrm.app.referral.ReferralService;
import org.nrm.app.security.NrmUser;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.PublicReportReceived;
import org.nrm.referral.api.ReceivePublicReport;
import org.nrm.referral.api.ReferPublicReport;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.TaskKey;
import org.nrm.workflow.tasks.TaskCompletionService;
import org.nrm.workflow.tasks.WorkflowException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports from the public: received (anonymously or by a hotline operator), listed to the triage agency, dismissed,
 * or turned into a referral. A triage step completes the report's triage task ({@code public-report-triage}) with
 * the same checks as any task of the agency's queue: its events and the task's end commit together.
 */
@Service
public class PublicReports {

    /** Who the public is in the record of the report: no user, no address. */
    public static final Actor PUBLIC = new Actor("public", "public");

    private static final char[] RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final CommandSender commands;
    private final JdbcTemplate jdbc;
    private final PublicReportProperties properties;
    private final TaskCompletionService tasks;
    private final ReferralService referrals;
    private final SecureRandom random = new SecureRandom();
    private final org.axonframework.eventsourcing.eventstore.EventStore events;
    private final org.nrm.app.protection.PersonalDataReads reads;

    PublicReports(CommandSender commands, JdbcTemplate jdbc, PublicReportProperties properties,
                  TaskCompletionService tasks, ReferralService referrals,
                  org.axonframework.eventsourcing.eventstore.EventStore events,
                  org.nrm.app.protection.PersonalDataReads reads) {
        this.events = events;
        this.reads = reads;
        this.commands = commands;
        this.jdbc = jdbc;
        this.properties = properties;
        this.tasks = tasks;
        this.referrals = referrals;
    }

    public List<String> campaigns() {
        return properties.campaigns();
    }

    /** Receives a report; the answer is its receipt and nothing else. {@code operator} is null for the public. */
    @Transactional
    public String receive(PublicReportRequest request, NrmUser operator) {
        if (request.campaign() != null && !properties.campaigns().contains(request.campaign())) {
            throw WorkflowException.invalid("campaign", "'campaign' must be one of " + properties.campaigns() + ".");
        }
        String reportId = UUID.randomUUID().toString();
        String receipt = receipt();
        commands.sendCreating(new ReceivePublicReport(reportId, receipt, request.description().strip(),
                blankToNull(request.location()), request.occurredOn(), blankToNull(request.contact()),
                request.channel(), request.campaign()), operator == null ? PUBLIC : operator.actor());
        return receipt;
    }

    /** A report as the triage agency lists it (codes and dates; what was seen is read from the report's history). */
    public record ListedReport(String reportId, String receipt, String channel, String campaign, LocalDate occurredOn,
                               Instant receivedAt, Instant triageDueAt, String status, String duplicateOf,
                               String caseId, String taskId) {
    }

    /** Reports of the triage queue: the open ones (oldest first), or every one with {@code all}. */
    public List<ListedReport> list(boolean all) {
        return jdbc.query(LISTED + " WHERE ? OR r.status = 'OPEN' ORDER BY r.received_at, r.report_id LIMIT 500",
                PublicReports::listed, TaskKey.PUBLIC_REPORT_TRIAGE.key(), all);
    }

    private static final String LISTED = """
            SELECT r.*, (SELECT t.id_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_
                          WHERE e.business_key_ = r.report_id AND t.task_def_key_ = ? LIMIT 1) AS task_id
              FROM public_report r""";

    private static ListedReport listed(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ListedReport(rs.getString("report_id"), rs.getString("receipt"),
                        rs.getString("channel"), rs.getString("campaign"),
                        rs.getDate("occurred_on") == null ? null : rs.getDate("occurred_on").toLocalDate(),
                        instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("triage_due_at")),
                        rs.getString("status"), rs.getString("duplicate_of"), rs.getString("case_id"),
                        rs.getString("task_id"));
    }

    /** A report as triage reads it: the listing's facts and what was seen, where, and the reporter's contact. */
    public record ReportDetails(ListedReport report, String description, String location, String contact) {
    }

    /**
     * One report with what the public wrote (opened from its sealed event; {@code [erased]} once its key is gone). The
     * read is recorded like every read of personal data (subject {@code report:<id>}).
     */
    public ReportDetails details(String reportId, NrmUser user) {
        ListedReport listed = jdbc.query(LISTED + " WHERE r.report_id = ?", PublicReports::listed,
                TaskKey.PUBLIC_REPORT_TRIAGE.key(), reportId).stream().findFirst().orElse(null);
        if (listed == null) {
            throw new org.nrm.app.api.NotFound("No report " + reportId + " in your triage queue.");
        }
        var received = events.readEvents(reportId).asStream().map(m -> m.getPayload())
                .filter(p -> p instanceof PublicReportReceived).map(p -> (PublicReportReceived) p).findFirst()
                .orElseThrow(() -> new org.nrm.app.api.NotFound("No report " + reportId + "."));
        reads.record(org.nrm.app.protection.PersonalDataModule.REPORT_SUBJECT + reportId, user, "triage");
        return new ReportDetails(listed, PersonalText.textOf(received.description()),
                PersonalText.textOf(received.location()), PersonalText.textOf(received.contact()));
    }

    /** Dismisses a report with a reason (its triage task completed as DISMISSED). */
    @Transactional
    public void dismiss(String reportId, String reason, NrmUser user) {
        tasks.complete(openTask(reportId), user.actor(), Map.of("outcome", "DISMISSED", "reason",
                reason == null ? "" : reason));
    }

    /** Merges a report into another report as its duplicate (its triage task completed as DUPLICATE). */
    @Transactional
    public void merge(String reportId, String duplicateOf, NrmUser user) {
        tasks.complete(openTask(reportId), user.actor(), Map.of("outcome", "DUPLICATE", "duplicateOf", duplicateOf));
    }

    /** The reports another may be merged into: the latest 100 but itself and those merged themselves. */
    public List<ListedReport> mergeCandidates(String reportId) {
        return jdbc.query(LISTED + " WHERE r.report_id <> ? AND r.status <> 'MERGED'"
                        + " ORDER BY r.received_at DESC, r.report_id LIMIT 100", PublicReports::listed,
                TaskKey.PUBLIC_REPORT_TRIAGE.key(), reportId);
    }

    /** One report of the triage queue as listed (no personal data, no read recorded), or 404. */
    public ListedReport summary(String reportId) {
        return jdbc.query(LISTED + " WHERE r.report_id = ?", PublicReports::listed,
                TaskKey.PUBLIC_REPORT_TRIAGE.key(), reportId).stream().findFirst()
                .orElseThrow(() -> new org.nrm.app.api.NotFound("No report " + reportId + " in your triage queue."));
    }

    /** Turns a report into a referral: the case is referred by the triage agency and remembers the report. */
    @Transactional
    public ReferralReceipt refer(String reportId, ReferralRequest request, NrmUser user) {
        return tasks.completeWith(openTask(reportId), user.actor(), TaskKey.PUBLIC_REPORT_TRIAGE, report -> {
            ReferralReceipt receipt = referrals.refer(request, user);
            commands.send(new ReferPublicReport(report, receipt.caseId(), receipt.reference(), user.agency()),
                    user.actor());
            return receipt;
        }, org.nrm.workflow.ProcessVariables.of(org.nrm.workflow.ProcessVariables.TRIAGE_OUTCOME, "REFERRED"));
    }

    /** The open triage task of a report, or 404 (unknown, or already triaged: 409). */
    private String openTask(String reportId) {
        List<String> status = jdbc.queryForList("SELECT status FROM public_report WHERE report_id = ?", String.class,
                reportId);
        if (status.isEmpty()) {
            throw new org.nrm.app.api.NotFound("No report " + reportId + " in your triage queue.");
        }
        List<String> task = jdbc.queryForList("""
                SELECT t.id_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_
                 WHERE e.business_key_ = ? AND t.task_def_key_ = ?""", String.class, reportId,
                TaskKey.PUBLIC_REPORT_TRIAGE.key());
        if (task.isEmpty()) {
            throw WorkflowException.conflict(WorkflowException.REPORT_TRIAGED, "The report was already triaged (" + status.get(0).toLowerCase() + ").");
        }
        return task.get(0);
    }

    private String receipt() {
        var out = new StringBuilder("R-");
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                out.append('-');
            }
            out.append(RECEIPT_ALPHABET[random.nextInt(RECEIPT_ALPHABET.length)]);
        }
        return out.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
