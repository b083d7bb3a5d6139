package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;

/**
 * Every endpoint for every kind of user. Bodies are valid, so an authorised caller gets the answer of the step itself
 * (200/201, or 409 where the case's state refuses it, 404 for a case its agency is not involved in), and everyone
 * else 401 or 403. One case is open (referred by police, awaiting the competent authority); one is closed and erased.
 */
class AuthorizationMatrixTest extends PlatformTest {

    /** Column order of every row. */
    private static final List<String> USERS = List.of("anonymous", "police", "police-lead", "ngo-outreach",
            "competent-authority", "competent-authority-lead", "shelter-provider", "child-services",
            "immigration-service", "return-organisation", "rapporteur", "admin");

    private record Row(String method, String path, Object body, String expected) {
    }

    @Test
    void each_endpoint_answers_each_role_as_specified() {
        String open = refer(referralOfAdult());
        awaitTask("competent-authority", open, "reasonable-grounds-decision");
        String closed = refer(referralOfAdult());
        awaitTask("competent-authority", closed, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/cases/" + closed + "/closure",
                Map.of("category", "WITHDRAWN", "reason", "Person withdrew")).status()).isEqualTo(204);
        assertThat(as("admin").post("/api/cases/" + closed + "/erasure", Map.of("reason", "Request")).status())
                .isEqualTo(204);

