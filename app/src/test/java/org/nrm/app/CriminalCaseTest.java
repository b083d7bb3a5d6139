package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.CaseFixtures;
import org.nrm.app.support.PlatformTest;

/**
 * The criminal case on a person's case (issue 17), over HTTP: the investigation, the person's cooperation (and the
 * residence-permit ground that reads it), protection as a witness, the prosecution's outcome, what police and the
 * prosecution read (the case's facts, the person's name only with their consent, never the narrative), oversight's
 * prosecution figures, and the refusals: role 403, uninvolved 404, bad input 400, wrong state 409.
 */
class CriminalCaseTest extends PlatformTest {

    static final String NARRATIVE = "Found at a nail bar after a tip-off";
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    static Map<String, Object> investigation(String reference) {
        return Map.of("reference", reference, "openedOn", TODAY.minusDays(10).toString(),
                "prosecutingAgency", "prosecution-service");
    }

    static Map<String, Object> conviction() {
        return Map.of("suspectsCharged", 2, "offence", "TRAFFICKING_IN_PERSONS", "verdict", "CONVICTED",
                "sentenceMonths", 60, "compensationOrdered", 5000, "currency", "GBP", "decidedOn", TODAY.toString());
    }

    private void assertProblem(Api.Response response, int status, String key, String value) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        if (key != null) {
            assertThat(response.body().path(key).asText()).as(response.toString()).isEqualTo(value);
        }
    }

    @Test
    void police_and_prosecution_record_the_criminal_case_and_read_its_facts_never_the_narrative() {
        String caseId = refer(referralOfAdult());
        Api police = as("police");
        Api prosecution = as("prosecution-service");

        assertThat(police.post("/api/cases/" + caseId + "/investigation", investigation("OP-17/1")).status())
                .isEqualTo(204);
        assertThat(police.post("/api/cases/" + caseId + "/cooperation", Map.of("status", "COOPERATING")).status())
                .isEqualTo(204);
        assertThat(police.post("/api/cases/" + caseId + "/witness-protection", Map.of("measures",
                List.of("ANONYMITY", "VIDEO_TESTIMONY"), "notes", "Fears the recruiter's cousin")).status())
                .isEqualTo(204);
        // the prosecution, named by the investigation, records the outcome without being involved in the person's case
        Api.Response outcome = prosecution.post("/api/cases/" + caseId + "/prosecution-outcome", conviction());
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(204);

        JsonNode read = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> police.get("/api/cases/" + caseId + "/criminal-case").body(),
                body -> body.hasNonNull("stage"));
        JsonNode criminalCase = read.get("criminalCase");
        assertThat(criminalCase.get("investigatingAgency").asText()).isEqualTo("police");
        assertThat(criminalCase.get("prosecutingAgency").asText()).isEqualTo("prosecution-service");
        assertThat(criminalCase.get("reference").asText()).isEqualTo("OP-17/1");
        assertThat(criminalCase.get("openedOn").asText()).isEqualTo(TODAY.minusDays(10).toString());
        assertThat(criminalCase.get("cooperation").asText()).isEqualTo("COOPERATING");
        assertThat(criminalCase.get("protectiveMeasures").toString()).contains("ANONYMITY", "VIDEO_TESTIMONY");
        assertThat(criminalCase.get("suspectsCharged").asInt()).isEqualTo(2);
        assertThat(criminalCase.get("offence").asText()).isEqualTo("TRAFFICKING_IN_PERSONS");
        assertThat(criminalCase.get("verdict").asText()).isEqualTo("CONVICTED");
        assertThat(criminalCase.get("sentenceMonths").asInt()).isEqualTo(60);
        assertThat(criminalCase.get("compensationOrdered").decimalValue()).isEqualByComparingTo("5000");
        assertThat(read.get("exploitationTypes").toString()).contains("SEXUAL", "FORCED_LABOUR");
        assertThat(read.get("controlMethods").toString()).contains("DEBT_BONDAGE");
        assertThat(read.get("nationality").asText()).isEqualTo("VN");
        // the police officer reads the facts, not the person: no narrative, no name, no notes
        assertThat(read.get("personalData").asText()).isEqualTo("WITHHELD");
        assertThat(read.toString()).doesNotContain(NARRATIVE, "Nguyen", "Lan", "cousin");

        // the prosecution reads the same facts; the person's case and history stay closed to it
        JsonNode prosecutionRead = prosecution.get("/api/cases/" + caseId + "/criminal-case").body();
        assertThat(prosecutionRead.get("criminalCase").get("verdict").asText()).isEqualTo("CONVICTED");
        assertThat(prosecutionRead.toString()).doesNotContain(NARRATIVE, "Nguyen");
        assertThat(prosecution.get("/api/cases/" + caseId).status()).isEqualTo(404);
        assertThat(prosecution.get("/api/cases/" + caseId + "/history").status()).isEqualTo(404);

        // the person consents to share their data with the prosecution: it reads their name, still no narrative
        Api.Response consent = police.post("/api/cases/" + caseId + "/consents",
                Map.of("scopes", List.of("DATA_SHARING"), "agencies", List.of("prosecution-service")));
        assertThat(consent.status()).as(consent.toString()).isBetween(200, 204);
        JsonNode shared = prosecution.get("/api/cases/" + caseId + "/criminal-case").body();
        assertThat(shared.get("personalData").asText()).isEqualTo("SHARED");
        assertThat(shared.get("personName").asText()).isEqualTo("Lan Nguyen");
        assertThat(shared.toString()).doesNotContain(NARRATIVE, "cousin");
        // police, without that consent, still reads no name
        assertThat(police.get("/api/cases/" + caseId + "/criminal-case").body().toString()).doesNotContain("Nguyen");

        // the notes on protection are sealed in the event store
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND convert_from(payload, 'UTF8') LIKE '%cousin%'", Integer.class, caseId))
                .isZero();
    }

    @Test
    void refusals_name_the_role_the_case_the_field_or_the_rule() {
        String caseId = refer(referralOfAdult());
        String path = "/api/cases/" + caseId;
        int before = storedEvents(caseId);

        // role: 403 before the body is read
        assertProblem(as("labour-inspectorate").post(path + "/investigation", investigation("X-1")), 403, null, null);
        assertProblem(as("police").post(path + "/prosecution-outcome", conviction()), 403, null, null);
        assertProblem(as("shelter-provider").post(path + "/cooperation", Map.of("status", "COOPERATING")), 403,
                null, null);
        assertProblem(as("ngo-outreach").get(path + "/criminal-case"), 403, null, null);
        assertProblem(as("ngo-outreach").get("/api/trends"), 403, null, null);
        assertProblem(as("police").get("/api/oversight/prosecutions"), 403, null, null);
        // uninvolved: law enforcement that did not refer the case, the prosecution before an investigation names it
        assertProblem(as("border-police").post(path + "/investigation", investigation("X-2")), 404, null, null);
        assertProblem(as("border-police").get(path + "/criminal-case"), 404, null, null);
        assertProblem(as("prosecution-service").get(path + "/criminal-case"), 404, null, null);
        assertProblem(as("prosecution-service").post(path + "/cooperation", Map.of("status", "DECLINED")), 404,
                null, null);
        // bad input: 400 naming the field
        assertProblem(as("police").post(path + "/investigation", Map.of("openedOn", TODAY.toString())), 400,
                "field", "reference");
        assertProblem(as("police").post(path + "/investigation", Map.of("reference", "X-3",
                "openedOn", TODAY.plusDays(3).toString())), 400, "field", "openedOn");
        assertProblem(as("police").post(path + "/investigation", Map.of("reference", "X-4",
                "openedOn", TODAY.toString(), "prosecutingAgency", "police")), 400, "field", "prosecutingAgency");
        assertProblem(as("police").post(path + "/cooperation", Map.of("status", "MAYBE")), 400, "field", "status");
        assertProblem(as("police").post(path + "/journey", Map.of("legs", List.of(Map.of("stage", "TRANSIT",
                "country", "Vietnam")))), 400, "field", "legs[0].country");
        assertProblem(as("police").post(path + "/journey", Map.of("legs", List.of(Map.of("stage", "TRANSIT",
                "country", "ZZ")))), 400, "field", "legs[0].country");
        // wrong state: 409 naming the rule
        assertProblem(as("police").post(path + "/cooperation", Map.of("status", "COOPERATING")), 409, "rule",
                "no-investigation");
        assertThat(storedEvents(caseId)).as("nothing stored by a refusal").isEqualTo(before);

        assertThat(as("police").post(path + "/investigation", investigation("X-5")).status()).isEqualTo(204);
        assertProblem(as("police").post(path + "/investigation", investigation("X-6")), 409, "rule",
                "investigation-already-opened");
        assertProblem(as("prosecution-service").post(path + "/prosecution-outcome", Map.of("suspectsCharged", 1,
                "offence", "FORCED_LABOUR", "verdict", "ACQUITTED", "sentenceMonths", 12)), 409, "rule",
                "sentence-without-conviction");
        Map<String, Object> unknownCurrency = new HashMap<>(conviction());
        unknownCurrency.put("currency", "ZZZ");
        assertProblem(as("prosecution-service").post(path + "/prosecution-outcome", unknownCurrency), 400, "field",
                "currency");
        // the currency belongs to an amount: neither comes without the other
        Map<String, Object> currencyAlone = new HashMap<>(conviction());
        currencyAlone.remove("compensationOrdered");
        assertProblem(as("prosecution-service").post(path + "/prosecution-outcome", currencyAlone), 400, "field",
                "currency");
        Map<String, Object> amountAlone = new HashMap<>(conviction());
        amountAlone.remove("currency");
        assertProblem(as("prosecution-service").post(path + "/prosecution-outcome", amountAlone), 400, "field",
                "currency");
        assertThat(as("prosecution-service").post(path + "/prosecution-outcome", Map.of("suspectsCharged", 1,
                "offence", "FORCED_LABOUR", "verdict", "ACQUITTED", "decidedOn", TODAY.toString())).status())
                .isEqualTo(204);
        assertProblem(as("prosecution-service").post(path + "/prosecution-outcome", conviction()), 409, "rule",
                "verdict-already-recorded");
    }

    @Test
    void a_permit_on_investigation_cooperation_needs_the_person_cooperating() {
        String caseId = refer(referralOfAdult());
        String rg = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + rg + "/claim", Map.of()).status()).isEqualTo(204);
        assertThat(as("competent-authority").post("/api/tasks/" + rg + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible")).status()).isEqualTo(204);
        String permit = awaitTask("immigration-service", caseId, "residence-permit-decision");
        Api immigration = as("immigration-service");
        assertThat(immigration.post("/api/tasks/" + permit + "/claim", Map.of()).status()).isEqualTo(204);
        Map<String, Object> grant = Map.of("outcome", "GRANTED", "ground", "INVESTIGATION_COOPERATION",
                "validUntil", Instant.now().plus(Duration.ofDays(365)).toString());

        assertProblem(immigration.post("/api/tasks/" + permit + "/complete", grant), 409, "rule",
                "no-investigation-cooperation");
        assertThat(as("police").post("/api/cases/" + caseId + "/investigation", investigation("P-1")).status())
                .isEqualTo(204);
        assertThat(as("police").post("/api/cases/" + caseId + "/cooperation", Map.of("status", "CONSIDERING"))
                .status()).isEqualTo(204);
        assertProblem(immigration.post("/api/tasks/" + permit + "/complete", grant), 409, "rule",
                "no-investigation-cooperation");
        // immigration reads the cooperation in the criminal case, then grants on it
        assertThat(immigration.get("/api/cases/" + caseId + "/criminal-case").body().get("criminalCase")
                .get("cooperation").asText()).isEqualTo("CONSIDERING");
        assertThat(as("police").post("/api/cases/" + caseId + "/cooperation", Map.of("status", "COOPERATING"))
                .status()).isEqualTo(204);
        Api.Response granted = immigration.post("/api/tasks/" + permit + "/complete", grant);
        assertThat(granted.status()).as(granted.toString()).isEqualTo(204);
    }

    @Test
    void oversight_publishes_prosecutions_of_identified_victims_by_year_and_exploitation_type_small_cells_suppressed() {
        // a year of its own (no other test opens investigations in it), so the counts are exact
        int year = TODAY.getYear() - 7;
        CaseFixtures cases = new CaseFixtures(port);
        Map<String, Object> opened = Map.of("reference", "S-1", "openedOn", LocalDate.of(year, 3, 1).toString(),
                "prosecutingAgency", "prosecution-service");
        Map<String, Object> convicted = new HashMap<>(conviction());
        convicted.put("decidedOn", LocalDate.of(year, 9, 1).toString());
        List<String> identified = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            identified.add(cases.positive());
        }
        // one identified victim of begging alone and one of domestic servitude: cells of one, suppressed; together
        // they would be 2 (so each 1), so the smaller of the fives, FORCED_LABOUR (first in order), is withheld too
        for (String type : List.of("BEGGING", "DOMESTIC_SERVITUDE")) {
            Map<String, Object> single = new HashMap<>(referralOfAdult());
            single.put("exploitationTypes", List.of(type));
            String caseId = refer(single);
            cases.decide("competent-authority", caseId, "reasonable-grounds-decision",
                    Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
            identified.add(caseId);
        }
        // not identified: awaiting the decision, or found not to be a victim
        List<String> notIdentified = List.of(cases.referred(), cases.referred(), cases.referred(), cases.negative(),
                cases.negative());
        for (String caseId : concat(identified, notIdentified)) {
            assertThat(as("police").post("/api/cases/" + caseId + "/investigation", opened).status()).isEqualTo(204);
            Api.Response outcome = as("prosecution-service").post("/api/cases/" + caseId + "/prosecution-outcome",
                    convicted);
            assertThat(outcome.status()).as(outcome.toString()).isEqualTo(204);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM criminal_case WHERE decided_on = ?", Long.class,
                java.sql.Date.valueOf(LocalDate.of(year, 9, 1))) == 12);
        JsonNode figures = as("rapporteur").get("/api/oversight/prosecutions?fromYear=" + year + "&toYear=" + year)
                .body();
        int k = figures.get("suppressionThreshold").asInt();
        assertThat(k).as("the demo threshold makes a cell of 5 shown and of 1 suppressed").isBetween(2, 5);
        // the five identified victims of sexual exploitation and forced labour, never the five others
        assertThat(count(figures.get("investigations"), year, "SEXUAL", null)).isEqualTo(5);
        assertThat(count(figures.get("investigations"), year, "FORCED_LABOUR", null)).isEqualTo(-1);
        assertThat(count(figures.get("charged"), year, "FORCED_LABOUR", null)).isEqualTo(-1);
        assertThat(count(figures.get("charged"), year, "SEXUAL", null)).isEqualTo(5);
        assertThat(count(figures.get("convictions"), year, "SEXUAL", null)).isEqualTo(5);
        assertThat(count(figures.get("sentences"), year, "SEXUAL", "5_TO_10_YEARS")).isEqualTo(5);
        assertThat(count(figures.get("acquittals"), year, "SEXUAL", null)).isZero();
        // the begging case and the domestic servitude case are counted, suppressed
        assertThat(count(figures.get("investigations"), year, "BEGGING", null)).isEqualTo(-1);
        assertThat(count(figures.get("convictions"), year, "DOMESTIC_SERVITUDE", null)).isEqualTo(-1);
        for (String measure : List.of("investigations", "charged", "convictions", "acquittals", "sentences")) {
            for (JsonNode cell : figures.get(measure)) {
                if (cell.get("suppressed").asBoolean()) {
                    assertThat(cell.get("count").isNull()).as(cell.toString()).isTrue();
                } else {
                    assertThat(cell.get("count").asLong()).as(measure + " " + cell).isGreaterThanOrEqualTo(k);
                }
            }
        }
        // a case identified later counts from then on
        cases.decide("competent-authority", notIdentified.get(0), "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(as("rapporteur")
                .get("/api/oversight/prosecutions?fromYear=" + year + "&toYear=" + year).body()
                .get("investigations"), year, "SEXUAL", null) == 6);
        assertProblem(as("rapporteur").get("/api/oversight/prosecutions?fromYear=20x6"), 400, "field", "fromYear");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static long count(JsonNode cells, int year, String type, String band) {
        for (JsonNode cell : cells) {
            if (cell.get("year").asInt() == year && cell.get("exploitationType").asText().equals(type)
                    && (band == null || band.equals(cell.path("band").asText()))) {
                return cell.get("count").isNull() ? -1 : cell.get("count").asLong();
            }
        }
        return 0;
    }

    static Map<String, Object> referralFrom(String nationality) {
        var body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", "Pema", "familyName", "Dorji", "birthDate", "1994-05-01",
                "ageUncertain", false, "gender", "FEMALE", "citizenships", List.of(nationality)));
        body.put("exploitationDetails", Map.of("recruitmentMethods", List.of("THROUGH_ONLINE_SOCIAL_NETWORKS")));
        return body;
    }

    static List<Map<String, Object>> legs(String... countries) {
        List<Map<String, Object>> legs = new java.util.ArrayList<>();
        for (int i = 0; i < countries.length; i++) {
            var leg = new LinkedHashMap<String, Object>();
            leg.put("stage", i == 0 ? "RECRUITMENT" : i == countries.length - 1 ? "EXPLOITATION" : "TRANSIT");
            leg.put("country", countries[i]);
            leg.put("place", "Secret place " + i);
            leg.put("arrivedOn", TODAY.minusDays(100 - i).toString());
            legs.add(leg);
        }
        return legs;
    }

    @Test
    void the_trends_view_counts_routes_documents_and_methods_without_personal_data_and_no_cell_below_the_threshold() {
        // 6 cases on one route, 5 on another, 1 on a third, all from a nationality no other test refers
        Map<String, Integer> routes = Map.of("BT>IN>GB", 6, "BT>CN>GB", 5, "BT>NP>GB", 1);
        String oneCase = null;
        for (var route : routes.entrySet()) {
            for (int i = 0; i < route.getValue(); i++) {
                String caseId = refer(referralFrom("BT"));
                oneCase = caseId;
                Api.Response journey = as("police").post("/api/cases/" + caseId + "/journey",
                        Map.of("legs", legs(route.getKey().split(">"))));
                assertThat(journey.status()).as(journey.toString()).isEqualTo(204);
                assertThat(as("police").post("/api/cases/" + caseId + "/travel-documents",
                        Map.of("documents", "FALSE", "borderPoint", "Hidden crossing")).status()).isEqualTo(204);
            }
        }
        JsonNode trends = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> as("border-police").get("/api/trends?nationality=BT").body(),
                body -> cell(body.get("documents"), "FALSE") != null
                        && cell(body.get("documents"), "FALSE").path("count").asLong() == 12);
        int k = trends.get("suppressionThreshold").asInt();
        assertThat(cell(trends.get("routes"), "BT>IN>GB").get("count").asLong()).isEqualTo(6);
        // the single case's route is withheld, and the next smallest with it (else 12 - 6 would give it away)
        assertThat(cell(trends.get("routes"), "BT>NP>GB").get("suppressed").asBoolean()).isTrue();
        assertThat(cell(trends.get("routes"), "BT>CN>GB").get("suppressed").asBoolean()).isTrue();
        assertThat(cell(trends.get("recruitmentMethods"), "THROUGH_ONLINE_SOCIAL_NETWORKS").get("count").asLong())
                .isEqualTo(12);
        assertThat(cell(trends.get("controlMethods"), "DEBT_BONDAGE").get("count").asLong()).isEqualTo(12);
        assertThat(cell(trends.get("exploitationSectors"), "SEXUAL").get("count").asLong()).isEqualTo(12);
        for (String breakdown : List.of("routes", "documents", "recruitmentMethods", "controlMethods",
                "exploitationSectors")) {
            for (JsonNode c : trends.get(breakdown)) {
                assertThat(c.get("nationality").asText()).isEqualTo("BT");
                if (!c.get("suppressed").asBoolean()) {
                    assertThat(c.get("count").asLong()).as(breakdown + " " + c).isGreaterThanOrEqualTo(k);
                } else {
                    assertThat(c.get("count").isNull()).isTrue();
                }
            }
        }
        assertThat(trends.toString()).doesNotContain("Pema", "Dorji", "Secret place", "Hidden crossing", NARRATIVE);
        // the whole view (every nationality) holds no small cell either
        JsonNode all = as("immigration-service").get("/api/trends").body();
        for (String breakdown : List.of("routes", "documents", "recruitmentMethods", "controlMethods",
                "exploitationSectors")) {
            for (JsonNode c : all.get(breakdown)) {
                assertThat(c.get("count").isNull() || c.get("count").asLong() >= k).as(c.toString()).isTrue();
            }
        }

        // the HTCDS export for a partner's agencies: the same figures in the standard's vocabulary
        Api.Response csv = as("prosecution-service").get("/api/trends/htcds?nationality=BT");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String text = csv.body().asText();
        assertThat(text).startsWith("period,prs_Citizenship,field,value,count");
        assertThat(text).contains(",BT,hte_Country,BT>IN>GB,6", ",BT,hte_Country,BT>NP>GB,",
                ",BT,vic_MethodOfRecruitment,ThroughOnlineSocialNetworks,12", ",BT,vic_MethodsOfControl,DebtBondage,12",
                ",BT,nrm_BorderCrossingDocuments,False,12", ",BT,vic_TypeOfExploitation,SexualExploitation,12");
        assertThat(text).doesNotContain("Secret place", "Dorji", "BT>NP>GB,1");

        // the journey per case: countries in clear for the agencies, places and dates sealed in the event store
        JsonNode criminalCase = as("police").get("/api/cases/" + oneCase + "/criminal-case").body();
        assertThat(criminalCase.get("journey").toString()).contains("RECRUITMENT", "BT", "EXPLOITATION", "GB");
        assertThat(criminalCase.get("borderCrossingDocuments").asText()).isEqualTo("FALSE");
        assertThat(criminalCase.toString()).doesNotContain("Secret place", "Hidden crossing");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND (convert_from(payload, 'UTF8') LIKE '%Secret place%' "
                + "OR convert_from(payload, 'UTF8') LIKE '%Hidden crossing%')", Integer.class, oneCase))
                .isZero();
        assertProblem(as("police").get("/api/trends?nationality=Bhutan"), 400, "field", "nationality");
    }

    private static JsonNode cell(JsonNode cells, String category) {
        for (JsonNode c : cells) {
            if (c.get("category").asText().equals(category)) {
                return c;
            }
        }
        return null;
    }
}
