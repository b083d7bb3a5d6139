package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.HandoverPartner;
import org.nrm.app.support.PlatformTest;

/**
 * Cross-border handover and returning nationals within one installation (the demo, GB), over HTTP: the published
 * key, the signed export of a case (personal data only with the person's consent to a handover abroad), a partner's
 * package verified and opening a returning national's case that runs its own pathway to closure, every refusal
 * storing nothing, partner keys rotated and revoked, and the returning nationals' own category in the statistics.
 * {@code TwoInstallationsHandoverTest} hands a case from this installation to a second one (VN).
 */
class HandoverTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }

    private List<String> historyTypes(String user, String caseId) {
        List<String> types = new ArrayList<>();
        as(user).get("/api/cases/" + caseId + "/history").body().forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private void complete(String user, String caseId, String key, Map<String, Object> body) {
        String taskId = awaitTask(user, caseId, key);
        assertThat(as(user).post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(204);
        Api.Response done = as(user).post("/api/tasks/" + taskId + "/complete", body);
        assertThat(done.status()).as(key + ": " + done).isEqualTo(204);
    }

    private long stored() {
        return jdbc.queryForObject("SELECT (SELECT count(*) FROM domainevententry) + (SELECT count(*) FROM "
                + "handover_import) + (SELECT count(*) FROM case_view)", Long.class);
    }

    private HandoverPartner trusted(String country) {
        HandoverPartner partner = new HandoverPartner(country);
        Api.Response registered = as("admin").post("/api/admin/handover-partners", partner.registration());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return partner;
    }

    @Test
    void the_installation_publishes_one_ed25519_key_whose_private_half_is_sealed_under_the_master_key() {
        Api.Response key = as("return-organisation").get("/api/handovers/key");
        assertThat(key.status()).isEqualTo(200);
        JsonNode jwk = key.body().get("publicKey");
        assertThat(jwk.get("kty").asText()).isEqualTo("OKP");
        assertThat(jwk.get("crv").asText()).isEqualTo("Ed25519");
        assertThat(key.body().get("keyId").asText()).startsWith("GB-").isEqualTo(jwk.get("kid").asText());
        assertThat(as("admin").get("/api/handovers/key").body()).isEqualTo(key.body());
        assertThat(as("police").get("/api/handovers/key").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/handovers/key").status()).isEqualTo(401);
        Map<String, Object> row = jdbc.queryForMap("SELECT kek_id, sealed_private_key FROM handover_signing_key "
                + "WHERE key_id = ?", key.body().get("keyId").asText());
        assertThat(row.get("kek_id")).as("wrapped by the master key").isNotNull();
        assertThat((byte[]) row.get("sealed_private_key")).as("PKCS#8 (48 bytes) sealed with its GCM tag").hasSize(64);
    }

    @Test
    void a_case_leaves_signed_and_its_personal_data_only_with_the_persons_consent_to_a_handover_abroad() {
        String caseId = refer(referralOfAdult());
        complete("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account of the nail bar"));
        JsonNode key = as("competent-authority").get("/api/handovers/key").body();

        // without consent: the facts, no personal data (no name, no reasons)
        Api.Response bare = as("competent-authority").get("/api/cases/" + caseId + "/handover");
        assertThat(bare.status()).as(bare.toString()).isEqualTo(200);
        JsonNode pkg = bare.body().get("package");
        assertThat(bare.body().get("keyId").asText()).isEqualTo(key.get("keyId").asText());
        assertThat(HandoverPartner.verifies(map(key.get("publicKey")), HandoverPartner.canonical(pkg),
                bare.body().get("signature").asText())).as("the signature verifies with the published key").isTrue();
        assertThat(pkg.get("sourceCountry").asText()).isEqualTo("GB");
        assertThat(pkg.get("destinationCountry").asText()).isEqualTo("VN");
        assertThat(pkg.get("htcds").get("prs_Citizenship").asText()).isEqualTo("VN");
        assertThat(pkg.get("htcds").get("prs_Gender").asText()).isEqualTo("Feminine");
        assertThat(pkg.get("htcds").get("vic_TypeOfExploitation").asText()).isNotBlank();
        JsonNode decision = pkg.get("decisions").get(0);
        assertThat(decision.get("decision").asText()).isEqualTo("REASONABLE_GROUNDS");
        assertThat(decision.get("outcome").asText()).isEqualTo("POSITIVE");
        assertThat(decision.get("decidingOrganisation").asText()).isEqualTo("competent-authority");
        assertThat(Instant.parse(decision.get("decidedAt").asText())).isBefore(Instant.now());
        assertThat(pkg.get("riskAssessment").isNull()).as("no return risk assessed").isTrue();
        assertThat(pkg.has("reintegrationPlan")).isTrue();
        assertThat(pkg.get("services").isArray()).isTrue();
        assertThat(pkg.get("personalDataIncluded").asBoolean()).isFalse();
        assertThat(pkg.get("personalData").isNull()).isTrue();
        assertThat(bare.body().toString()).doesNotContain("\"Lan\"").doesNotContain("Nguyen").doesNotContain("nail bar")
                .doesNotContain("1990-03-01");

        // the person consents to a handover abroad: the names go with the next package
        assertThat(as("police").post("/api/cases/" + caseId + "/consents",
                Map.of("scopes", List.of("HANDOVER_ABROAD"))).status()).isEqualTo(204);
        Api.Response full = as("competent-authority").get("/api/cases/" + caseId + "/handover");
        assertThat(full.status()).isEqualTo(200);
        JsonNode personal = full.body().get("package");
        assertThat(personal.get("personalDataIncluded").asBoolean()).isTrue();
        assertThat(personal.get("personalData").get("givenName").asText()).isEqualTo("Lan");
        assertThat(personal.get("personalData").get("familyName").asText()).isEqualTo("Nguyen");
        assertThat(personal.get("packageId").asText()).isNotEqualTo(pkg.get("packageId").asText());

        // each export is an event of the case, and oversight sees it (pseudonymised)
        List<String> types = historyTypes("competent-authority", caseId);
        assertThat(types.stream().filter("HandoverExported"::equals)).hasSize(2);
        JsonNode audit = as("rapporteur").get("/api/cases/" + caseId + "/history").body();
        List<Boolean> included = new ArrayList<>();
        audit.forEach(e -> {
            if (e.get("type").asText().equals("HandoverExported")) {
                included.add(e.get("data").get("personalDataIncluded").asBoolean());
                assertThat(e.get("agency").asText()).isEqualTo("competent-authority");
            }
        });
        assertThat(included).containsExactly(false, true);
        assertThat(as("competent-authority").get("/api/cases/" + caseId).body().get("returnPathway")
                .get("handoverPackagesIssued").asInt()).isEqualTo(2);

        // an agency not involved does not learn the case exists; others may not export at all
        assertThat(as("return-organisation").get("/api/cases/" + caseId + "/handover").status()).isEqualTo(404);
        assertThat(as("police").get("/api/cases/" + caseId + "/handover").status()).isEqualTo(403);
        assertThat(as("competent-authority").get("/api/cases/" + caseId + "/handover?to=vietnam").status())
                .isEqualTo(400);
        assertThat(storedEvents(caseId)).as("no event for the refused calls")
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                        Integer.class, caseId));
    }

    @Test
    void a_partners_package_opens_a_returning_nationals_case_that_runs_its_own_pathway_to_closure() {
        HandoverPartner fr = trusted("FR");
        Map<String, Object> envelope = fr.signed(fr.pkg("GB", "Amelia"));
        Api.Response imported = as("return-organisation").post("/api/handovers", envelope);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        String caseId = imported.body().get("caseId").asText();
        assertThat(imported.body().get("reference").asText()).startsWith("NRM-");
        assertThat(imported.location()).endsWith("/api/cases/" + caseId);

        JsonNode view = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                as("return-organisation").get("/api/cases/" + caseId), r -> r.status() == 200).body();
        assertThat(view.get("stage").asText()).isEqualTo("SUPPORT");
        assertThat(view.get("foreignNational").asBoolean()).isFalse();
        JsonNode pathway = view.get("returnPathway");
        assertThat(pathway.get("returningNational").asBoolean()).isTrue();
        assertThat(pathway.get("fromHandoverPackage").asBoolean()).isTrue();
        assertThat(pathway.get("decisionAbroad").get("sourceCountry").asText()).isEqualTo("FR");
        assertThat(pathway.get("decisionAbroad").get("kind").asText()).isEqualTo("CONCLUSIVE_GROUNDS");
        assertThat(pathway.get("decisionAbroad").get("decidingOrganisation").asText()).isEqualTo("ca-FR");
        assertThat(LocalDate.parse(pathway.get("decisionAbroad").get("decidedOn").asText()))
                .isBefore(LocalDate.now());
        // the decision abroad is not taken again: no identification task here
        List<String> keys = new ArrayList<>();
        view.get("openTasks").forEach(t -> keys.add(t.get("key").asText()));
        assertThat(keys).doesNotContain("reasonable-grounds-decision", "conclusive-grounds-decision");
        assertThat(as("competent-authority").get("/api/tasks?caseId=" + caseId).body()).isEmpty();
        // the person's names came with the package, sealed with the person's key like any referral's
        JsonNode opened = as("return-organisation").get("/api/cases/" + caseId + "/history").body().get(0);
        assertThat(opened.get("type").asText()).isEqualTo("ReturningNationalCaseOpened");
        assertThat(opened.get("data").get("person").get("givenName").asText()).isEqualTo("Amelia");
        assertThat(opened.get("data").get("handoverPackageId").asText())
                .isEqualTo(((ObjectNode) envelope.get("package")).get("packageId").asText());
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE "
                + "aggregateidentifier = ? AND sequencenumber = 0", String.class, caseId)).doesNotContain("Amelia");
        // the import is an event of the new case's history, and oversight sees it, pseudonymised
        JsonNode importSeen = as("rapporteur").get("/api/cases/" + caseId + "/history").body().get(0);
        assertThat(importSeen.get("type").asText()).isEqualTo("ReturningNationalCaseOpened");
        assertThat(importSeen.get("data").get("handoverPackageId").asText())
                .isEqualTo(((ObjectNode) envelope.get("package")).get("packageId").asText());
        assertThat(importSeen.toString()).doesNotContain("Amelia");

        // reception on arrival, follow-ups until on track, closure by the competent authority
        complete("return-organisation", caseId, "arrival-reception", Map.of("outcome", "MET",
                "metBy", "Duty officer of the return organisation", "place", "Airport arrivals hall",
                "metAt", Instant.now().toString()));
        complete("return-organisation", caseId, "returning-national-follow-up", Map.of("outcome", "AT_RISK",
                "notes", "No housing yet"));
        complete("return-organisation", caseId, "returning-national-follow-up", Map.of("outcome", "ON_TRACK"));
        complete("competent-authority", caseId, "case-closure", Map.of("outcome", "CLOSED",
                "reason", "Reintegrated"));
        JsonNode closed = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                as("return-organisation").get("/api/cases/" + caseId).body(),
                b -> "CLOSED".equals(b.get("stage").asText()));
        assertThat(closed.get("returnPathway").get("followUps").asInt()).isEqualTo(2);
        assertThat(closed.get("returnPathway").get("arrivalMetAt").isNull()).isFalse();
        assertThat(historyTypes("return-organisation", caseId)).containsSubsequence("ReturningNationalCaseOpened",
                "ArrivalReceptionRecorded", "ReturningNationalFollowedUp", "ReturningNationalFollowedUp",
                "CaseClosed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM act_ru_execution WHERE business_key_ = ?", Long.class,
                caseId)).as("the returning national's process ended").isZero();
    }

    @Test
    void a_package_refused_for_any_reason_is_422_naming_it_and_stores_nothing() {
        HandoverPartner nl = trusted("NL");
        HandoverPartner stranger = new HandoverPartner("NL");

        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        // an untrusted key
        bodies.add(stranger.signed(stranger.pkg("GB", "Eva")));
        reasons.put("untrusted", "unknown-key");
        // signed by another key than the one it names
        ObjectNode forged = nl.pkg("GB", "Eva");
        Map<String, Object> signedByStranger = stranger.signed(forged);
        bodies.add(nl.envelope(forged, (String) signedByStranger.get("signature")));
        reasons.put("forged", "bad-signature");
        // altered after signing
        Map<String, Object> altered = nl.signed(nl.pkg("GB", "Eva"));
        ((ObjectNode) altered.get("package")).withArray("decisions").addObject().put("decision", "REASONABLE_GROUNDS")
                .put("outcome", "POSITIVE").put("decidedAt", Instant.now().toString());
        bodies.add(altered);
        reasons.put("altered", "altered-package");
        // expired
        ObjectNode old = nl.pkg("GB", "Eva");
        old.put("expiresAt", Instant.now().minusSeconds(60).toString());
        bodies.add(nl.signed(old));
        reasons.put("expired", "expired");
        // for another country
        bodies.add(nl.signed(nl.pkg("DE", "Eva")));
        reasons.put("elsewhere", "wrong-destination");
        // a foreign national is no returning national
        ObjectNode foreigner = nl.pkg("GB", "Eva");
        foreigner.with("profile").putArray("citizenships").add("NL");
        bodies.add(nl.signed(foreigner));
        reasons.put("foreigner", "not-a-national");

        List<String> labels = new ArrayList<>(reasons.keySet());
        for (int i = 0; i < bodies.size(); i++) {
            long before = stored();
            Api.Response refused = as("return-organisation").post("/api/handovers", bodies.get(i));
            assertThat(refused.status()).as(labels.get(i) + ": " + refused).isEqualTo(422);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.body().get("reason").asText()).as(labels.get(i))
                    .isEqualTo(reasons.get(labels.get(i)));
            assertThat(stored()).as(labels.get(i) + " stored nothing").isEqualTo(before);
        }

        // a replay: the first import opens a case, the same package again is refused and stores nothing
        Map<String, Object> once = nl.signed(nl.pkg("GB", null));
        Api.Response first = as("return-organisation").post("/api/handovers", once);
        assertThat(first.status()).isEqualTo(201);
        String opened = first.body().get("caseId").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> as("return-organisation").get("/api/cases/" + opened).status() == 200);
        long before = stored();
        Api.Response replay = as("competent-authority").post("/api/handovers", once);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(422);
        assertThat(replay.body().get("reason").asText()).isEqualTo("replayed");
        assertThat(stored()).isEqualTo(before);

        // malformed and unauthorised calls
        assertThat(as("return-organisation").post("/api/handovers", Map.of("package", "x")).body().get("reason")
                .asText()).isEqualTo("malformed-package");
        assertThat(as("police").post("/api/handovers", once).status()).isEqualTo(403);
    }

    @Test
    void a_partner_key_is_rotated_and_a_revoked_key_verifies_nothing() {
        HandoverPartner first = trusted("IE");
        HandoverPartner second = new HandoverPartner("IE");
        Map<String, Object> rotation = new java.util.HashMap<>(second.registration());
        rotation.put("replaces", first.keyId());
        Api.Response rotated = as("admin").post("/api/admin/handover-partners", rotation);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
        JsonNode partners = as("admin").get("/api/admin/handover-partners").body();
        partners.forEach(p -> {
            if (p.get("keyId").asText().equals(first.keyId())) {
                assertThat(p.get("revokedAt").isNull()).as("the replaced key is revoked").isFalse();
            }
        });
        Api.Response old = as("return-organisation").post("/api/handovers", first.signed(first.pkg("GB", null)));
        assertThat(old.status()).isEqualTo(422);
        assertThat(old.body().get("reason").asText()).isEqualTo("revoked-key");
        assertThat(as("return-organisation").post("/api/handovers", second.signed(second.pkg("GB", null))).status())
                .isEqualTo(201);
        assertThat(as("admin").post("/api/admin/handover-partners/" + second.keyId() + "/revocation", Map.of())
                .status()).isEqualTo(200);
        assertThat(as("return-organisation").post("/api/handovers", second.signed(second.pkg("GB", null))).body()
                .get("reason").asText()).isEqualTo("revoked-key");
        // a revoked key is not trusted again; a registration naming a key id that is not the key's is refused
        Api.Response again = as("admin").post("/api/admin/handover-partners", second.registration());
        assertThat(again.status()).isEqualTo(409);
        Map<String, Object> wrongId = new java.util.HashMap<>(new HandoverPartner("IE").registration());
        wrongId.put("keyId", "IE-not-its-id");
        assertThat(as("admin").post("/api/admin/handover-partners", wrongId).body().get("field").asText())
                .isEqualTo("keyId");
        assertThat(as("return-organisation").post("/api/admin/handover-partners", first.registration()).status())
                .isEqualTo(403);
    }

    @Test
    void the_installations_own_key_is_rotated_and_packages_are_signed_with_the_new_one() {
        String before = as("admin").get("/api/handovers/key").body().get("keyId").asText();
        Api.Response rotated = as("admin").post("/api/admin/handover-key/rotation", Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        String after = rotated.body().get("keyId").asText();
        assertThat(after).isNotEqualTo(before);
        assertThat(as("competent-authority").get("/api/handovers/key").body().get("keyId").asText()).isEqualTo(after);
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        Api.Response export = as("competent-authority").get("/api/cases/" + caseId + "/handover");
        assertThat(export.body().get("keyId").asText()).isEqualTo(after);
        assertThat(HandoverPartner.verifies(map(rotated.body().get("publicKey")),
                HandoverPartner.canonical(export.body().get("package")), export.body().get("signature").asText()))
                .isTrue();
    }

    /**
     * Under an Idempotency-Key the rotation and its answer share the request's one transaction: the answer names the
     * key that transaction made (read in a transaction of its own it named the retired key, and on an installation
     * without a key it waited for ever on the new key's row: found by EveryWriteIdempotencyTest run alone).
     */
    @Test
    void a_rotation_under_an_idempotency_key_answers_the_new_key() {
        String before = as("admin").get("/api/handovers/key").body().get("keyId").asText();
        Api.Response rotated = as("admin").post("/api/admin/handover-key/rotation", Map.of(),
                Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String after = rotated.body().get("keyId").asText();
        assertThat(after).isNotEqualTo(before);
        assertThat(as("admin").get("/api/handovers/key").body().get("keyId").asText()).isEqualTo(after);
    }

    @Test
    void a_returning_national_is_opened_by_hand_with_the_decision_abroad_and_bad_input_changes_nothing() {
        Map<String, Object> person = Map.of("givenName", "Tom", "familyName", "Hughes", "birthDate", "1985-07-07",
                "gender", "MALE", "citizenships", List.of("GB"), "languages", List.of("eng"));
        Map<String, Object> decision = Map.of("sourceCountry", "TH", "decidingOrganisation", "Thai DSDW",
                "kind", "CONCLUSIVE_GROUNDS", "outcome", "POSITIVE", "decidedOn", "2026-10-01");
        Api.Response opened = as("competent-authority").post("/api/returning-nationals",
                Map.of("person", person, "decisionAbroad", decision));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String caseId = opened.body().get("caseId").asText();
        awaitTask("return-organisation", caseId, "arrival-reception");
        // the case view is written by its own processor: the task may be in the queue before the view has the case
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM case_view WHERE case_id = ?", Integer.class, caseId) == 1);
        assertThat(jdbc.queryForObject("SELECT returning_national FROM case_view WHERE case_id = ?", Boolean.class,
                caseId)).isTrue();

        long before = stored();
        Api.Response noDecision = as("competent-authority").post("/api/returning-nationals", Map.of("person", person));
        assertThat(noDecision.status()).isEqualTo(400);
        assertThat(noDecision.body().toString()).contains("decisionAbroad");
        Api.Response foreigner = as("competent-authority").post("/api/returning-nationals", Map.of("person",
                Map.of("givenName", "Ana", "citizenships", List.of("RO")), "decisionAbroad", decision));
        assertThat(foreigner.status()).isEqualTo(409);
        assertThat(foreigner.body().get("rule").asText()).isEqualTo("not-a-national");
        Map<String, Object> nowhere = new java.util.HashMap<>(decision);
        nowhere.put("sourceCountry", "ZZ");
        Api.Response noCountry = as("competent-authority").post("/api/returning-nationals", Map.of("person", person,
                "decisionAbroad", nowhere));
        assertThat(noCountry.status()).isEqualTo(400);
        assertThat(noCountry.body().get("field").asText()).isEqualTo("decisionAbroad.sourceCountry");
        assertThat(noCountry.body().get("detail").asText()).isEqualTo(
                "'decisionAbroad.sourceCountry' must be an ISO 3166-1 alpha-2 country code (e.g. GB).");
        Map<String, Object> here = new java.util.HashMap<>(decision);
        here.put("sourceCountry", "GB");
        assertThat(as("competent-authority").post("/api/returning-nationals", Map.of("person", person,
                "decisionAbroad", here)).body().get("rule").asText()).isEqualTo("decision-not-abroad");
        assertThat(as("police").post("/api/returning-nationals", Map.of("person", person, "decisionAbroad",
                decision)).status()).isEqualTo(403);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void returning_nationals_count_in_the_statistics_as_their_own_category() {
        for (int i = 0; i < 12; i++) {
            jdbc.update("INSERT INTO case_view (case_id, reference, stage, child, foreign_national, referring_agency, "
                    + "referred_at, gender, age_group, nationality, last_event_index, updated_at, returning_national, "
                    + "decision_abroad, handover_imported) VALUES (?, ?, 'SUPPORT', FALSE, FALSE, 'return-organisation', "
                    + "?, 'FEMALE', 'ADULT', 'GB', 0, now(), TRUE, ?::jsonb, ?) ON CONFLICT (case_id) DO NOTHING",
                    "stat-rn-" + i, "stat-rn-" + i, Timestamp.from(Instant.parse("2021-02-01T10:00:00Z").plusSeconds(i)),
                    "{\"sourceCountry\": \"" + (i < 6 ? "TH" : "VN") + "\"}", i < 2);
        }
        JsonNode stats = as("rapporteur").get("/api/oversight/statistics?from=2021-01-01&to=2021-04-01").body();
        JsonNode returning = stats.get("returningNationals");
        assertThat(returning.get("total").get("count").asLong()).isEqualTo(12);
        assertThat(returning.get("fromHandoverPackage").get("suppressed").asBoolean())
                .as("2 from packages: below the threshold").isTrue();
        assertThat(returning.get("bySourceCountry").toString()).isEqualTo(
                "[{\"category\":\"TH\",\"count\":6,\"suppressed\":false},"
                        + "{\"category\":\"VN\",\"count\":6,\"suppressed\":false}]");
        assertThat(stats.get("referrals").get("total").get("suppressed").asBoolean()
                || stats.get("referrals").get("total").get("count").asLong() == 0)
                .as("not counted as this country's referrals").isTrue();
        assertThat(stats.toString()).contains("handoverPackagesIssued");
    }

    private static JsonNode decisionFrom(JsonNode pkg, String country) {
        for (JsonNode d : pkg.get("decisions")) {
            if (country.equals(d.path("decidingCountry").asText())) {
                return d;
            }
        }
        throw new AssertionError("no decision of " + country + " in " + pkg.get("decisions"));
    }

    @Test
    void a_returning_nationals_package_names_the_decision_taken_abroad_and_maps_it_to_the_htcds_status() {
        // opened by hand: the decision abroad (TH) goes into the package, with its country, day and organisation
        Map<String, Object> person = Map.of("givenName", "Ian", "familyName", "Pryce", "birthDate", "1984-02-02",
                "gender", "MALE", "citizenships", List.of("GB"), "languages", List.of("eng"));
        Api.Response opened = as("competent-authority").post("/api/returning-nationals", Map.of("person", person,
                "decisionAbroad", Map.of("sourceCountry", "TH", "decidingOrganisation", "Thai DSDW",
                        "kind", "CONCLUSIVE_GROUNDS", "outcome", "POSITIVE", "decidedOn", "2026-09-15")));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String byHand = opened.body().get("caseId").asText();
        awaitTask("return-organisation", byHand, "arrival-reception");
        Api.Response export = as("competent-authority").get("/api/cases/" + byHand + "/handover?to=TH");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        JsonNode pkg = export.body().get("package");
        assertThat(pkg.get("decisions")).hasSize(1);
        JsonNode abroad = decisionFrom(pkg, "TH");
        assertThat(abroad.get("decision").asText()).isEqualTo("CONCLUSIVE_GROUNDS");
        assertThat(abroad.get("outcome").asText()).isEqualTo("POSITIVE");
        assertThat(abroad.get("decidingOrganisation").asText()).isEqualTo("Thai DSDW");
        assertThat(abroad.get("decidedOn").asText()).isEqualTo("2026-09-15");
        assertThat(abroad.get("decidedAbroad").asBoolean()).isTrue();
        assertThat(pkg.get("htcds").get("vic_TraffickingStatus").asText()).isEqualTo("ActualVictimOfTrafficking");
        assertThat(pkg.get("htcds").get("vic_TraffickingStatusDecisionMakingOrg").asText())
                .as("the foreign decision maker's HTCDS type is not recorded").isEmpty();

        // opened from a partner's package (FR) and re-exported: FR's decision, not one of GB's
        HandoverPartner fr = trusted("FR");
        Api.Response imported = as("return-organisation").post("/api/handovers", fr.signed(fr.pkg("GB", null)));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        String fromPackage = imported.body().get("caseId").asText();
        awaitTask("return-organisation", fromPackage, "arrival-reception");
        JsonNode again = as("return-organisation").get("/api/cases/" + fromPackage + "/handover?to=FR").body()
                .get("package");
        assertThat(again.get("decisions")).hasSize(1);
        JsonNode french = decisionFrom(again, "FR");
        assertThat(french.get("decision").asText()).isEqualTo("CONCLUSIVE_GROUNDS");
        assertThat(french.get("decidingOrganisation").asText()).isEqualTo("ca-FR");
        assertThat(LocalDate.parse(french.get("decidedOn").asText())).isBefore(LocalDate.now());
        assertThat(again.get("htcds").get("vic_TraffickingStatus").asText()).isEqualTo("ActualVictimOfTrafficking");
        assertThat(again.get("sourceCountry").asText()).isEqualTo("GB");
    }

    @Test
    void an_imported_decision_recorded_abroad_keeps_the_country_that_took_it() {
        // a partner (NL) re-exports a case it had received: the decision was taken in TH
        HandoverPartner nl = trusted("NL");
        ObjectNode pkg = nl.pkg("GB", null);
        pkg.putArray("decisions").addObject().put("decision", "REASONABLE_GROUNDS").put("outcome", "POSITIVE")
                .put("decidedAt", "2026-08-01T00:00:00Z").put("decidedOn", "2026-08-01")
                .put("decidingOrganisation", "Thai DSDW").put("decidingCountry", "TH").put("decidedAbroad", true);
        Api.Response imported = as("return-organisation").post("/api/handovers", nl.signed(pkg));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        String caseId = imported.body().get("caseId").asText();
        JsonNode view = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                as("return-organisation").get("/api/cases/" + caseId), r -> r.status() == 200).body();
        JsonNode abroad = view.get("returnPathway").get("decisionAbroad");
        assertThat(abroad.get("sourceCountry").asText()).isEqualTo("TH");
        assertThat(abroad.get("decidingOrganisation").asText()).isEqualTo("Thai DSDW");
        assertThat(abroad.get("kind").asText()).isEqualTo("REASONABLE_GROUNDS");
        assertThat(abroad.get("decidedOn").asText()).isEqualTo("2026-08-01");
        JsonNode out = as("return-organisation").get("/api/cases/" + caseId + "/handover?to=TH").body().get("package");
        assertThat(out.get("htcds").get("vic_TraffickingStatus").asText()).isEqualTo("PossibleVictimOfTrafficking");
    }

    @Test
    void the_package_carries_the_support_plan_and_its_services_and_their_free_text_only_with_consent() {
        org.nrm.app.support.SupportFixtures support = new org.nrm.app.support.SupportFixtures(port);
        String owner = org.nrm.app.support.SupportFixtures.OWNER;
        String caseId = support.withPlan();
        Api.Response need = as(owner).post("/api/cases/" + caseId + "/support-plan/needs",
                Map.of("need", "MEDICAL", "notes", "Untreated injury to the left hand"));
        assertThat(need.status()).as(need.toString()).isEqualTo(204);
        support.need(caseId, "SAFE_RETURN_OR_REINTEGRATION");
        String medical = support.refer(caseId, "MEDICAL", "shelter-support", null);
        support.step("shelter-provider", medical, "decline", Map.of("reason", "No doctor on the rota this month"));
        String reintegration = support.refer(caseId, "SAFE_RETURN_OR_REINTEGRATION", "return-reintegration", null);
        support.step("return-organisation", reintegration, "acceptance", Map.of());
        support.step("return-organisation", reintegration, "delivery",
                Map.of("notes", "Flight booked with her sister in Hanoi"));

        // without the person's consent to a handover abroad: the plan and the services, codes and dates only
        Api.Response bare = as("competent-authority").get("/api/cases/" + caseId + "/handover");
        assertThat(bare.status()).as(bare.toString()).isEqualTo(200);
        JsonNode pkg = bare.body().get("package");
        JsonNode plan = pkg.get("reintegrationPlan");
        assertThat(plan.get("ownerAgency").asText()).isEqualTo(owner);
        assertThat(Instant.parse(plan.get("reviewDueAt").asText())).isAfter(Instant.parse(plan.get("openedAt").asText()));
        List<String> needs = new ArrayList<>();
        plan.get("needs").forEach(n -> needs.add(n.get("need").asText() + "/" + n.get("spl_Type").asText()));
        assertThat(needs).containsExactlyInAnyOrder("MEDICAL/Health", "SAFE_RETURN_OR_REINTEGRATION/SocialCare");
        Map<String, JsonNode> services = new java.util.HashMap<>();
        pkg.get("services").forEach(s -> services.put(s.get("referralId").asText(), s));
        assertThat(services).hasSize(2);
        assertThat(services.get(medical).get("need").asText()).isEqualTo("MEDICAL");
        assertThat(services.get(medical).get("providerId").asText()).isEqualTo("shelter-support");
        assertThat(services.get(medical).get("providerAgency").asText()).isEqualTo("shelter-provider");
        assertThat(services.get(medical).get("status").asText()).isEqualTo("DECLINED");
        assertThat(services.get(medical).get("declinedAt").isNull()).isFalse();
        assertThat(services.get(medical).has("declineReason")).isFalse();
        assertThat(services.get(reintegration).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(services.get(reintegration).get("providerId").asText()).isEqualTo("return-reintegration");
        assertThat(services.get(reintegration).get("deliveredAt").isNull()).isFalse();
        assertThat(bare.body().toString()).doesNotContain("left hand").doesNotContain("rota")
                .doesNotContain("Hanoi").doesNotContain("pseudonymised");
        assertThat(HandoverPartner.verifies(map(as("competent-authority").get("/api/handovers/key").body()
                .get("publicKey")), HandoverPartner.canonical(pkg), bare.body().get("signature").asText()))
                .as("the plan is signed with the rest").isTrue();

        // with it: the free text goes too
        assertThat(as(owner).post("/api/cases/" + caseId + "/consents",
                Map.of("scopes", List.of("HANDOVER_ABROAD"))).status()).isEqualTo(204);
        JsonNode full = as("competent-authority").get("/api/cases/" + caseId + "/handover").body().get("package");
        assertThat(full.get("personalDataIncluded").asBoolean()).isTrue();
        JsonNode medicalNeed = null;
        for (JsonNode n : full.get("reintegrationPlan").get("needs")) {
            if (n.get("need").asText().equals("MEDICAL")) {
                medicalNeed = n;
            }
        }
        assertThat(medicalNeed).isNotNull();
        assertThat(medicalNeed.get("notes").asText()).isEqualTo("Untreated injury to the left hand");
        Map<String, JsonNode> shared = new java.util.HashMap<>();
        full.get("services").forEach(s -> shared.put(s.get("referralId").asText(), s));
        assertThat(shared.get(medical).get("declineReason").asText()).isEqualTo("No doctor on the rota this month");
        assertThat(shared.get(reintegration).get("deliveryNotes").asText())
                .isEqualTo("Flight booked with her sister in Hanoi");
    }

    @Test
    void a_case_without_a_support_plan_has_none_in_its_package() {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        JsonNode pkg = as("competent-authority").get("/api/cases/" + caseId + "/handover").body().get("package");
        assertThat(pkg.get("reintegrationPlan").isNull()).isTrue();
        assertThat(pkg.get("services")).isEmpty();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.nrm.projections.oversight.HtcdsExport export;

    @Test
    void returning_nationals_are_no_rows_of_the_record_level_exports() {
        // a year of its own (1998): a case referred here and two returning nationals identified abroad
        for (int i = 0; i < 3; i++) {
            jdbc.update("INSERT INTO case_view (case_id, reference, stage, child, foreign_national, referring_agency, "
                    + "referred_at, gender, age_group, nationality, last_event_index, updated_at, returning_national, "
                    + "decision_abroad, handover_imported) VALUES (?, ?, 'SUPPORT', FALSE, FALSE, 'police', ?, "
                    + "'FEMALE', 'ADULT', 'GB', 0, now(), ?, ?::jsonb, FALSE) ON CONFLICT (case_id) DO NOTHING",
                    "export-rn-" + i, "export-rn-" + i, Timestamp.from(Instant.parse("1998-05-01T10:00:00Z")),
                    i > 0, i > 0 ? "{\"sourceCountry\": \"TH\", \"kind\": \"CONCLUSIVE_GROUNDS\", "
                            + "\"outcome\": \"POSITIVE\"}" : null);
        }
        assertThat(export.cases().stream().filter(c -> "1998".equals(c.yearOfRegistration())))
                .as("the case identified here only").hasSize(1);
    }
}
