package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nrm.app.support.Api;
import org.nrm.app.support.DemoFastPlatform;
import org.nrm.app.support.HandoverPartner;
import org.nrm.app.support.PlatformNodes;

/**
 * Two installations of the platform hand a case over (issue 16): the demo (GB, this test's Spring context under
 * demo-fast, the same configuration as {@code ForeignAdultFromReferralToClosureTest}, so the context is shared), and
 * a second one for Viet Nam ({@code --nrm.jurisdiction.country-code=VN}), a JVM of its own on its own PostgreSQL
 * ({@link PlatformNodes}). A Vietnamese national identified in GB chooses to go home; GB's return organisation
 * exports the signed package; VN's administrator trusts GB's published key; VN's return organisation imports the
 * package and a returning national's case opens there with the decision taken in GB. An altered package, a package
 * signed by a key VN does not trust and a replay are each refused and store nothing in VN.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstallationsHandoverTest extends DemoFastPlatform {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path directory;
    private PlatformNodes vietnam;
    private PlatformNodes.Node vn;

    @BeforeAll
    void startTheSecondInstallation() throws Exception {
        directory = Files.createTempDirectory("nrm-vn");
        vietnam = PlatformNodes.onExternalPostgres(directory);
        try {
            vn = vietnam.start("vn", "--nrm.jurisdiction.country-code=VN");
        } catch (Throwable e) {
            vietnam.close();
            throw e;
        }
    }

    @AfterAll
    void stopIt() throws java.io.IOException {
        try {
            if (vietnam != null) {
                vietnam.close();
            }
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }

    private Api gb(String user) {
        return new Api(port, user);
    }

    private long storedInVietnam() {
        return vietnam.count("SELECT (SELECT count(*) FROM domainevententry) + (SELECT count(*) FROM handover_import)"
                + " + (SELECT count(*) FROM case_view)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> envelope) {
        return JSON.convertValue(JSON.valueToTree(envelope), Map.class);
    }

    @Test
    void a_vietnamese_national_identified_here_is_handed_over_and_vietnam_opens_the_returning_nationals_case() {
        // GB: a Vietnamese national is referred, identified, and chooses to go home
        Api.Response referral = gb("police").post("/api/referrals", Map.of(
                "person", Map.of("givenName", "Lan", "familyName", "Nguyen", "birthDate", "1990-03-01",
                        "gender", "FEMALE", "citizenships", List.of("VN"), "languages", List.of("vie")),
                "exploitationTypes", List.of("FORCED_LABOUR"), "exploitationLocation", "DOMESTIC",
                "indicators", List.of("DOCUMENTS_WITHHELD"), "consentToReferral", true, "needsAccommodation", true));
        assertThat(referral.status()).isEqualTo(201);
        String gbCase = referral.body().get("caseId").asText();
        assertThat(gb("police").post("/api/cases/" + gbCase + "/consents",
                Map.of("scopes", List.of("HANDOVER_ABROAD"))).status()).isEqualTo(204);
        complete(gb("competent-authority"), gbCase, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        complete(gb("shelter-provider"), gbCase, "shelter-placement",
                Map.of("outcome", "PLACED", "shelterId", "shelter-women-north"));
        complete(gb("immigration-service"), gbCase, "residence-permit-decision", Map.of("outcome", "GRANTED",
                "ground", "RECOVERY_NEEDS", "validUntil", Instant.now().plus(365, ChronoUnit.DAYS).toString()));
        complete(gb("competent-authority"), gbCase, "conclusive-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Victim of forced labour"));
        complete(gb("shelter-provider"), gbCase, "durable-solution", Map.of("outcome", "VOLUNTARY_RETURN"));
        complete(gb("return-organisation"), gbCase, "return-risk-assessment", Map.of("outcome", "LOW"));

        // GB's return organisation exports the signed package
        Api.Response export = gb("return-organisation").get("/api/cases/" + gbCase + "/handover");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> envelope = JSON.convertValue(export.body(), Map.class);
        JsonNode pkg = export.body().get("package");
        assertThat(pkg.get("destinationCountry").asText()).isEqualTo("VN");
        assertThat(pkg.get("riskAssessment").get("risk").asText()).isEqualTo("LOW");
        assertThat(pkg.get("riskAssessment").get("assessedBy").asText()).isEqualTo("return-organisation");
        assertThat(pkg.get("decisions")).hasSize(2);
        assertThat(pkg.get("personalData").get("givenName").asText()).isEqualTo("Lan");
        assertThat(gb("competent-authority").get("/api/cases/" + gbCase + "/history").body().toString())
                .contains("HandoverExported");

        // VN: before trusting GB, the package is refused (unknown key) and nothing is stored
        long before = storedInVietnam();
        Api.Response untrusted = vn.as("return-organisation").post("/api/handovers", envelope);
        assertThat(untrusted.status()).as(untrusted.toString()).isEqualTo(422);
        assertThat(untrusted.body().get("reason").asText()).isEqualTo("unknown-key");
        assertThat(storedInVietnam()).isEqualTo(before);

        // VN's administrator registers GB's key as GB publishes it
        JsonNode gbKey = gb("admin").get("/api/handovers/key").body();
        Api.Response registered = vn.as("admin").post("/api/admin/handover-partners", Map.of("country", "GB",
                "keyId", gbKey.get("keyId").asText(), "publicKey", JSON.convertValue(gbKey.get("publicKey"),
                        Map.class)));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        // an altered package (the risk made lower than assessed... here: higher) is refused, nothing stored
        Map<String, Object> altered = copy(envelope);
        @SuppressWarnings("unchecked")
        Map<String, Object> alteredRisk = (Map<String, Object>) ((Map<String, Object>) altered.get("package"))
                .get("riskAssessment");
        alteredRisk.put("risk", "HIGH");
        before = storedInVietnam();
        Api.Response refusedAltered = vn.as("return-organisation").post("/api/handovers", altered);
        assertThat(refusedAltered.status()).isEqualTo(422);
        assertThat(refusedAltered.body().get("reason").asText()).isEqualTo("altered-package");
        assertThat(storedInVietnam()).isEqualTo(before);

        // a package signed by a key VN does not trust, claiming to be GB's, is refused, nothing stored
        HandoverPartner impostor = new HandoverPartner("GB");
        ObjectNode forged = impostor.pkg("VN", "Lan");
        Api.Response refusedForged = vn.as("return-organisation").post("/api/handovers", impostor.signed(forged));
        assertThat(refusedForged.status()).isEqualTo(422);
        assertThat(refusedForged.body().get("reason").asText()).isEqualTo("unknown-key");
        Map<String, Object> underGbsName = impostor.signed(impostor.pkg("VN", "Lan"));
        underGbsName.put("keyId", gbKey.get("keyId").asText());
        @SuppressWarnings("unchecked")
        Map<String, Object> claimed = (Map<String, Object>) JSON.convertValue(underGbsName.get("package"), Map.class);
        claimed.put("keyId", gbKey.get("keyId").asText());
        underGbsName.put("package", claimed);
        Api.Response refusedImpostor = vn.as("return-organisation").post("/api/handovers", underGbsName);
        assertThat(refusedImpostor.status()).isEqualTo(422);
        assertThat(refusedImpostor.body().get("reason").asText()).isIn("bad-signature", "altered-package");
        assertThat(storedInVietnam()).isEqualTo(before);

        // the package as GB issued it opens a returning national's case in VN
        Api.Response imported = vn.as("return-organisation").post("/api/handovers", envelope);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        String vnCase = imported.body().get("caseId").asText();
        JsonNode view = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                vn.as("return-organisation").get("/api/cases/" + vnCase), r -> r.status() == 200).body();
        assertThat(view.get("stage").asText()).isEqualTo("SUPPORT");
        assertThat(view.get("foreignNational").asBoolean()).as("a national of VN").isFalse();
        JsonNode abroad = view.get("returnPathway").get("decisionAbroad");
        assertThat(abroad.get("sourceCountry").asText()).isEqualTo("GB");
        assertThat(abroad.get("kind").asText()).isEqualTo("CONCLUSIVE_GROUNDS");
        assertThat(abroad.get("decidingOrganisation").asText()).isEqualTo("competent-authority");
        JsonNode opened = vn.as("return-organisation").get("/api/cases/" + vnCase + "/history").body().get(0);
        assertThat(opened.get("type").asText()).isEqualTo("ReturningNationalCaseOpened");
        assertThat(opened.get("data").get("person").get("givenName").asText()).isEqualTo("Lan");
        assertThat(opened.get("data").get("sourceReference").asText())
                .isEqualTo(referral.body().get("reference").asText());
        assertThat(vietnam.count("SELECT count(*) FROM handover_import WHERE case_id = ?", vnCase)).isEqualTo(1);

        // VN's package of the case (were the person to move on) names GB's decision, not one of VN's
        Api.Response reExport = vn.as("return-organisation").get("/api/cases/" + vnCase + "/handover?to=GB");
        assertThat(reExport.status()).as(reExport.toString()).isEqualTo(200);
        JsonNode again = reExport.body().get("package");
        assertThat(again.get("sourceCountry").asText()).isEqualTo("VN");
        assertThat(again.get("decisions")).hasSize(1);
        assertThat(again.get("decisions").get(0).get("decidingCountry").asText()).isEqualTo("GB");
        assertThat(again.get("decisions").get(0).get("decidedAbroad").asBoolean()).isTrue();
        assertThat(again.get("decisions").get(0).get("decision").asText()).isEqualTo("CONCLUSIVE_GROUNDS");
        assertThat(again.get("htcds").get("vic_TraffickingStatus").asText()).isEqualTo("ActualVictimOfTrafficking");

        // the same package again: a replay, refused, nothing stored
        before = storedInVietnam();
        Api.Response replay = vn.as("competent-authority").post("/api/handovers", envelope);
        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.body().get("reason").asText()).isEqualTo("replayed");
        assertThat(storedInVietnam()).isEqualTo(before);

        // VN meets the person on arrival: the returning national's own pathway
        complete(vn.as("return-organisation"), vnCase, "arrival-reception", Map.of("outcome", "MET",
                "metBy", "Social worker of the return organisation", "place", "Noi Bai airport",
                "metAt", Instant.now().toString()));
        awaitTask(vn.as("return-organisation"), vnCase, "returning-national-follow-up");
    }
}
