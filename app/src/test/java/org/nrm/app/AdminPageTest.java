package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PageSession;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The administration page as a browser posts to it (session, CSRF token): a row for every event processor Axon
 * runs, the consistency check of one case or all with its findings, the engine's open incidents with their retry;
 * for the administrator only.
 */
class AdminPageTest extends PlatformTest {

    private static final Pattern PROCESSOR_ROW = Pattern.compile("data-processor=\"([^\"]+)\"");

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    private PageSession signedIn(String user) {
        PageSession session = new PageSession(port);
        HttpResponse<String> signIn = session.signIn(user, "demo");
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return session;
    }

    private static Set<String> processorRows(String page) {
        Set<String> rows = new LinkedHashSet<>();
        Matcher row = PROCESSOR_ROW.matcher(page);
        while (row.find()) {
            rows.add(row.group(1));
        }
        return rows;
    }

    private String check(PageSession admin, String caseId) {
        admin.get("/admin");
        HttpResponse<String> report = admin.post("/admin/consistency", Map.of("caseId", caseId));
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        return report.body();
    }

    private int breaches(String caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype = 'org.nrm.referral.api.DeadlineBreached'", Integer.class, caseId);
    }

    @Test
    void every_event_processor_axon_runs_and_every_processing_group_of_the_code_has_a_row() {
        String page = signedIn("admin").get("/admin").body();
        Set<String> rows = processorRows(page);
        assertThat(rows).containsAll(processing.eventProcessors().keySet());
        // each @ProcessingGroup of the platform's code, found in the classes themselves (not in a list to forget)
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ProcessingGroup.class));
        Set<String> groups = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("org.nrm")) {
            try {
                groups.add(Class.forName(candidate.getBeanClassName()).getAnnotation(ProcessingGroup.class).value());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(groups).contains("case-views", "shelters", "case-consents", "workflow-bridge",
                "shelter-placement-endings");
        assertThat(rows).containsAll(groups);
        // the subscribing ones are written in each step's transaction: no replay is offered for them
        assertThat(page).doesNotContain("action=\"/admin/processors/case-consents/replay\"")
                .contains("action=\"/admin/processors/case-views/replay\"");
        PageSession admin = signedIn("admin");
        admin.get("/admin");
        assertThat(admin.post("/admin/processors/case-consents/replay", Map.of()).statusCode()).isEqualTo(404);
        assertThat(admin.post("/admin/processors/no-such-processor/replay", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void the_consistency_check_shows_no_finding_for_a_clean_case_and_the_finding_of_a_broken_one() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        PageSession admin = signedIn("admin");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> check(admin, caseId)
                .contains("No findings: the events, the engine and the projections agree."));
        assertThat(check(admin, caseId)).contains("Case " + caseId + " checked.").doesNotContain("class=\"finding\"");

        jdbc.update("UPDATE case_view SET stage = 'SUPPORT' WHERE case_id = ?", caseId);
        try {
            String broken = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> check(admin, caseId),
                    body -> body.contains("data-kind=\"CASE_VIEW_STAGE\""));
            assertThat(broken).contains("stage AWAITING_REASONABLE_GROUNDS").contains("stage SUPPORT")
                    .contains("/api/admin/processors/case-views/replay").doesNotContain("No findings");
        } finally {
            jdbc.update("UPDATE case_view SET stage = 'AWAITING_REASONABLE_GROUNDS' WHERE case_id = ?", caseId);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> check(admin, caseId).contains("No findings"));

        // every case, from "all" or an empty field
        assertThat(check(admin, "all")).contains("Every case checked:");
        assertThat(check(admin, "")).contains("Every case checked:");
        // a field no case id can be: shown again with the message at the field, nothing checked
        admin.get("/admin");
        HttpResponse<String> bad = admin.post("/admin/consistency", Map.of("caseId", "x".repeat(65)));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"consistency-caseId-error\"").contains("aria-invalid=\"true\"")
                .doesNotContain("class=\"checked\"");
    }

    @Test
    void an_incident_of_the_engine_is_listed_and_its_retry_from_the_page_records_the_step() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        String process = runtime.createProcessInstanceQuery().processDefinitionKey("national-referral-mechanism")
                .processInstanceBusinessKey(caseId).singleResult().getId();
        PageSession admin = signedIn("admin");
        int breachesBefore = breaches(caseId);
        String incidentId;
        try {
            // every command of the case is refused; the reasonable-grounds deadline passes now
            faults.failCommandsFor(caseId);
            Job deadline = management.createJobQuery().processInstanceId(process).timers().activityId("rg-deadline")
                    .singleResult();
            management.setJobDuedate(deadline.getId(), new Date(System.currentTimeMillis() - 1000));
            // the engine retries the breach's service task; the test stands in for the time between the retries
            incidentId = Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (Job failing : management.createJobQuery().processInstanceId(process).withException().list()) {
                    if (failing.getRetries() > 0 && failing.getDuedate() != null
                            && failing.getDuedate().after(new Date())) {
                        management.setJobDuedate(failing.getId(), new Date());
                    }
                }
                var incident = runtime.createIncidentQuery().processInstanceId(process).singleResult();
                return incident == null ? null : incident.getId();
            }, java.util.Objects::nonNull);
            String page = admin.get("/admin").body();
            int row = page.indexOf("data-incident-id=\"" + incidentId + "\"");
            assertThat(row).isPositive();
            String listed = page.substring(row, page.indexOf("</tr>", row));
            assertThat(listed).contains(caseId).contains("record-rg-deadline-breach").contains("failedJob")
                    .contains("injected").contains("action=\"/admin/incidents/" + incidentId + "/retry\"");
        } finally {
            faults.clear();
        }

        // the cause is gone; the administrator retries from the page: the breach is recorded, the incident resolved
        HttpResponse<String> retried = admin.post("/admin/incidents/" + incidentId + "/retry", Map.of());
        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(retried.headers().firstValue("Location").orElseThrow()).endsWith("/admin");
        assertThat(admin.get("/admin").body()).contains("The step record-rg-deadline-breach is being run again.");
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> runtime.createIncidentQuery().processInstanceId(process).count() == 0);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> breaches(caseId) == breachesBefore + 1);
        assertThat(admin.get("/admin").body()).doesNotContain("data-incident-id=\"" + incidentId + "\"");

        // an incident no longer open: a notice, nothing else
        admin.get("/admin");
        HttpResponse<String> again = admin.post("/admin/incidents/" + incidentId + "/retry", Map.of());
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin").body()).contains("Incident " + incidentId + " is no longer open.");
    }

    @Test
    void only_the_administrator_reaches_the_page_and_its_forms() {
        for (String user : new String[] {"police", "competent-authority-lead", "rapporteur", "shelter-provider"}) {
            PageSession session = signedIn(user);
            assertThat(session.get("/admin").statusCode()).as(user).isEqualTo(403);
            session.get("/");
            assertThat(session.post("/admin/consistency", Map.of("caseId", "all")).statusCode()).as(user)
                    .isEqualTo(403);
            assertThat(session.post("/admin/incidents/any/retry", Map.of()).statusCode()).as(user).isEqualTo(403);
        }
        HttpResponse<String> anonymous = new PageSession(port).get("/admin");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        // the administrator's own form needs its CSRF token
        PageSession admin = signedIn("admin");
        assertThat(admin.get("/admin").body()).contains("name=\"_csrf\"");
    }
}
