package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.support.SupportFixtures;

/**
 * Support plans and service referrals over HTTP (issue #16, "Support plan and services"): the support provider of a
 * case opens its plan, assesses needs, refers each to a provider of the jurisdiction's directory, reviews the plan; the
 * provider sees its referrals (not the case), accepts or declines with a sealed reason, delivers and closes. The
 * directory's rules (service offered, children) are 409s naming the rule; personal data reaches the provider only
 * while the person's consent to share with the provider's agency is in force; oversight counts services by type with
 * small cells suppressed.
 */
class SupportPlanTest extends PlatformTest {

    private static final String OWNER = SupportFixtures.OWNER;

    private SupportFixtures support;

    @BeforeEach
    void fixtures() {
        support = new SupportFixtures(port);
    }

    private static void assertProblem(Api.Response response, int status, String key, String value) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        if (key != null) {
            assertThat(response.body().get(key).asText()).as(response.toString()).isEqualTo(value);
        }
    }

    private Api.Response post(String user, String path, Object body) {
        return as(user).post(path, body);
    }

    private JsonNode plan(String user, String caseId) {
        Api.Response response = as(user).get("/api/cases/" + caseId + "/support-plan");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private JsonNode referralIn(JsonNode plan, String referralId) {
        for (JsonNode referral : plan.get("referrals")) {
            if (referral.get("referralId").asText().equals(referralId)) {
                return referral;
            }
        }
        throw new AssertionError("no referral " + referralId + " in " + plan);
    }

    private long events(String caseId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE case_id = ? AND payloadtype = ?",
                Long.class, caseId, "org.nrm.referral.api." + type);
    }

    private String payloads(String caseId, String type) {
        return String.join("\n", jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE case_id = ? AND payloadtype = ?", String.class, caseId, "org.nrm.referral.api." + type));
    }

    @Test
    void the_support_provider_opens_a_plan_assesses_a_need_refers_it_and_the_provider_accepts_delivers_and_closes() {
        String caseId = support.referredByOwner();

        Api.Response opened = post(OWNER, "/api/cases/" + caseId + "/support-plan", Map.of());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.location()).endsWith("/api/cases/" + caseId + "/support-plan");
        assertThat(opened.body().get("ownerAgency").asText()).isEqualTo(OWNER);
        assertThat(opened.body().get("opened").asBoolean()).isTrue();
        Instant openedAt = Instant.parse(opened.body().get("openedAt").asText());
        // the first review falls due the jurisdiction's interval (90 days in the demo) after opening
        assertThat(Instant.parse(opened.body().get("reviewDueAt").asText())).isEqualTo(openedAt.plus(Duration.ofDays(90)));
        assertThat(opened.body().get("reviewOverdue").asBoolean()).isFalse();
        assertThat(opened.body().get("needs")).isEmpty();

        Api.Response need = post(OWNER, "/api/cases/" + caseId + "/support-plan/needs",
                Map.of("need", "MEDICAL", "notes", "Untreated injury to the left hand"));
        assertThat(need.status()).as(need.toString()).isEqualTo(204);
        assertThat(plan(OWNER, caseId).get("needs").get(0).get("need").asText()).isEqualTo("MEDICAL");

        Api.Response referred = post(OWNER, "/api/cases/" + caseId + "/support-plan/referrals",
                Map.of("need", "MEDICAL", "providerId", "shelter-support"));
        assertThat(referred.status()).as(referred.toString()).isEqualTo(201);
        String referralId = referred.body().get("referralId").asText();
        assertThat(referred.location()).endsWith("/api/service-referrals/" + referralId);
        assertThat(referralIn(plan(OWNER, caseId), referralId).get("status").asText()).isEqualTo("REFERRED");

        // the provider finds it in its own list and reads it
        List<String> listed = new ArrayList<>();
        as("shelter-provider").get("/api/service-referrals").body()
                .forEach(r -> listed.add(r.get("referralId").asText()));
        assertThat(listed).contains(referralId);
        Api.Response read = as("shelter-provider").get("/api/service-referrals/" + referralId);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.body().get("need").asText()).isEqualTo("MEDICAL");
        assertThat(read.body().get("status").asText()).isEqualTo("REFERRED");
        assertThat(read.body().has("caseId")).as("the provider sees the referral, not the case").isFalse();

        support.step("shelter-provider", referralId, "acceptance", Map.of());
        assertThat(referralIn(plan(OWNER, caseId), referralId).get("status").asText()).isEqualTo("ACCEPTED");
        support.step("shelter-provider", referralId, "delivery", Map.of("notes", "Seen by the GP twice"));
        assertThat(referralIn(plan(OWNER, caseId), referralId).get("status").asText()).isEqualTo("DELIVERED");
        support.step("shelter-provider", referralId, "closure", Map.of());

        JsonNode closed = referralIn(plan(OWNER, caseId), referralId);
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("acceptedAt").isNull()).isFalse();
        assertThat(closed.get("deliveredAt").isNull()).isFalse();
        assertThat(closed.get("closedAt").isNull()).isFalse();
        assertThat(as("shelter-provider").get("/api/service-referrals/" + referralId).body().get("status").asText())
                .isEqualTo("CLOSED");

        // every step is an event of the case's history, with its actor; notes are sealed
        for (String type : List.of("SupportPlanOpened", "SupportNeedAssessed", "ServiceReferred",
                "ServiceReferralAccepted", "ServiceDelivered", "ServiceReferralClosed")) {
            assertThat(events(caseId, type)).as(type).isEqualTo(1);
        }
        assertThat(payloads(caseId, "SupportNeedAssessed")).doesNotContain("left hand");
        assertThat(payloads(caseId, "ServiceDelivered")).doesNotContain("GP twice");
        JsonNode history = as(OWNER).get("/api/cases/" + caseId + "/history").body();
        assertThat(history.toString()).contains("ServiceDelivered").contains("Seen by the GP twice");

        // a step in the wrong state: 409 naming the rule, nothing stored
        assertProblem(post("shelter-provider", "/api/service-referrals/" + referralId + "/acceptance", Map.of()),
                409, "rule", "referral-closed");
        assertProblem(post("shelter-provider", "/api/service-referrals/" + referralId + "/delivery", Map.of()),
                409, "rule", "referral-closed");
        assertThat(events(caseId, "ServiceReferralAccepted")).isEqualTo(1);
    }

    @Test
    void the_provider_declines_with_a_reason_sealed_with_the_persons_key_and_the_need_can_be_referred_again() {
        String caseId = support.withPlan();
        support.need(caseId, "PSYCHOLOGICAL");
        String referralId = support.refer(caseId, "PSYCHOLOGICAL", "shelter-support", null);

        assertProblem(post("shelter-provider", "/api/service-referrals/" + referralId + "/decline", Map.of()),
                400, "field", "reason");
        // an open referral of the need: not referred twice
        assertProblem(post(OWNER, "/api/cases/" + caseId + "/support-plan/referrals",
                Map.of("need", "PSYCHOLOGICAL", "providerId", "child-services-education")), 409, "rule",
                "need-already-referred");

        support.step("shelter-provider", referralId, "decline",
                Map.of("reason", "Our psychologist does not speak Vietnamese"));
        assertThat(referralIn(plan(OWNER, caseId), referralId).get("status").asText()).isEqualTo("DECLINED");
        assertThat(payloads(caseId, "ServiceReferralDeclined")).contains("\"referralId\"")
                .doesNotContain("Vietnamese");
        assertThat(as(OWNER).get("/api/cases/" + caseId + "/history").body().toString())
                .contains("Our psychologist does not speak Vietnamese");

        assertProblem(post("shelter-provider", "/api/service-referrals/" + referralId + "/delivery", Map.of()),
                409, "rule", "referral-declined");
        assertProblem(post("shelter-provider", "/api/service-referrals/" + referralId + "/closure", Map.of()),
                409, "rule", "referral-declined");

        // declined: the need goes to another provider
        String again = support.refer(caseId, "PSYCHOLOGICAL", "child-services-education", null);
        assertThat(referralIn(plan(OWNER, caseId), again).get("providerId").asText())
                .isEqualTo("child-services-education");
    }

    @Test
    void the_plan_is_reviewed_and_its_next_review_falls_due_the_jurisdictions_interval_later() {
        String caseId = support.withPlan();
        Instant firstDue = Instant.parse(plan(OWNER, caseId).get("reviewDueAt").asText());
        Api.Response reviewed = post(OWNER, "/api/cases/" + caseId + "/support-plan/review",
                Map.of("notes", "Settling in; wants to work"));
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(204);
        JsonNode plan = plan(OWNER, caseId);
        Instant reviewedAt = Instant.parse(plan.get("lastReviewedAt").asText());
        assertThat(Instant.parse(plan.get("reviewDueAt").asText())).isEqualTo(reviewedAt.plus(Duration.ofDays(90)))
                .isAfterOrEqualTo(firstDue);
        assertThat(payloads(caseId, "SupportPlanReviewed")).doesNotContain("wants to work");
    }

    @Test
    void refusals_by_role_involvement_directory_and_state_are_problems_naming_the_field_or_rule() {
        String caseId = support.referredByOwner();
        String path = "/api/cases/" + caseId + "/support-plan";

        // role: not a support provider (or not staff): 403 before anything else
        assertProblem(post("police", path, Map.of()), 403, null, null);
        assertProblem(post("competent-authority-lead", path, Map.of()), 403, null, null);
        assertProblem(post("rapporteur", path, Map.of()), 403, null, null);
        assertProblem(as("police").get("/api/service-referrals"), 403, null, null);
        assertProblem(as("rapporteur").get(path), 403, null, null);
        assertProblem(anonymous().post(path, Map.of()), 401, null, null);

        // a support provider not involved in the case: 404, as for a case that does not exist
        assertProblem(post("shelter-provider", path, Map.of()), 404, null, null);
        assertProblem(as("shelter-provider").get(path), 404, null, null);
        assertProblem(post(OWNER, "/api/cases/no-such-case/support-plan", Map.of()), 404, null, null);

        // no plan yet: read as not opened, 409 for its steps
        assertThat(plan(OWNER, caseId).get("opened").asBoolean()).isFalse();
        assertThat(plan("competent-authority", caseId).get("needs")).isEmpty();
        assertProblem(post(OWNER, path + "/needs", Map.of("need", "MEDICAL")), 409, "rule", "no-support-plan");

        support.open(caseId);
        assertProblem(post(OWNER, path, Map.of()), 409, "rule", "support-plan-exists");
        assertProblem(post(OWNER, path, Map.of("ownerAgency", "police")), 400, "field", "ownerAgency");
        assertProblem(post(OWNER, path + "/needs", Map.of("need", "SPA_DAY")), 400, "field", "need");
        support.need(caseId, "MEDICAL");
        assertProblem(post(OWNER, path + "/needs", Map.of("need", "MEDICAL")), 409, "rule", "need-already-assessed");

        // the directory's rules
        assertProblem(post(OWNER, path + "/referrals", Map.of("need", "MEDICAL", "providerId", "no-such-provider")),
                400, "field", "providerId");
        assertProblem(post(OWNER, path + "/referrals", Map.of("need", "MEDICAL", "providerId", "ngo-legal-aid")),
                409, "rule", "service-not-offered");
        assertProblem(post(OWNER, path + "/referrals", Map.of("need", "EMPLOYMENT", "providerId", "ngo-legal-aid")),
                409, "rule", "need-not-assessed");
        assertThat(events(caseId, "ServiceReferred")).isZero();

        // wrong state: a referral accepted is not declined
        String referralId = support.refer(caseId, "MEDICAL", "shelter-support", null);
        support.step("shelter-provider", referralId, "acceptance", Map.of());
        assertProblem(post("shelter-provider", "/api/service-referrals/" + referralId + "/decline",
                Map.of("reason", "changed our mind")), 409, "rule", "referral-accepted");
        assertProblem(post("shelter-provider", "/api/service-referrals/" + referralId + "/acceptance",
                Map.of("extra", true)), 400, "field", "extra");

        // another provider's agency, or the plan's owner, does not act on the referral: 404
        assertProblem(post("child-services", "/api/service-referrals/" + referralId + "/delivery", Map.of()),
                404, null, null);
        assertProblem(as("child-services").get("/api/service-referrals/" + referralId), 404, null, null);
        assertProblem(post(OWNER, "/api/service-referrals/" + referralId + "/delivery", Map.of()), 404, null, null);
        assertThat(events(caseId, "ServiceDelivered")).isZero();
    }

    @Test
    void a_child_is_referred_only_to_a_provider_that_takes_children() {
        String caseId = support.cases().refer(OWNER, org.nrm.app.support.CaseFixtures.child());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Response view = as(OWNER).get("/api/cases/" + caseId);
            return view.status() == 200 && view.body().path("child").asBoolean(false);
        });
        support.open(caseId);
        support.need(caseId, "FAMILY_TRACING");
        assertProblem(post(OWNER, "/api/cases/" + caseId + "/support-plan/referrals",
                Map.of("need", "FAMILY_TRACING", "providerId", "ngo-legal-aid")), 409, "rule",
                "provider-does-not-take-children");
        String referralId = support.refer(caseId, "FAMILY_TRACING", "child-services-education", null);
        Api.Response read = as("child-services").get("/api/service-referrals/" + referralId);
        assertThat(read.body().get("child").asBoolean()).isTrue();
    }

    @Test
    void only_the_plans_owner_changes_it() {
        String caseId = support.referredByOwner();
        support.cases().decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        // the shelter provider (also a support provider) is now involved through its placement task
        support.cases().awaitTask("shelter-provider", caseId, "shelter-placement");
        support.open(caseId);
        assertThat(plan("shelter-provider", caseId).get("ownerAgency").asText()).isEqualTo(OWNER);
        assertProblem(post("shelter-provider", "/api/cases/" + caseId + "/support-plan/needs",
                Map.of("need", "ACCOMMODATION")), 409, "rule", "not-the-plan-owner");
        assertProblem(post("shelter-provider", "/api/cases/" + caseId + "/support-plan", Map.of()), 409, "rule",
                "support-plan-exists");
    }

    @Test
    void a_provider_at_capacity_takes_no_further_referral_until_a_place_is_free() {
        String first = support.withPlan();
        String second = support.withPlan();
        support.need(first, "INTERPRETATION");
        support.need(second, "INTERPRETATION");
        // ngo-interpreters has capacity 1 in the demo directory
        String taken = support.refer(first, "INTERPRETATION", "ngo-interpreters", null);
        assertProblem(post(OWNER, "/api/cases/" + second + "/support-plan/referrals",
                Map.of("need", "INTERPRETATION", "providerId", "ngo-interpreters")), 409, "rule",
                "provider-at-capacity");
        support.step("ngo-outreach", taken, "decline", Map.of("reason", "No Vietnamese interpreter at night"));
        String next = support.refer(second, "INTERPRETATION", "ngo-interpreters", null);
        support.step("ngo-outreach", next, "decline", Map.of("reason", "Freed for the other tests"));
    }

    @Test
    void the_provider_cannot_read_the_case_beyond_its_referral() {
        String caseId = support.withPlan();
        support.need(caseId, "ACCOMMODATION");
        String referralId = support.refer(caseId, "ACCOMMODATION", "shelter-support", "Needs a ground-floor room");
        assertThat(as("shelter-provider").get("/api/service-referrals/" + referralId).status()).isEqualTo(200);
        assertProblem(as("shelter-provider").get("/api/cases/" + caseId), 404, null, null);
        assertProblem(as("shelter-provider").get("/api/cases/" + caseId + "/history"), 404, null, null);
        assertProblem(as("shelter-provider").get("/api/cases/" + caseId + "/support-plan"), 404, null, null);
        assertProblem(as("shelter-provider").get("/api/cases/" + caseId + "/decisions"), 404, null, null);
        // accepting and delivering does not make the provider involved in the case
        support.step("shelter-provider", referralId, "acceptance", Map.of());
        assertProblem(as("shelter-provider").get("/api/cases/" + caseId), 404, null, null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_involvement WHERE case_id = ? AND agency = ?",
                Integer.class, caseId, "shelter-provider")).isZero();
    }

    @Test
    void personal_data_reaches_the_provider_only_while_the_persons_consent_to_share_with_it_is_in_force() {
        String caseId = support.withPlan();
        support.need(caseId, "LEGAL_ADVICE_AND_REPRESENTATION");
        support.need(caseId, "ACCOMMODATION");
        // no consent to share with the shelter provider: no note stored, nothing personal shown, no read recorded
        String without = support.refer(caseId, "ACCOMMODATION", "shelter-support", "Afraid of men; ground floor");
        assertThat(payloads(caseId, "ServiceReferred")).contains("\"sharesPersonalData\":false")
                .contains("\"note\":null");
        JsonNode withheld = as("shelter-provider").get("/api/service-referrals/" + without).body();
        assertThat(withheld.get("personalDataShared").asBoolean()).isFalse();
        assertThat(withheld.get("person").isNull()).isTrue();
        assertThat(withheld.get("note").isNull()).isTrue();
        assertThat(withheld.toString()).doesNotContain("Lan").doesNotContain("Nguyen").doesNotContain("Afraid");
        assertThat(reads(caseId, "shelter-provider")).isZero();
        support.step("shelter-provider", without, "decline", Map.of("reason", "Full this week"));

        // the person consents to share with the shelter provider: the next referral carries the note, sealed
        Api.Response consent = as(OWNER).post("/api/cases/" + caseId + "/consents",
                Map.of("scopes", List.of("DATA_SHARING"), "agencies", List.of("shelter-provider")));
        assertThat(consent.status()).as(consent.toString()).isEqualTo(204);
        String with = support.refer(caseId, "ACCOMMODATION", "shelter-support", "Afraid of men; ground floor");
        assertThat(payloads(caseId, "ServiceReferred")).contains("\"sharesPersonalData\":true")
                .doesNotContain("Afraid of men");
        JsonNode shared = as("shelter-provider").get("/api/service-referrals/" + with).body();
        assertThat(shared.get("personalDataShared").asBoolean()).isTrue();
        assertThat(shared.get("person").get("givenName").asText()).isEqualTo("Lan");
        assertThat(shared.get("person").get("familyName").asText()).isEqualTo("Nguyen");
        assertThat(shared.get("person").get("birthDate").asText()).isEqualTo("1990-03-01");
        assertThat(shared.get("note").asText()).isEqualTo("Afraid of men; ground floor");
        assertThat(shared.toString()).doesNotContain("nail bar"); // the narrative is not what the provider needs
        assertThat(reads(caseId, "shelter-provider")).isEqualTo(1);

        // withdrawn: the provider reads nothing personal again
        Api.Response withdrawn = as(OWNER).post("/api/cases/" + caseId + "/consents/DATA_SHARING/withdrawal",
                Map.of("agencies", List.of("shelter-provider")));
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(204);
        JsonNode after = as("shelter-provider").get("/api/service-referrals/" + with).body();
        assertThat(after.get("personalDataShared").asBoolean()).isFalse();
        assertThat(after.get("person").isNull()).isTrue();
        assertThat(after.get("note").isNull()).isTrue();
        assertThat(reads(caseId, "shelter-provider")).isEqualTo(1);
    }

    private int reads(String caseId, String agency) {
        return jdbc.queryForObject("SELECT count(*) FROM personal_data_read WHERE case_id = ? AND agency = ?",
                Integer.class, caseId, agency);
    }

    @Test
    void the_directory_of_providers_is_configuration() {
        JsonNode providers = as("police").get("/api/service-providers").body();
        JsonNode legal = null;
        for (JsonNode provider : providers) {
            if (provider.get("providerId").asText().equals("ngo-legal-aid")) {
                legal = provider;
            }
        }
        assertThat(legal).as(providers.toString()).isNotNull();
        assertThat(legal.get("agency").asText()).isEqualTo("ngo-outreach");
        assertThat(legal.get("services").toString()).contains("LEGAL_ADVICE_AND_REPRESENTATION");
        assertThat(legal.get("languages").toString()).contains("vie");
        assertThat(legal.get("regions").toString()).contains("NORTH");
        assertThat(legal.get("capacity").asInt()).isEqualTo(200);
        assertThat(legal.get("takesChildren").asBoolean()).isFalse();
        assertProblem(as("rapporteur").get("/api/service-providers"), 403, null, null);
    }

    @Test
    void the_case_page_shows_the_plan_its_needs_and_referrals_to_whom_may_see_the_case() {
        String caseId = support.withPlan();
        support.need(caseId, "LEGAL_ADVICE_AND_REPRESENTATION");
        support.refer(caseId, "LEGAL_ADVICE_AND_REPRESENTATION", "ngo-legal-aid", null);
        org.nrm.app.support.PageSession page = new org.nrm.app.support.PageSession(port);
        page.signIn("competent-authority", "demo");
        var response = page.get("/cases/" + caseId);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Support plan").contains("Legal advice and representation")
                .contains("ngo-legal-aid");

        String without = support.referredByOwner();
        var empty = page.get("/cases/" + without);
        assertThat(empty.body()).contains("No support plan yet");

        org.nrm.app.support.PageSession outsider = new org.nrm.app.support.PageSession(port);
        outsider.signIn("child-services", "demo");
        assertThat(outsider.get("/cases/" + caseId).statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ oversight

    private void fact(String need, String referredAt, String deliveredAt, String declinedAt) {
        String plan = "stat-plan-" + UUID.randomUUID();
        jdbc.update("INSERT INTO support_need (plan_id, case_id, need, assessed_at) VALUES (?, ?, ?, ?)", plan,
                "stat-" + plan.substring(10, 30), need, Timestamp.from(Instant.parse(referredAt)));
        jdbc.update("""
                INSERT INTO service_referral (referral_id, plan_id, case_id, need, provider_id, provider_agency, child,
                                              shares_personal_data, status, referred_at, delivered_at, declined_at)
                VALUES (?, ?, ?, ?, 'stat-provider', 'stat-agency', false, false, ?, ?, ?, ?)""",
                UUID.randomUUID().toString(), plan, "stat-" + plan.substring(10, 30), need,
                deliveredAt != null ? "DELIVERED" : declinedAt != null ? "DECLINED" : "REFERRED",
                Timestamp.from(Instant.parse(referredAt)),
                deliveredAt == null ? null : Timestamp.from(Instant.parse(deliveredAt)),
                declinedAt == null ? null : Timestamp.from(Instant.parse(declinedAt)));
    }

    private static JsonNode cell(JsonNode cells, String category) {
        for (JsonNode cell : cells) {
            if (cell.get("category").asText().equals(category)) {
                return cell;
            }
        }
        throw new AssertionError("no " + category + " in " + cells);
    }

    @Test
    void oversight_counts_services_needed_referred_delivered_and_declined_by_type_with_small_cells_suppressed() {
        // a period of its own (2019-Q1): 7 medical (6 delivered), 6 legal (1 declined), 2 interpretation
        for (int i = 0; i < 7; i++) {
            fact("MEDICAL", "2019-01-10T10:00:00Z", i < 6 ? "2019-02-01T10:00:00Z" : null, null);
        }
        for (int i = 0; i < 6; i++) {
            fact("LEGAL_ADVICE_AND_REPRESENTATION", "2019-01-12T10:00:00Z", null,
                    i == 0 ? "2019-01-20T10:00:00Z" : null);
        }
        for (int i = 0; i < 2; i++) {
            fact("INTERPRETATION", "2019-03-30T10:00:00Z", null, null);
        }
        // outside the period: not counted
        fact("MEDICAL", "2019-04-01T00:00:00Z", "2019-04-02T00:00:00Z", null);

        Api.Response response = as("rapporteur").get("/api/oversight/statistics?from=2019-01-01&to=2019-04-01");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode figures = response.body();
        // the contract grows: the published figures keep their meaning
        assertThat(figures.has("referrals")).isTrue();
        assertThat(figures.has("deadlineBreaches")).isTrue();
        JsonNode services = figures.get("supportServices");

        JsonNode needed = services.get("needed");
        assertThat(needed.get("total").get("count").asLong()).isEqualTo(15);
        assertThat(cell(needed.get("byType"), "MEDICAL").get("count").asLong()).isEqualTo(7);
        // the one small cell (2) is suppressed, and with it the next smallest (6), so the total does not give it away
        assertThat(cell(needed.get("byType"), "INTERPRETATION").get("suppressed").asBoolean()).isTrue();
        assertThat(cell(needed.get("byType"), "INTERPRETATION").get("count").isNull()).isTrue();
        assertThat(cell(needed.get("byType"), "LEGAL_ADVICE_AND_REPRESENTATION").get("suppressed").asBoolean())
                .isTrue();
        assertThat(cell(needed.get("byType"), "MEDICAL").get("suppressed").asBoolean()).isFalse();

        JsonNode referred = services.get("referred");
        assertThat(referred.get("total").get("count").asLong()).isEqualTo(15);
        assertThat(cell(referred.get("byType"), "MEDICAL").get("count").asLong()).isEqualTo(7);

        JsonNode delivered = services.get("delivered");
        assertThat(delivered.get("total").get("count").asLong()).isEqualTo(6);
        assertThat(cell(delivered.get("byType"), "MEDICAL").get("count").asLong()).isEqualTo(6);

        JsonNode declined = services.get("declined");
        assertThat(declined.get("total").get("suppressed").asBoolean()).isTrue();
        assertThat(declined.get("total").get("count").isNull()).isTrue();
        assertThat(cell(declined.get("byType"), "LEGAL_ADVICE_AND_REPRESENTATION").get("suppressed").asBoolean())
                .isTrue();
    }

    @Test
    void services_referred_over_http_are_counted_for_oversight() {
        String from = Instant.now().minus(Duration.ofDays(1)).toString().substring(0, 10);
        String to = Instant.now().plus(Duration.ofDays(2)).toString().substring(0, 10);
        String query = "/api/oversight/statistics?from=" + from + "&to=" + to;
        long before = rawReferred("EMPLOYMENT");
        for (int i = 0; i < 5; i++) {
            support.referral("EMPLOYMENT", "return-reintegration");
        }
        assertThat(rawReferred("EMPLOYMENT")).isEqualTo(before + 5);
        JsonNode published = as("rapporteur").get(query).body().get("supportServices");
        // five or more: a total is never a small cell, so it is published
        assertThat(published.get("referred").get("total").get("suppressed").asBoolean()).isFalse();
        assertThat(published.get("referred").get("total").get("count").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(published.get("needed").get("total").get("count").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(published.get("referred").get("byType").toString()).contains("EMPLOYMENT");
    }

    private long rawReferred(String need) {
        return jdbc.queryForObject("SELECT count(*) FROM service_referral WHERE need = ? AND referred_at > now() "
                + "- interval '1 day'", Long.class, need);
    }

    @Test
    void oversight_counts_returning_nationals_services_as_their_own_category() {
        // a period of its own (2018-Q1): 6 returning nationals with a medical need each (5 delivered, 1 declined),
        // 2 of them also with interpretation; others: 7 with a medical need, 6 with a legal one
        for (int i = 0; i < 6; i++) {
            String caseId = "stat-rn-svc-" + UUID.randomUUID();
            jdbc.update("INSERT INTO case_view (case_id, reference, stage, child, foreign_national, referring_agency, "
                    + "referred_at, gender, age_group, nationality, last_event_index, updated_at, returning_national, "
                    + "decision_abroad, handover_imported) VALUES (?, ?, 'SUPPORT', FALSE, FALSE, "
                    + "'return-organisation', ?, 'MALE', 'ADULT', 'GB', 0, now(), TRUE, "
                    + "'{\"sourceCountry\": \"TH\"}'::jsonb, FALSE)", caseId, caseId.substring(0, 30),
                    Timestamp.from(Instant.parse("2018-01-05T10:00:00Z")));
            factOf(caseId, "MEDICAL", "2018-01-10T10:00:00Z", i < 5 ? "2018-02-01T10:00:00Z" : null,
                    i == 5 ? "2018-01-20T10:00:00Z" : null);
            if (i < 2) {
                factOf(caseId, "INTERPRETATION", "2018-01-11T10:00:00Z", null, null);
            }
        }
        for (int i = 0; i < 7; i++) {
            factOf("stat-svc-" + UUID.randomUUID(), "MEDICAL", "2018-01-10T10:00:00Z", null, null);
            if (i < 6) {
                factOf("stat-svc-" + UUID.randomUUID(), "LEGAL_ADVICE_AND_REPRESENTATION", "2018-01-10T10:00:00Z",
                        null, null);
            }
        }
        JsonNode figures = as("rapporteur").get("/api/oversight/statistics?from=2018-01-01&to=2018-04-01").body();
        JsonNode services = figures.get("supportServices");
        assertThat(services.get("needed").get("total").get("count").asLong()).as("everyone's").isEqualTo(21);
        assertThat(cell(services.get("needed").get("byType"), "MEDICAL").get("count").asLong()).isEqualTo(13);
        assertThat(cell(services.get("needed").get("byType"), "INTERPRETATION").get("suppressed").asBoolean())
                .isTrue();
        JsonNode returning = services.get("returningNationals");
        assertThat(returning.get("needed").get("total").get("count").asLong()).isEqualTo(8);
        assertThat(cell(returning.get("needed").get("byType"), "MEDICAL").get("suppressed").asBoolean())
                .as("6, suppressed with the small cell beside it").isTrue();
        assertThat(cell(returning.get("needed").get("byType"), "INTERPRETATION").get("suppressed").asBoolean())
                .isTrue();
        assertThat(returning.get("referred").get("total").get("count").asLong()).isEqualTo(8);
        assertThat(returning.get("delivered").get("total").get("count").asLong()).isEqualTo(5);
        assertThat(cell(returning.get("delivered").get("byType"), "MEDICAL").get("count").asLong()).isEqualTo(5);
        assertThat(returning.get("declined").get("total").get("suppressed").asBoolean()).isTrue();
        // and the returning nationals themselves are their own category, not this country's referrals
        assertThat(figures.get("returningNationals").get("total").get("count").asLong()).isEqualTo(6);
        assertThat(figures.get("referrals").get("total").get("suppressed").asBoolean()
                || figures.get("referrals").get("total").get("count").asLong() == 0).isTrue();
    }

    private void factOf(String caseId, String need, String referredAt, String deliveredAt, String declinedAt) {
        String plan = "support-plan:" + caseId;
        jdbc.update("INSERT INTO support_need (plan_id, case_id, need, assessed_at) VALUES (?, ?, ?, ?)", plan,
                caseId, need, Timestamp.from(Instant.parse(referredAt)));
        jdbc.update("""
                INSERT INTO service_referral (referral_id, plan_id, case_id, need, provider_id, provider_agency, child,
                                              shares_personal_data, status, referred_at, delivered_at, declined_at)
                VALUES (?, ?, ?, ?, 'stat-provider', 'stat-agency', false, false, ?, ?, ?, ?)""",
                UUID.randomUUID().toString(), plan, caseId, need,
                deliveredAt != null ? "DELIVERED" : declinedAt != null ? "DECLINED" : "REFERRED",
                Timestamp.from(Instant.parse(referredAt)),
                deliveredAt == null ? null : Timestamp.from(Instant.parse(deliveredAt)),
                declinedAt == null ? null : Timestamp.from(Instant.parse(declinedAt)));
    }
}