        // a case with a decision, for its letter (branch web): negative, so no other agency's task follows it
        String decided = refer(referralOfAdult());
        String rg = awaitTask("competent-authority", decided, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + rg + "/claim", Map.of()).status()).isEqualTo(204);
        assertThat(as("competent-authority").post("/api/tasks/" + rg + "/complete",
                Map.of("outcome", "NEGATIVE", "reasons", "No indicators")).status()).isEqualTo(204);
        long letterDecision = as("competent-authority").get("/api/cases/" + decided + "/decisions").body().get(0)
                .get("decisionId").asLong();

        Map<String, Object> consent = Map.of("person", Map.of("givenName", "A", "gender", "FEMALE"));
        Map<String, Object> reconsideration = Map.of("ground", "NEW_EVIDENCE", "explanation", "report");
        Map<String, Object> extension = Map.of("days", 5, "reason", "medical");
        Map<String, Object> closure = Map.of("category", "OTHER", "reason", "again");
        Map<String, Object> decision = Map.of("outcome", "POSITIVE", "reasons", "x");
        Map<String, Object> identification = Map.of("exploitationTypes", List.of("FORCED_LABOUR"),
                "exploitationLocation", "DOMESTIC", "indicators", List.of("THREATS"));
        Map<String, Object> guardian = Map.of("guardianName", "G", "ground", "OTHER", "reason", "r");
        Map<String, Object> disqualification = Map.of("ground", "BAD_FAITH", "reasons", "r");
        //                                                            anon pol  pol-l ngo  ca   ca-l shel chil immi retn rapp admn
        List<Row> rows = List.of(
                new Row("GET", "/api/tasks", null, "                  401  200  200  200  200  200  200  200  200  200  403  403"),
                new Row("GET", "/api/notifications", null, "          401  200  200  200  200  200  200  200  200  200  403  403"),
                new Row("GET", "/api/queues", null, "                 401  403  200  403  403  200  403  403  403  403  200  403"),
                new Row("GET", "/api/shelters", null, "               401  403  200  403  403  200  200  403  403  403  200  403"),
                new Row("GET", "/api/cases/" + open, null, "          401  200  200  404  200  200  404  404  404  404  200  403"),
                new Row("GET", "/api/cases/" + open + "/history", null,
                        "                                             401  200  200  404  200  200  404  404  404  404  200  403"),
                new Row("GET", "/api/cases/" + open + "/history?breakGlassReason=audit", null,
                        "                                             401  200  200  404  200  200  404  404  404  404  200  200"),
                new Row("POST", "/api/referrals", referralOfAdult(), "401  201  403  201  403  403  403  403  403  403  403  403"),
                new Row("POST", "/api/cases/" + open + "/consent", consent,
                        "                                             401  409  403  404  403  403  403  403  403  403  403  403"),
                // support providers (ngo-outreach, shelter-provider) are not involved in the open case: 404 as for
                // any case they are not involved in, before the case's rules are checked
                new Row("POST", "/api/cases/" + open + "/reconsideration", reconsideration,
                        "                                             401  409  409  404  403  403  404  403  403  403  403  403"),
                new Row("POST", "/api/cases/" + open + "/recovery-period/extension", extension,
                        "                                             401  403  403  403  409  409  403  403  403  403  403  403"),
                new Row("POST", "/api/cases/" + closed + "/closure", closure,
                        "                                             401  403  403  403  409  409  403  403  403  403  403  403"),
                new Row("POST", "/api/cases/" + closed + "/erasure", Map.of("reason", "again"),
                        "                                             401  403  403  403  403  403  403  403  403  403  403  409"),
                // steps on a case outside a queue (CaseStepsController); ngo-outreach and shelter-provider are not
                // involved in the open case: 404, support providers included
                new Row("POST", "/api/cases/" + open + "/identification", identification,
                        "                                             401  204  204  404  204  204  403  403  403  403  403  403"),
                new Row("POST", "/api/cases/" + open + "/travel-documents", Map.of("documents", "OWN"),
                        "                                             401  204  204  404  403  403  403  403  404  403  403  403"),
                new Row("POST", "/api/cases/" + open + "/guardian/replacement", guardian,
                        "                                             401  403  403  403  403  403  403  404  403  403  403  403"),
                new Row("POST", "/api/cases/" + open + "/disqualification", disqualification,
                        "                                             401  403  403  403  409  409  403  403  403  403  403  403"),
                new Row("POST", "/api/cases/" + open + "/move-on-support/end", Map.of("reason", "moved on"),
                        "                                             401  403  403  404  403  403  404  403  403  403  403  403"),
                new Row("POST", "/api/cases/" + open + "/reopening", Map.of("reason", "back"),
                        "                                             401  403  403  403  409  409  403  403  403  403  403  403"),
                new Row("POST", "/api/cases/" + open + "/residence-permit/renewal", Map.of("validUntil", "2030-01-01"),
                        "                                             401  403  403  403  403  403  403  403  404  403  403  403"),
                new Row("POST", "/api/cases/" + open + "/residence-permit/revocation", Map.of("reasons", "fraud"),
                        "                                             401  403  403  403  403  403  403  403  404  403  403  403"),
                // consent records (ConsentController, branch consent): the give row runs first, so the police's
                // consent is 204 and the others already find it in force (409); the withdrawal likewise
                new Row("POST", "/api/cases/" + open + "/consents", Map.of("scopes", List.of("HANDOVER_ABROAD")),
                        "                                             401  204  409  404  409  409  404  404  403  403  403  403"),
                new Row("POST", "/api/cases/" + open + "/consents/HANDOVER_ABROAD/withdrawal", Map.of(),
                        "                                             401  204  409  404  409  409  404  404  403  403  403  403"),
                new Row("GET", "/api/oversight/cases/" + open + "/integrity", null,
                        "                                             401  403  403  403  403  403  403  403  403  403  200  403"),
                new Row("GET", "/api/oversight/personal-data-reads", null,
                        "                                             401  403  403  403  403  403  403  403  403  403  200  403"),
                new Row("POST", "/api/tasks/no-such-task/claim", Map.of(),
                        "                                             401  404  404  404  404  404  404  404  404  404  403  403"),
                new Row("POST", "/api/tasks/no-such-task/complete", decision,
                        "                                             401  404  404  404  404  404  404  404  404  404  403  403"),
                new Row("POST", "/api/tasks/no-such-task/assignee", java.util.Collections.singletonMap("assignee", null),
                        "                                             401  403  404  403  403  404  403  403  403  403  403  403"),
                new Row("POST", "/api/tasks/no-such-task/unclaim", Map.of(),
                        "                                             401  404  404  404  404  404  404  404  404  404  403  403"),
                new Row("GET", "/api/oversight/statistics?from=2020-01-01&to=2020-02-01", null,
                        "                                             401  403  403  403  403  403  403  403  403  403  200  403"),
                new Row("GET", "/api/oversight/export/htcds", null,
                        "                                             401  403  403  403  403  403  403  403  403  403  200  403"),
                new Row("GET", "/api/oversight/export/ctdc", null,
                        "                                             401  403  403  403  403  403  403  403  403  403  200  403"),
                new Row("GET", "/api/admin/processors", null, "       401  403  403  403  403  403  403  403  403  403  403  200"),
                new Row("GET", "/api/admin/dead-letters?processingGroup=shelters", null,
                        "                                             401  403  403  403  403  403  403  403  403  403  403  200"),
                // checker branch: the consistency check and the engine's incidents (admin only)
                new Row("GET", "/api/admin/consistency", null, "     401  403  403  403  403  403  403  403  403  403  403  200"),
                new Row("GET", "/api/admin/consistency?caseId=" + open, null,
                        "                                             401  403  403  403  403  403  403  403  403  403  403  200"),
                new Row("GET", "/api/admin/incidents", null, "       401  403  403  403  403  403  403  403  403  403  403  200"),
                new Row("POST", "/api/admin/incidents/no-such-incident/retry", Map.of(),
                        "                                             401  403  403  403  403  403  403  403  403  403  403  404"),
                new Row("GET", "/actuator/prometheus", null, "        401  403  403  403  403  403  403  403  403  403  403  200"),
                new Row("GET", "/actuator/health", null, "            200  200  200  200  200  200  200  200  200  200  200  200"),
                // decision letters (branch web)
                new Row("GET", "/api/cases/" + decided + "/decisions", null,
                        "                                             401  200  200  404  200  200  404  404  404  404  403  403"),
                new Row("GET", "/api/cases/" + decided + "/decisions/" + letterDecision + "/letter", null,
                        "                                             401  403  403  403  200  200  403  403  403  403  403  403"),
                // support plans and service referrals (branch support16): the open case has no plan (read as not
                // opened by the agencies involved); the NGO is not involved in it; the provider's list is its own
                new Row("GET", "/api/cases/" + open + "/support-plan", null,
                        "                                             401  200  200  404  200  200  404  404  404  404  403  403"),
                new Row("POST", "/api/cases/" + open + "/support-plan", Map.of(),
                        "                                             401  403  403  404  403  403  404  403  403  403  403  403"),
                new Row("GET", "/api/service-referrals", null,
                        "                                             401  403  403  200  403  403  200  200  403  200  403  403"),
                new Row("POST", "/api/service-referrals/no-such-referral/acceptance", Map.of(),
                        "                                             401  403  403  404  403  403  404  404  403  404  403  403"),
                new Row("GET", "/api/no-such-endpoint", null, "       401  404  404  404  404  404  404  404  404  404  404  404"));

        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            String[] expected = row.expected().trim().split("\\s+");
            assertThat(expected).as(row.path()).hasSize(USERS.size());
            for (int i = 0; i < USERS.size(); i++) {
                Api api = USERS.get(i).equals("anonymous") ? anonymous() : as(USERS.get(i));
                Api.Response response = row.method().equals("GET") ? api.get(row.path())
                        : api.post(row.path(), row.body());
                if (response.status() != Integer.parseInt(expected[i])) {
                    mismatches.add(row.method() + " " + row.path() + " as " + USERS.get(i) + ": expected "
                            + expected[i] + ", got " + response);
                }
                if (response.status() >= 400 && !row.path().startsWith("/actuator")) {
                    assertThat(response.isProblem()).as(row.path() + " as " + USERS.get(i)).isTrue();
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
