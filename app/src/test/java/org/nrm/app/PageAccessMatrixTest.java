package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nrm.app.EndpointAccessMatrixTest.ADMIN;
import static org.nrm.app.EndpointAccessMatrixTest.ALL_LEADS;
import static org.nrm.app.EndpointAccessMatrixTest.ALL_STAFF;
import static org.nrm.app.EndpointAccessMatrixTest.CONSENT_TAKERS;
import static org.nrm.app.EndpointAccessMatrixTest.FIRST_RESPONDER_WORKERS;
import static org.nrm.app.EndpointAccessMatrixTest.OVERSIGHT;
import static org.nrm.app.EndpointAccessMatrixTest.agencyOf;
import static org.nrm.app.EndpointAccessMatrixTest.leadsOf;
import static org.nrm.app.EndpointAccessMatrixTest.staffOf;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nrm.app.support.CaseFixtures;
import org.nrm.app.support.PageSession;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every form of the server-rendered pages (each POST mapping of the page controllers, read from Spring MVC at test
 * time: a new form without a row fails {@link #every_page_form_has_a_row_in_the_matrix}) × no session, no CSRF token,
 * and each demo user (password {@code demo}, signed in through the form) on a case or task its agency is involved in
 * and one it is not.
 *
 * <ul>
 *   <li>no signed-in session (a CSRF token of the sign-in page's anonymous session): a redirect to {@code /login};</li>
 *   <li>a signed-in user who may post it, without the CSRF token: {@code 403};</li>
 *   <li>a user the pages' chain refuses for the path ({@code PageSecurityConfiguration}: role and agency): {@code 403};
 *       a user the chain lets through whom the form's own check refuses: {@code 404}, the answer for a case or task
 *       that does not exist;</li>
 *   <li>a user who may post it, on a case or task of another agency: {@code 404}, as the API answers;</li>
 *   <li>a user who may post it, on a case or task of the agency: the form's own answer (its input refused and the
 *       form shown again with {@code 400}, or the redirect of a form that ran), stated per row.</li>
 * </ul>
 * The forms sent reach the form's own check without storing anything (input the form refuses, a step the case's
 * state refuses), so every refused post, and every answered one but a claim (which is handed back), leaves the case's
 * events, its involvements and the task's holder as they were.
 */
class PageAccessMatrixTest extends PlatformTest {

    static final String POLICE_CASE = "police-case";
    static final String RECOVERY = "recovery";
    static final String CHILD = "child";
    static final List<String> CASES = List.of(POLICE_CASE, RECOVERY, CHILD);

    /** A task of a fixture case and the agency whose queue holds it. */
    record TaskFixture(String name, String caseName, String key, String agency) {
    }

    static final List<TaskFixture> TASKS = List.of(
            new TaskFixture("reasonable-grounds", POLICE_CASE, "reasonable-grounds-decision", "competent-authority"),
            new TaskFixture("shelter-placement", RECOVERY, "shelter-placement", "shelter-provider"),
            new TaskFixture("guardian", CHILD, "guardian-appointment", "child-services"));

    static final String[] TASK_AGENCIES = TASKS.stream().map(TaskFixture::agency).distinct().toArray(String[]::new);

    // ----------------------------------------------------------------------------------------------------------------
    // THE MATRIX: one row per form (POST and pattern as Spring MVC maps it). Add the row of a new form here.
    // ----------------------------------------------------------------------------------------------------------------

    /** Every signed-in demo user. */
    static final Set<String> SIGNED_IN = EndpointAccessMatrixTest.USERS.stream().filter(u -> !u.equals("anonymous"))
            .collect(java.util.stream.Collectors.toSet());

    /** Support providers: they open and keep support plans (issue 16). */
    static final Set<String> SUPPORT_PROVIDERS = staffOf("ngo-outreach", "shelter-provider");
    /** The agencies acting for a provider of the demo directory: they answer service referrals. */
    static final Set<String> SERVICE_PROVIDER_STAFF = staffOf("ngo-outreach", "shelter-provider", "child-services",
            "return-organisation");
    /** Handovers abroad and returning nationals: the return organisation and the competent authority. */
    static final Set<String> HANDOVER_STAFF = staffOf("return-organisation", "competent-authority");

    static final List<Row> MATRIX = List.of(
            // the public page to report a suspicion of trafficking (issue #17): anyone, signed in or not; a report
            // without a description is shown again with 400 and stores nothing
            Row.of("/report").form(Map.of("description", " ")).open().chain(SIGNED_IN).may(SIGNED_IN).answers(400),
            Row.of("/referrals").form(Map.of("givenName", "")).chain(FIRST_RESPONDER_WORKERS)
                    .may(FIRST_RESPONDER_WORKERS).answers(400),
            // triage of a report from the public (the fixture report, open): the triage agency's staff; a blank
            // reason, no report chosen, a referral without a gender: the form again with 400, nothing stored
            Row.of("/reports/{reportId}/dismissal").form(Map.of("reason", " ")).chain(staffOf("ngo-outreach"))
                    .may(staffOf("ngo-outreach")).answers(400),
            Row.of("/reports/{reportId}/merge").form(Map.of("duplicateOf", "")).chain(staffOf("ngo-outreach"))
                    .may(staffOf("ngo-outreach")).answers(400),
            Row.of("/reports/{reportId}/referral").form(Map.of("givenName", "")).chain(staffOf("ngo-outreach"))
                    .may(Set.of("ngo-outreach")).answers(400),
            Row.of("/cases/{caseId}/tasks/{taskId}").form(Map.of("outcome", "NO-SUCH-OUTCOME")).tasks()
                    .chain(ALL_STAFF).may(staffOf(TASK_AGENCIES)).answers(400),
            Row.of("/cases/{caseId}/reconsideration").form(Map.of("ground", "", "explanation", "New evidence"))
                    .cases().chain(ALL_STAFF)
                    .may(staffOf("police", "border-police", "labour-inspectorate", "ngo-outreach", "shelter-provider"))
                    .answers(400),
            // the criminal case (issue 17): law enforcement involved opens the investigation; law enforcement and the
            // prosecution (involved or named by the investigation) record cooperation and protection; the prosecution
            // the outcome. The fixtures have no investigation: the prosecution is on none of them (404)
            Row.of("/cases/{caseId}/criminal-case/investigation").form(Map.of("reference", "", "openedOn", ""))
                    .cases().chain(ALL_STAFF).may(staffOf("police", "border-police")).answers(400),
            Row.of("/cases/{caseId}/criminal-case/cooperation").form(Map.of("status", "")).cases().chain(ALL_STAFF)
                    .may(staffOf("police", "border-police", "prosecution-service")).answers(400),
            Row.of("/cases/{caseId}/criminal-case/witness-protection").form(Map.of("notes", "")).cases()
                    .chain(ALL_STAFF).may(staffOf("police", "border-police", "prosecution-service")).answers(400),
            Row.of("/cases/{caseId}/criminal-case/outcome").form(Map.of("suspectsCharged", "")).cases()
                    .chain(ALL_STAFF).may(staffOf("prosecution-service")).answers(400),
            Row.of("/cases/{caseId}/extension").form(Map.of("days", "", "reason", "")).cases().chain(ALL_STAFF)
                    .may(staffOf("competent-authority")).answers(400),
            Row.of("/cases/{caseId}/closure").form(Map.of("category", "", "reason", "")).cases().chain(ALL_STAFF)
                    .may(staffOf("competent-authority")).answers(400),
            Row.of("/cases/{caseId}/reopening").form(Map.of("reason", "")).cases().chain(ALL_STAFF)
                    .may(staffOf("competent-authority")).answers(400),
            Row.of("/cases/{caseId}/consent").form(Map.of("givenName", "Lan", "gender", "FEMALE",
                            "birthDate", "1990-02-31", "citizenships", "VN")).cases().chain(ALL_STAFF)
                    .may(FIRST_RESPONDER_WORKERS).answers(400),
            // no scope chosen: back to the case with the form's problem
            Row.of("/cases/{caseId}/consents").form(Map.of()).cases().chain(ALL_STAFF).may(CONSENT_TAKERS)
                    .redirects("/cases/{caseId}"),
            // a consent never given: back to the case with the step's rule
            Row.of("/cases/{caseId}/consents/{scope}/withdrawal").path("/cases/{caseId}/consents/HANDOVER_ABROAD/withdrawal")
                    .form(Map.of()).cases().chain(ALL_STAFF).may(CONSENT_TAKERS).redirects("/cases/{caseId}"),
            Row.of("/inbox/tasks/{taskId}/claim").form(Map.of("caseId", "{caseId}")).tasks().chain(ALL_STAFF)
                    .may(staffOf(TASK_AGENCIES)).redirects("/cases/{caseId}").claims(),
            Row.of("/inbox/tasks/{taskId}/unclaim").form(Map.of("caseId", "{caseId}")).tasks().chain(ALL_STAFF)
                    .may(staffOf(TASK_AGENCIES)).redirects("/cases/{caseId}"),
            Row.of("/queues/tasks/{taskId}/assignee").form(Map.of("assignee", "")).tasks().chain(ALL_LEADS)
                    .may(leadsOf(TASK_AGENCIES)).redirects("/queues"),
            Row.of("/audit/find").form(Map.of("reference", "NO-SUCH-REFERENCE")).chain(OVERSIGHT).may(OVERSIGHT)
                    .redirects("/audit"),
            // an unknown group: the form's own check answers once the chain let the administrator through
            Row.of("/admin/processors/{group}/replay").path("/admin/processors/no-such/replay").form(Map.of())
                    .chain(ADMIN).may(ADMIN).answers(404),
            Row.of("/admin/dead-letters/{group}/retry").path("/admin/dead-letters/case-views/retry").form(Map.of())
                    .chain(ADMIN).may(ADMIN).redirects("/admin"),
            // a case id longer than any: the form's message at the field
            Row.of("/admin/consistency").form(Map.of("caseId", "x".repeat(65))).chain(ADMIN).may(ADMIN).answers(400),
            // an incident that is not open: back to the page with its notice
            Row.of("/admin/incidents/{incidentId}/retry").path("/admin/incidents/no-such-incident/retry")
                    .form(Map.of()).chain(ADMIN).may(ADMIN).redirects("/admin"),
            // the support plan's forms (issue 16): every fixture case a support provider is involved in has its plan
            // (opened by the fixtures), so opening another is refused by the rule; the others' input is refused
            Row.of("/cases/{caseId}/support-plan").form(Map.of()).cases().chain(ALL_STAFF).may(SUPPORT_PROVIDERS)
                    .answers(409),
            Row.of("/cases/{caseId}/support-plan/needs").form(Map.of("need", "NO-SUCH-NEED")).cases().chain(ALL_STAFF)
                    .may(SUPPORT_PROVIDERS).answers(400),
            Row.of("/cases/{caseId}/support-plan/referrals").form(Map.of("need", "", "providerId", "")).cases()
                    .chain(ALL_STAFF).may(SUPPORT_PROVIDERS).answers(400),
            Row.of("/cases/{caseId}/support-plan/review").form(Map.of("notes", "x".repeat(2_001))).cases()
                    .chain(ALL_STAFF).may(SUPPORT_PROVIDERS).answers(400),
            // the case's handover package: a destination that is no country code
            Row.of("/cases/{caseId}/handover").form(Map.of("to", "X1")).cases().chain(ALL_STAFF).may(HANDOVER_STAFF)
                    .answers(400),
            // a service referral sent to the shelter provider and declined: the provider's steps are refused by the
            // referral's state (or a decline without its reason), other providers' staff get 404
            Row.of("/service-referrals/{referralId}/acceptance").form(Map.of()).referral()
                    .chain(SERVICE_PROVIDER_STAFF).may(SERVICE_PROVIDER_STAFF).answers(409),
            Row.of("/service-referrals/{referralId}/decline").form(Map.of("reason", " ")).referral()
                    .chain(SERVICE_PROVIDER_STAFF).may(SERVICE_PROVIDER_STAFF).answers(400),
            Row.of("/service-referrals/{referralId}/delivery").form(Map.of("notes", "Done")).referral()
                    .chain(SERVICE_PROVIDER_STAFF).may(SERVICE_PROVIDER_STAFF).answers(409),
            Row.of("/service-referrals/{referralId}/closure").form(Map.of("notes", "Done")).referral()
                    .chain(SERVICE_PROVIDER_STAFF).may(SERVICE_PROVIDER_STAFF).answers(409),
            // a returning national without the decision taken abroad; a package that is none (the API's 422)
            Row.of("/returning-nationals").form(Map.of("givenName", "Lan", "sourceCountry", "")).chain(HANDOVER_STAFF)
                    .may(HANDOVER_STAFF).answers(400),
            Row.of("/handovers").form(Map.of("package", "{}")).chain(HANDOVER_STAFF).may(HANDOVER_STAFF).answers(422),
            // the administrator's partner keys: a registration without its country; a key that is not registered
            Row.of("/admin/handover-partners").form(Map.of("country", "", "keyId", "VN-x", "publicKey", "x"))
                    .chain(ADMIN).may(ADMIN).answers(400),
            Row.of("/admin/handover-partners/{keyId}/revocation").path("/admin/handover-partners/no-such-key/revocation")
                    .form(Map.of()).chain(ADMIN).may(ADMIN).answers(404));

    /**
     * Mappings of the page controllers that take a POST but are no form: {@code /denied} answers any method because
     * the chain forwards a refused request of any method to it (it stores nothing); {@code /error} is the container's
     * error dispatch for a browser, of whatever method the failed request had (it stores nothing either).
     */
    static final Set<String> NOT_FORMS = Set.of("POST /denied", "POST /error");

    static final class Row {
        final String pattern;
        String path;
        Map<String, String> form = Map.of();
        boolean onCases;
        boolean onTasks;
        boolean onReferral;
        Set<String> chain = Set.of();
        Set<String> may = Set.of();
        int status;
        String location;
        boolean claims;
        /** A public form (no sign-in needed): without a session it gets its own answer, not the sign-in page. */
        boolean open;

        private Row(String pattern) {
            this.pattern = pattern;
            this.path = pattern;
        }

        static Row of(String pattern) {
            return new Row(pattern);
        }

        String endpoint() {
            return "POST " + pattern;
        }

        Row path(String concrete) {
            this.path = concrete;
            return this;
        }

        Row form(Map<String, String> fields) {
            this.form = fields;
            return this;
        }

        Row cases() {
            this.onCases = true;
            return this;
        }

        Row tasks() {
            this.onTasks = true;
            return this;
        }

        /** On the fixture's service referral (sent to the shelter provider, declined). */
        Row referral() {
            this.onReferral = true;
            return this;
        }

        Row open() {
            this.open = true;
            return this;
        }

        /** Who the pages' security chain lets post to the path. */
        Row chain(Set<String> users) {
            this.chain = users;
            return this;
        }

        /** Who the form itself lets post (on a case or task of the agency). */
        Row may(Set<String> users) {
            this.may = users;
            return this;
        }

        Row answers(int status) {
            this.status = status;
            return this;
        }

        Row redirects(String to) {
            this.status = 302;
            this.location = to;
            return this;
        }

        /** The answered post takes the task: it is handed back after the check. */
        Row claims() {
            this.claims = true;
            return this;
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** Every POST pattern of the page controllers (package {@code org.nrm.app.web}). */
    private Set<String> pageForms() {
        Set<String> forms = new TreeSet<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            if (!handler.getBeanType().getPackageName().equals("org.nrm.app.web")) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.POST)) {
                info.getPatternValues().forEach(pattern -> forms.add("POST " + pattern));
            }
        });
        return forms;
    }

    @Test
    void every_page_form_has_a_row_in_the_matrix() {
        Set<String> forms = pageForms();
        assertThat(forms).containsAll(NOT_FORMS);
        forms.removeAll(NOT_FORMS);
        Set<String> rows = new TreeSet<>();
        MATRIX.forEach(row -> rows.add(row.endpoint()));

        assertThat(forms).as("forms of the pages Spring MVC maps").hasSizeGreaterThan(10);
        assertThat(new TreeSet<>(forms) {{ removeAll(rows); }})
                .as("page forms without a row in PageAccessMatrixTest.MATRIX (add who may post them)").isEmpty();
        assertThat(new TreeSet<>(rows) {{ removeAll(forms); }})
                .as("rows of PageAccessMatrixTest.MATRIX for forms that no longer exist").isEmpty();
        for (Row row : MATRIX) {
            assertThat(row.chain).as(row.endpoint()).containsAll(row.may).isNotEmpty();
            assertThat(EndpointAccessMatrixTest.USERS).as(row.endpoint()).containsAll(row.chain);
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static Map<String, String> caseIds;
    /** A report from the public, open in the triage queue. */
    private static String reportId;
    private static Map<String, String> taskIds;
    /** The fixture's service referral, its case, and the agency it was sent to. */
    private static String referralId;
    private static String referralCase;
    static final String REFERRAL_AGENCY = "shelter-provider";
    private final Map<String, PageSession> sessions = new LinkedHashMap<>();

    private void fixtures() {
        if (caseIds != null) {
            return;
        }
        CaseFixtures fixtures = new CaseFixtures(port);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(POLICE_CASE, fixtures.referred());
        cases.put(RECOVERY, fixtures.positive());
        cases.put(CHILD, fixtures.refer("police", CaseFixtures.child()));
        Map<String, String> tasks = new LinkedHashMap<>();
        for (TaskFixture task : TASKS) {
            tasks.put(task.name(), fixtures.awaitTask(task.agency(), cases.get(task.caseName()), task.key()));
        }
        // every fixture case a support provider is involved in gets its plan, opened by that provider
        for (String caseId : cases.values()) {
            for (String agency : List.of("ngo-outreach", "shelter-provider")) {
                Integer involvedAgency = jdbc.queryForObject("SELECT count(*) FROM case_involvement WHERE case_id = ? "
                        + "AND agency = ?", Integer.class, caseId, agency);
                boolean planned = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE "
                        + "aggregateidentifier = ?", Integer.class, "support-plan:" + caseId) > 0;
                if (involvedAgency != null && involvedAgency > 0 && !planned) {
                    assertThat(as(agency).post("/api/cases/" + caseId + "/support-plan", Map.of()).status())
                            .as(agency + " opens the plan of a fixture case").isEqualTo(201);
                }
            }
        }
        // a referral to the shelter provider's service, declined by it
        var support = new org.nrm.app.support.SupportFixtures(port);
        String supported = support.withPlan();
        support.need(supported, "ACCOMMODATION");
        String referral = support.refer(supported, "ACCOMMODATION", "shelter-support", null);
        support.step(REFERRAL_AGENCY, referral, "decline", Map.of("reason", "No place"));
        referralId = referral;
        referralCase = supported;
        var received = anonymous().post("/api/reports", Map.of("description", "Seen at the car wash",
                "channel", "WEB"), Map.of("X-Forwarded-For", "192.0.2.240"));
        assertThat(received.status()).as(received.toString()).isEqualTo(201);
        reportId = jdbc.queryForObject("SELECT report_id FROM public_report WHERE receipt = ?", String.class,
                received.body().get("receipt").asText());
        caseIds = cases;
        taskIds = tasks;
    }

    /** The user signed in through the form, with the CSRF token of a page read after the sign-in. */
    private PageSession session(String user) {
        return sessions.computeIfAbsent(user, u -> {
            PageSession session = new PageSession(port);
            HttpResponse<String> signIn = session.signIn(u, "demo");
            assertThat(signIn.statusCode()).as("sign-in of " + u).isEqualTo(302);
            assertThat(signIn.headers().firstValue("Location").orElseThrow()).as("sign-in of " + u)
                    .doesNotContain("error");
            session.get("/");
            assertThat(session.hasCsrfToken()).as("a CSRF token on the home page of " + u).isTrue();
            return session;
        });
    }

    /** One post: the path and form filled in for a case or task (or none), and whose case and task it touches. */
    record Attempt(Row row, String path, Map<String, String> form, String caseId, String taskId, String agency,
                   String target) {
    }

    private List<Attempt> targets(Row row) {
        List<Attempt> targets = new ArrayList<>();
        if (row.onCases) {
            for (String name : CASES) {
                targets.add(attempt(row, caseIds.get(name), null, null, "case " + name));
            }
        } else if (row.onTasks) {
            for (TaskFixture task : TASKS) {
                targets.add(attempt(row, caseIds.get(task.caseName()), taskIds.get(task.name()), task.agency(),
                        "task " + task.name()));
            }
        } else if (row.onReferral) {
            targets.add(new Attempt(row, row.path.replace("{referralId}", referralId), row.form, referralCase, null,
                    REFERRAL_AGENCY, "referral to " + REFERRAL_AGENCY));
        } else {
            targets.add(new Attempt(row, row.path.replace("{reportId}", reportId), row.form, null, null, null, null));
        }
        return targets;
    }

    private static Attempt attempt(Row row, String caseId, String taskId, String agency, String target) {
        Map<String, String> form = new LinkedHashMap<>();
        row.form.forEach((name, value) -> form.put(name, value.replace("{caseId}", caseId)));
        String path = row.path.replace("{caseId}", caseId);
        if (taskId != null) {
            path = path.replace("{taskId}", taskId);
        }
        return new Attempt(row, path, form, caseId, taskId, agency, target);
    }

    private boolean involved(String user, Attempt attempt) {
        if (attempt.agency() != null) {
            return attempt.agency().equals(agencyOf(user));
        }
        Integer n = jdbc.queryForObject("SELECT count(*) FROM case_involvement WHERE case_id = ? AND agency = ?",
                Integer.class, attempt.caseId(), agencyOf(user));
        return n != null && n > 0;
    }

    /** 403, 404, or the row's own answer. */
    private int expected(String user, Attempt attempt) {
        if (!attempt.row().chain.contains(user)) {
            return 403;
        }
        if (!attempt.row().may.contains(user)) {
            return 404;
        }
        if (attempt.caseId() != null && !involved(user, attempt)) {
            return 404;
        }
        return attempt.row().status;
    }

    @TestFactory
    Stream<DynamicTest> each_user_on_each_form_gets_the_refusal_or_the_answer_the_matrix_states() {
        fixtures();
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (Row row : MATRIX) {
            for (Attempt attempt : targets(row)) {
                String where = attempt.target() == null ? "" : " on " + attempt.target();
                tests.add(DynamicTest.dynamicTest("no session: " + row.endpoint() + where
                        + (row.open ? " is " + row.status : " sends to /login"), () -> withoutSession(attempt)));
                tests.add(DynamicTest.dynamicTest("no CSRF token: " + row.endpoint() + where + " is 403",
                        () -> withoutCsrf(attempt)));
                for (String user : EndpointAccessMatrixTest.USERS) {
                    if (user.equals("anonymous")) {
                        continue;
                    }
                    String kind = attempt.target() == null ? "" : involved(user, attempt) ? " (involved)"
                            : " (not involved)";
                    int expected = expected(user, attempt);
                    kinds.merge(expected + kind, 1, Integer::sum);
                    tests.add(DynamicTest.dynamicTest("role " + user + " on " + row.endpoint() + where + kind + " is "
                            + expected, () -> asUser(user, attempt, expected)));
                }
            }
        }
        System.out.println("PageAccessMatrixTest: " + MATRIX.size() + " forms, " + tests.size() + " posts: "
                + kinds);
        return tests.stream();
    }

    private void withoutSession(Attempt attempt) {
        PageSession anonymous = new PageSession(port);
        anonymous.get("/login");
        assertThat(anonymous.hasCsrfToken()).isTrue();
        Stored before = stored(attempt);
        HttpResponse<String> response = anonymous.post(attempt.path(), attempt.form());
        if (attempt.row().open) {
            assertThat(response.statusCode()).as(attempt.path() + ": " + response.body())
                    .isEqualTo(attempt.row().status);
            assertThat(stored(attempt)).as("nothing stored").isEqualTo(before);
            return;
        }
        assertThat(response.statusCode()).as(attempt.path() + ": " + response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(stored(attempt)).as("nothing stored").isEqualTo(before);
    }

    private void withoutCsrf(Attempt attempt) {
        String user = attempt.row().may.stream().filter(u -> attempt.caseId() == null || involved(u, attempt))
                .sorted().findFirst().orElse(attempt.row().may.iterator().next());
        Stored before = stored(attempt);
        HttpResponse<String> response = session(user).postWithoutCsrf(attempt.path(), attempt.form());
        assertThat(response.statusCode()).as(user + " on " + attempt.path()).isEqualTo(403);
        // the page says the form is out of date, not that the role may not open it
        assertThat(response.body()).as(user + " on " + attempt.path()).contains("This form is out of date")
                .doesNotContain("Your role may not open this page");
        assertThat(stored(attempt)).as("nothing stored").isEqualTo(before);
    }

    private void asUser(String user, Attempt attempt, int expected) {
        Stored before = stored(attempt);
        HttpResponse<String> response = session(user).post(attempt.path(), attempt.form());
        String name = user + " on " + attempt.path();
        assertThat(response.statusCode()).as(name + ": " + location(response)).isEqualTo(expected);
        boolean answered = expected == attempt.row().status && attempt.row().may.contains(user)
                && (attempt.caseId() == null || involved(user, attempt));
        if (answered && attempt.row().location != null) {
            assertThat(location(response)).as(name)
                    .endsWith(attempt.row().location.replace("{caseId}", String.valueOf(attempt.caseId())));
        }
        if (answered && attempt.row().claims) {
            assertThat(assignee(attempt.taskId())).as(name + ": the claim took the task").isEqualTo(user);
            assertThat(as(user).post("/api/tasks/" + attempt.taskId() + "/unclaim", Map.of()).status())
                    .as("handing the task back").isEqualTo(204);
        }
        if (!answered || !attempt.row().claims) {
            assertThat(stored(attempt)).as(name + ": nothing stored").isEqualTo(before);
        }
        if (!answered) {
            assertThat(response.body()).as(name + ": a page, never a stack trace").doesNotContain("Exception");
        }
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no Location)");
    }

    /** What a post could store: the case's events and involvements, the task's holder, the referrals made. */
    record Stored(int events, List<String> involvements, String assignee, long referrals, long reports,
                  int planEvents, long partnerKeys, List<String> reportStatus) {
    }

    private Stored stored(Attempt attempt) {
        String caseId = attempt.caseId();
        return new Stored(caseId == null ? 0 : storedEvents(caseId),
                caseId == null ? List.of() : jdbc.queryForList("SELECT agency FROM case_involvement WHERE case_id = ? "
                        + "ORDER BY agency, reason", String.class, caseId),
                attempt.taskId() == null ? null : assignee(attempt.taskId()),
                jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.ReferralSubmitted' "
                        + "OR payloadtype LIKE '%.AnonymousNotificationMade' "
                        + "OR payloadtype LIKE '%.ReturningNationalCaseOpened'", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM public_report", Long.class),
                caseId == null ? 0 : storedEvents("support-plan:" + caseId),
                jdbc.queryForObject("SELECT count(*) FROM handover_partner_key", Long.class),
                jdbc.queryForList("SELECT status FROM public_report WHERE report_id = ?", String.class,
                        String.valueOf(reportId)));
    }

    private String assignee(String taskId) {
        List<String> assignees = jdbc.queryForList("SELECT max(assignee) FROM work_queue WHERE task_id = ? "
                + "HAVING count(*) > 0", String.class, taskId);
        return assignees.isEmpty() ? "(no task)" : assignees.get(0);
    }
}
