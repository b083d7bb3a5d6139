package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.HandoverPartner;
import org.nrm.app.support.PageSession;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.support.SupportFixtures;

/**
 * The pages of issue 16: the support plan's forms on the case page (its owner only), a service provider's referrals,
 * a returning national's case, the handover package's export and import, the administrator's partner keys. Each
 * through the sign-in form and the CSRF token, as a browser posts; bad input re-shows the form and stores nothing.
 */
class SupportAndHandoverPagesTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PageSession signedIn(String user) {
        PageSession session = new PageSession(port);
        assertThat(session.signIn(user, "demo").statusCode()).as("sign-in of " + user).isEqualTo(302);
        session.get("/");
        return session;
    }

    private int planEvents(String caseId) {
        return storedEvents("support-plan:" + caseId);
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("(none)");
    }

    @Test
    void every_new_page_is_linked_from_the_home_page_for_the_roles_that_use_it_and_refused_to_the_others() {
        assertThat(signedIn("shelter-provider").get("/").body()).contains("href=\"/service-referrals\"")
                .doesNotContain("href=\"/returning-nationals/new\"");
        assertThat(signedIn("return-organisation").get("/").body()).contains("href=\"/returning-nationals/new\"")
                .contains("href=\"/handovers/import\"").contains("href=\"/service-referrals\"");
        assertThat(signedIn("competent-authority-lead").get("/").body()).contains("href=\"/returning-nationals/new\"")
                .contains("href=\"/handovers/import\"").doesNotContain("href=\"/service-referrals\"");
        PageSession admin = signedIn("admin");
        assertThat(admin.get("/admin").body()).contains("href=\"/admin/handover-partners\"");
        PageSession police = signedIn("police");
        assertThat(police.get("/").body()).doesNotContain("href=\"/service-referrals\"")
                .doesNotContain("href=\"/returning-nationals/new\"").doesNotContain("href=\"/handovers/import\"");
        assertThat(police.get("/service-referrals").statusCode()).isEqualTo(403);
        assertThat(police.get("/returning-nationals/new").statusCode()).isEqualTo(403);
        assertThat(police.get("/handovers/import").statusCode()).isEqualTo(403);
        assertThat(police.get("/admin/handover-partners").statusCode()).isEqualTo(403);
    }

    @Test
    void the_plans_owner_assesses_refers_and_reviews_on_the_case_page_and_bad_input_is_shown_by_its_field() {
        SupportFixtures support = new SupportFixtures(port);
        String caseId = support.referredByOwner();
        PageSession ngo = signedIn(SupportFixtures.OWNER);
        String page = ngo.get("/cases/" + caseId).body();
        assertThat(page).contains("action=\"/cases/" + caseId + "/support-plan\"")
                .doesNotContain("/support-plan/needs\"");
        HttpResponse<String> opened = ngo.post("/cases/" + caseId + "/support-plan", Map.of());
        assertThat(opened.statusCode()).isEqualTo(302);
        page = ngo.get("/cases/" + caseId).body();
        assertThat(page).contains("The support plan is opened.")
                .contains("action=\"/cases/" + caseId + "/support-plan/needs\"")
                .contains("action=\"/cases/" + caseId + "/support-plan/referrals\"")
                .contains("action=\"/cases/" + caseId + "/support-plan/review\"")
                .doesNotContain("action=\"/cases/" + caseId + "/support-plan\"")
                .doesNotContain("id=\"consent-agency-shelter-provider\"");
        // the competent authority sees the plan, not its forms
        String authority = signedIn("competent-authority").get("/cases/" + caseId).body();
        assertThat(authority).contains("id=\"support-heading\"").doesNotContain("/support-plan/needs\"")
                .doesNotContain("action=\"/cases/" + caseId + "/support-plan\"");

        int before = planEvents(caseId);
        HttpResponse<String> noNeed = ngo.post("/cases/" + caseId + "/support-plan/needs",
                Map.of("need", "", "notes", "Sleeps badly"));
        assertThat(noNeed.statusCode()).isEqualTo(400);
        assertThat(noNeed.body()).contains("id=\"support-need-need-error\"").contains("Choose a need.")
                .contains("Sleeps badly");
        assertThat(planEvents(caseId)).isEqualTo(before);
        assertThat(ngo.post("/cases/" + caseId + "/support-plan/needs", Map.of("need", "ACCOMMODATION"))
                .statusCode()).isEqualTo(302);
        assertThat(planEvents(caseId)).isEqualTo(before + 1);
        HttpResponse<String> twice = ngo.post("/cases/" + caseId + "/support-plan/needs", Map.of("need",
                "ACCOMMODATION"));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("The need Accommodation is already on the plan.")
                .doesNotContain("The need ACCOMMODATION");

        before = planEvents(caseId);
        HttpResponse<String> unknown = ngo.post("/cases/" + caseId + "/support-plan/referrals",
                Map.of("need", "ACCOMMODATION", "providerId", "no-such-provider"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("id=\"support-referral-providerId-error\"")
                .contains("provider of the jurisdiction");
        // the rule of the plan: the legal-aid service offers no accommodation
        HttpResponse<String> notOffered = ngo.post("/cases/" + caseId + "/support-plan/referrals",
                Map.of("need", "ACCOMMODATION", "providerId", "ngo-legal-aid", "note", "Needs a bed tonight"));
        assertThat(notOffered.statusCode()).isEqualTo(409);
        assertThat(notOffered.body()).contains("ngo-legal-aid").contains("Needs a bed tonight")
                .as("the names of the need and the provider, not their codes")
                .contains("Outreach Legal and Advocacy Service does not offer Accommodation.")
                .doesNotContain("does not offer ACCOMMODATION");
        assertThat(planEvents(caseId)).isEqualTo(before);
        HttpResponse<String> referred = ngo.post("/cases/" + caseId + "/support-plan/referrals",
                Map.of("need", "ACCOMMODATION", "providerId", "shelter-support"));
        assertThat(referred.statusCode()).isEqualTo(302);
        JsonNode plan = as(SupportFixtures.OWNER).get("/api/cases/" + caseId + "/support-plan").body();
        assertThat(plan.get("referrals").get(0).get("providerId").asText()).isEqualTo("shelter-support");
        assertThat(plan.get("referrals").get(0).get("status").asText()).isEqualTo("REFERRED");
        // the consent's "share with" offers the provider agency the plan referred to (the API accepts it)
        assertThat(ngo.get("/cases/" + caseId).body()).contains("Shelter Support Services")
                .contains("id=\"consent-agency-shelter-provider\" name=\"agencies\" value=\"shelter-provider\"");

        before = planEvents(caseId);
        HttpResponse<String> tooLong = ngo.post("/cases/" + caseId + "/support-plan/review",
                Map.of("notes", "x".repeat(2_001)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("id=\"support-review-notes-error\"").contains("At most 2,000 characters.");
        assertThat(planEvents(caseId)).isEqualTo(before);
        assertThat(ngo.post("/cases/" + caseId + "/support-plan/review", Map.of("notes", "Settled")).statusCode())
                .isEqualTo(302);
        assertThat(planEvents(caseId)).isEqualTo(before + 1);

        // an agency that is not involved gets 404 and stores nothing
        before = planEvents(caseId);
        assertThat(signedIn("shelter-provider").post("/cases/" + caseId + "/support-plan/review", Map.of())
                .statusCode()).isEqualTo(404);
        assertThat(planEvents(caseId)).isEqualTo(before);
    }

    /** The API's rule for text ({@code PlainText}): no control characters but tab and line breaks, on every form. */
    @Test
    void control_characters_the_api_refuses_are_refused_by_the_forms_by_their_field_and_nothing_is_stored() {
        SupportFixtures support = new SupportFixtures(port);
        String caseId = support.withPlan();
        PageSession ngo = signedIn(SupportFixtures.OWNER);
        int before = planEvents(caseId);
        for (String bad : java.util.List.of("a\u0001b\u0007c\u001b[31m", "a\u0000b", "a\u007fb")) {
            HttpResponse<String> need = ngo.post("/cases/" + caseId + "/support-plan/needs",
                    Map.of("need", "ACCOMMODATION", "notes", bad));
            assertThat(need.statusCode()).as(bad).isEqualTo(400);
            assertThat(need.body()).contains("id=\"support-need-notes-error\"").contains("Use no control characters")
                    .doesNotContain("\u0000").doesNotContain("\u001b").doesNotContain("\u0007");
            HttpResponse<String> review = ngo.post("/cases/" + caseId + "/support-plan/review", Map.of("notes", bad));
            assertThat(review.statusCode()).isEqualTo(400);
            assertThat(review.body()).contains("id=\"support-review-notes-error\"");
            HttpResponse<String> referral = ngo.post("/cases/" + caseId + "/support-plan/referrals",
                    Map.of("need", "ACCOMMODATION", "providerId", "shelter-support", "note", bad));
            assertThat(referral.statusCode()).isEqualTo(400);
            assertThat(referral.body()).contains("id=\"support-referral-note-error\"");
        }
        assertThat(planEvents(caseId)).as("nothing stored").isEqualTo(before);
        // tabs and line breaks in multi-line notes stay allowed, as on the API
        assertThat(ngo.post("/cases/" + caseId + "/support-plan/needs",
                Map.of("need", "ACCOMMODATION", "notes", "Line one\r\n\tLine two")).statusCode()).isEqualTo(302);
        assertThat(planEvents(caseId)).isEqualTo(before + 1);

        String referralId = support.referral("ACCOMMODATION", "shelter-support");
        String referralCase = jdbc.queryForObject("SELECT case_id FROM service_referral WHERE referral_id = ?",
                String.class, referralId);
        int referralEvents = planEvents(referralCase);
        HttpResponse<String> decline = signedIn("shelter-provider").post("/service-referrals/" + referralId
                + "/decline", Map.of("reason", "No\u0000room"));
        assertThat(decline.statusCode()).isEqualTo(400);
        assertThat(decline.body()).contains("id=\"referral-decline-reason-error\"")
                .contains("Use no control characters").doesNotContain("\u0000");
        assertThat(planEvents(referralCase)).isEqualTo(referralEvents);

        PageSession ro = signedIn("return-organisation");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("givenName", "An\u0000na\u001b");
        form.put("familyName", "Hughes");
        form.put("citizenships", "GB");
        form.put("sourceCountry", "TH");
        form.put("decidingOrganisation", "Thai DSDW");
        form.put("kind", "CONCLUSIVE_GROUNDS");
        form.put("outcome", "POSITIVE");
        form.put("decidedOn", "2026-10-01");
        long cases = jdbc.queryForObject("SELECT count(*) FROM case_view", Long.class);
        HttpResponse<String> returning = ro.post("/returning-nationals", form);
        assertThat(returning.statusCode()).isEqualTo(400);
        assertThat(returning.body()).contains("id=\"givenName-error\"").contains("Use no control characters")
                .contains("value=\"Anna\"").doesNotContain("\u0000");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_view", Long.class)).isEqualTo(cases);
    }

    @Test
    void a_service_provider_sees_its_referrals_not_the_case_and_accepts_delivers_and_closes_one() {
        SupportFixtures support = new SupportFixtures(port);
        String referralId = support.referral("ACCOMMODATION", "shelter-support");
        String caseId = jdbc.queryForObject("SELECT case_id FROM service_referral WHERE referral_id = ?", String.class,
                referralId);
        PageSession shelter = signedIn("shelter-provider");
        String list = shelter.get("/service-referrals").body();
        assertThat(list).contains("href=\"/service-referrals/" + referralId + "\"").contains("Accommodation");
        HttpResponse<String> one = shelter.get("/service-referrals/" + referralId);
        assertThat(one.statusCode()).isEqualTo(200);
        // no consent to share data with the shelter provider: no name, and no link to the case
        assertThat(one.body()).contains("No consent to share").doesNotContain("Nguyen")
                .doesNotContain("href=\"/cases/" + caseId + "\"");
        assertThat(shelter.get("/cases/" + caseId).statusCode()).isEqualTo(404);
        // another provider's staff: the referral is not theirs
        PageSession children = signedIn("child-services");
        assertThat(children.get("/service-referrals/" + referralId).statusCode()).isEqualTo(404);
        assertThat(children.get("/service-referrals").body()).doesNotContain(referralId);

        int before = planEvents(caseId);
        HttpResponse<String> noReason = shelter.post("/service-referrals/" + referralId + "/decline",
                Map.of("reason", "  "));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("id=\"referral-decline-reason-error\"").contains("Give a reason.");
        assertThat(children.post("/service-referrals/" + referralId + "/acceptance", Map.of()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> early = shelter.post("/service-referrals/" + referralId + "/delivery", Map.of());
        assertThat(early.statusCode()).as("not accepted yet: the referral's rule").isEqualTo(409);
        assertThat(early.body()).contains("id=\"referral-rule\"")
                .contains("The referral is referred; it cannot be delivered now.");
        assertThat(planEvents(caseId)).isEqualTo(before);

        HttpResponse<String> accepted = shelter.post("/service-referrals/" + referralId + "/acceptance", Map.of());
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(location(accepted)).endsWith("/service-referrals/" + referralId);
        assertThat(shelter.get("/service-referrals/" + referralId).body()).contains("The referral is accepted.")
                .contains("/delivery\"");
        // a stale step (the page of before, posted again): refused with the rule in words, above the steps
        HttpResponse<String> again = shelter.post("/service-referrals/" + referralId + "/acceptance", Map.of());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("id=\"referral-rule\"")
                .contains("The referral is accepted; it cannot be accepted now.");
        assertThat(shelter.post("/service-referrals/" + referralId + "/delivery", Map.of("notes", "Bed in room 4"))
                .statusCode()).isEqualTo(302);
        assertThat(shelter.post("/service-referrals/" + referralId + "/closure", Map.of()).statusCode())
                .isEqualTo(302);
        HttpResponse<String> closedAgain = shelter.post("/service-referrals/" + referralId + "/closure", Map.of());
        assertThat(closedAgain.statusCode()).isEqualTo(409);
        assertThat(closedAgain.body()).contains("The referral is closed; it cannot be closed now.");
        HttpResponse<String> deliveredLate = shelter.post("/service-referrals/" + referralId + "/delivery",
                Map.of());
        assertThat(deliveredLate.statusCode()).isEqualTo(409);
        assertThat(deliveredLate.body()).contains("The referral is closed; it cannot be delivered now.");
        JsonNode referral = as("shelter-provider").get("/api/service-referrals/" + referralId).body();
        assertThat(referral.get("status").asText()).isEqualTo("CLOSED");
        assertThat(referral.get("deliveredAt").isNull()).isFalse();
        assertThat(planEvents(caseId)).isEqualTo(before + 3);
    }

    @Test
    void with_the_persons_consent_the_providers_page_shows_the_name_and_the_note_and_the_read_is_recorded() {
        SupportFixtures support = new SupportFixtures(port);
        String caseId = support.withPlan();
        assertThat(as(SupportFixtures.OWNER).post("/api/cases/" + caseId + "/consents", Map.of("scopes",
                java.util.List.of("DATA_SHARING"), "agencies", java.util.List.of("shelter-provider"))).status())
                .isEqualTo(204);
        support.need(caseId, "ACCOMMODATION");
        String referralId = support.refer(caseId, "ACCOMMODATION", "shelter-support", "Ground floor, please");
        String reads = "SELECT count(*) FROM personal_data_read WHERE case_id = ? AND agency = 'shelter-provider'";
        long before = jdbc.queryForObject(reads, Long.class, caseId);
        PageSession shelter = signedIn("shelter-provider");
        assertThat(shelter.get("/service-referrals").body()).doesNotContain("Nguyen");
        assertThat(jdbc.queryForObject(reads, Long.class, caseId)).as("the list reads nothing personal")
                .isEqualTo(before);
        String page = shelter.get("/service-referrals/" + referralId).body();
        assertThat(page).contains("Lan").contains("Nguyen").contains("1990-03-01").contains("Ground floor, please")
                .doesNotContain("nail bar").doesNotContain("No consent to share");
        assertThat(jdbc.queryForObject(reads, Long.class, caseId)).isEqualTo(before + 1);
    }

    @Test
    void a_returning_national_is_opened_from_the_form_and_its_signed_package_downloaded_from_the_case_page()
            throws Exception {
        PageSession ro = signedIn("return-organisation");
        assertThat(ro.get("/returning-nationals/new").statusCode()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("givenName", "Tom");
        form.put("familyName", "Hughes");
        form.put("birthDate", "1985-07-07");
        form.put("gender", "MALE");
        form.put("citizenships", "GB");
        form.put("languages", "eng");
        form.put("sourceCountry", "th");
        form.put("decidingOrganisation", "");
        form.put("kind", "CONCLUSIVE_GROUNDS");
        form.put("outcome", "POSITIVE");
        form.put("decidedOn", "2026-10-01");
        long before = jdbc.queryForObject("SELECT count(*) FROM case_view", Long.class);
        HttpResponse<String> bad = ro.post("/returning-nationals", form);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"decidingOrganisation-error\"")
                .contains("Give the organisation that decided.").contains("value=\"Hughes\"")
                .doesNotContain("id=\"sourceCountry-error\""); // th is TH, a country
        form.put("sourceCountry", "zz");
        HttpResponse<String> noCountry = ro.post("/returning-nationals", form);
        assertThat(noCountry.statusCode()).isEqualTo(400);
        assertThat(noCountry.body()).contains("id=\"sourceCountry-error\"")
                .contains("Use a two-letter country code, e.g. VN.").contains("value=\"zz\"");
        form.put("sourceCountry", "th");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_view", Long.class)).isEqualTo(before);

        form.put("decidingOrganisation", "Thai DSDW");
        HttpResponse<String> opened = ro.post("/returning-nationals", form);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
        String caseId = location(opened).substring(location(opened).lastIndexOf('/') + 1);
        awaitTask("return-organisation", caseId, "arrival-reception");
        String page = ro.get("/cases/" + caseId).body();
        assertThat(page).contains("is opened.").contains("action=\"/cases/" + caseId + "/handover\"");

        int events = storedEvents(caseId);
        HttpResponse<String> wrong = ro.post("/cases/" + caseId + "/handover", Map.of("to", "T1"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("id=\"handover-to-error\"").contains("two-letter country code");
        // ZZ has the shape of a country code but is not assigned (ISO 3166-1): refused by the page and the API
        HttpResponse<String> unassigned = ro.post("/cases/" + caseId + "/handover", Map.of("to", "ZZ"));
        assertThat(unassigned.statusCode()).isEqualTo(400);
        assertThat(unassigned.body()).contains("id=\"handover-to-error\"").contains("assigned two-letter country code");
        var api = as("return-organisation").get("/api/cases/" + caseId + "/handover?to=ZZ");
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.body().get("field").asText()).isEqualTo("to");
        // a GB national: no other citizenship to default to
        HttpResponse<String> noDestination = ro.post("/cases/" + caseId + "/handover", Map.of("to", ""));
        assertThat(noDestination.statusCode()).isEqualTo(409);
        assertThat(storedEvents(caseId)).isEqualTo(events);
        HttpResponse<byte[]> download = ro.postForBytes("/cases/" + caseId + "/handover", Map.of("to", "TH"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        JsonNode envelope = JSON.readTree(download.body());
        assertThat(envelope.get("signature").asText()).isNotBlank();
        assertThat(envelope.get("keyId").asText()).isEqualTo(as("return-organisation").get("/api/handovers/key")
                .body().get("keyId").asText());
        assertThat(storedEvents(caseId)).as("the export is recorded on the case").isEqualTo(events + 1);
        // an agency not involved, or not handing over, gets no package
        assertThat(signedIn("police").post("/cases/" + caseId + "/handover", Map.of("to", "TH")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_partners_package_is_imported_by_upload_and_a_refused_one_says_why_in_plain_words() throws Exception {
        HandoverPartner fr = new HandoverPartner("FR");
        PageSession admin = signedIn("admin");
        admin.get("/admin/handover-partners");
        Map<String, String> registration = Map.of("country", "FR", "keyId", fr.keyId(), "publicKey",
                JSON.writeValueAsString(fr.jwk()), "replaces", "");
        assertThat(admin.post("/admin/handover-partners", registration).statusCode()).isEqualTo(302);

        PageSession ro = signedIn("return-organisation");
        assertThat(ro.get("/handovers/import").body()).contains("enctype=\"multipart/form-data\"");
        long cases = jdbc.queryForObject("SELECT count(*) FROM case_view", Long.class);
        HttpResponse<String> notJson = ro.post("/handovers", Map.of("package", "not a package"));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("id=\"package-error\"").contains("it is not JSON");
        HttpResponse<String> stranger = ro.post("/handovers", Map.of("package", JSON.writeValueAsString(
                new HandoverPartner("FR").signed(fr.pkg("GB", "Amelia")))));
        assertThat(stranger.statusCode()).isEqualTo(422);
        assertThat(stranger.body()).contains("The package is refused")
                .contains("signed with a key that is not registered as a partner");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_view", Long.class)).isEqualTo(cases);

        byte[] file = JSON.writeValueAsBytes(fr.signed(fr.pkg("GB", "Amelia")));
        ro.get("/handovers/import");
        HttpResponse<String> uploaded = ro.postMultipart("/handovers", Map.of("package", ""), "file",
                "handover.json", file);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
        String caseId = location(uploaded).substring(location(uploaded).lastIndexOf('/') + 1);
        assertThat(ro.get("/cases/" + caseId).body()).contains("The package is verified");
        // the same package again: replayed, refused, nothing stored
        ro.get("/handovers/import");
        HttpResponse<String> again = ro.postMultipart("/handovers", Map.of(), "file", "handover.json", file);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("already been imported");
        assertThat(new String(file, StandardCharsets.UTF_8)).contains("Amelia");
    }

    /** Above the servlet's multipart limits the body is not read: the form's address carries the CSRF token. */
    @Test
    void an_upload_above_one_megabyte_shows_the_import_page_again_and_stores_nothing() {
        PageSession ro = signedIn("return-organisation");
        long cases = jdbc.queryForObject("SELECT count(*) FROM case_view", Long.class);
        for (int size : new int[] {1_020_000, 1_100_000, 5_000_000, 30_000_000}) {
            String page = ro.get("/handovers/import").body();
            java.util.regex.Matcher action = java.util.regex.Pattern.compile("action=\"(/handovers[^\"]*)\"")
                    .matcher(page);
            assertThat(action.find()).as(page).isTrue();
            byte[] file = new byte[size];
            java.util.Arrays.fill(file, (byte) ' ');
            HttpResponse<String> uploaded = ro.postMultipart(action.group(1).replace("&amp;", "&"),
                    Map.of("package", ""), "file", "handover.json", file);
            assertThat(uploaded.statusCode()).as(size + " bytes").isIn(413, 422);
            assertThat(uploaded.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(uploaded.body()).contains("id=\"package-error\"").contains("The package is larger than 1 MB.")
                    .contains("enctype=\"multipart/form-data\"");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_view", Long.class)).isEqualTo(cases);
    }

    @Test
    void the_administrator_sees_the_own_key_and_registers_rotates_and_revokes_a_partners_key() throws Exception {
        PageSession admin = signedIn("admin");
        String page = admin.get("/admin/handover-partners").body();
        String ownKeyId = as("admin").get("/api/handovers/key").body().get("keyId").asText();
        assertThat(page).contains(ownKeyId).contains("&quot;kty&quot;:&quot;OKP&quot;");

        HandoverPartner first = new HandoverPartner("IE");
        long keys = jdbc.queryForObject("SELECT count(*) FROM handover_partner_key", Long.class);
        HttpResponse<String> wrongId = admin.post("/admin/handover-partners", Map.of("country", "IE",
                "keyId", new HandoverPartner("IE").keyId(), "publicKey", JSON.writeValueAsString(first.jwk())));
        assertThat(wrongId.statusCode()).isEqualTo(400);
        assertThat(wrongId.body()).contains("id=\"partner-keyId-error\"");
        HttpResponse<String> unreadable = admin.post("/admin/handover-partners", Map.of("country", "IE",
                "keyId", first.keyId(), "publicKey", "{not json"));
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("id=\"partner-publicKey-error\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM handover_partner_key", Long.class)).isEqualTo(keys);

        assertThat(admin.post("/admin/handover-partners", Map.of("country", "IE", "keyId", first.keyId(),
                "publicKey", JSON.writeValueAsString(first.jwk()))).statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/handover-partners").body()).contains("data-key-id=\"" + first.keyId() + "\"")
                .contains("/admin/handover-partners/" + first.keyId() + "/revocation");
        // a rotation: the new key names the one it replaces, which is revoked in the same step
        HandoverPartner second = new HandoverPartner("IE");
        assertThat(admin.post("/admin/handover-partners", Map.of("country", "IE", "keyId", second.keyId(),
                "publicKey", (String) second.jwk().get("x"), "replaces", first.keyId())).statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT revoked_at IS NOT NULL FROM handover_partner_key WHERE key_id = ?",
                Boolean.class, first.keyId())).isTrue();
        assertThat(admin.post("/admin/handover-partners/" + second.keyId() + "/revocation", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT revoked_at IS NOT NULL FROM handover_partner_key WHERE key_id = ?",
                Boolean.class, second.keyId())).isTrue();
        String after = admin.get("/admin/handover-partners").body();
        assertThat(after).doesNotContain("/admin/handover-partners/" + second.keyId() + "/revocation");
    }
}
