package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.projections.ViewTables;
import org.nrm.projections.oversight.Cell;
import org.nrm.projections.oversight.OversightStatistics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The published figures for a scripted set of cases in the first half of 2020 (a period no other test touches),
 * computed by hand; suppression threshold 5 (the demo's), and another jurisdiction's threshold on the same cases.
 *
 * <ul>
 *   <li>7 adult women from VN, sexual exploitation at home, referred by police on 15 Jan; reasonable grounds positive
 *   5 days later; 5 of them recognised (conclusive positive) on 15 Mar, 60 days after referral</li>
 *   <li>3 adult men from RO, forced labour abroad, referred by the labour inspectorate on 10 Apr; negative decision
 *   2 days later; all three ask for a reconsideration (new evidence): 2 overturned, 1 upheld</li>
 *   <li>6 children from GB (3 girls, 3 boys), forced criminality at home, referred by police on 1 May; positive
 *   4 days later, each after a breached deadline; none decided conclusively yet</li>
 *   <li>2 anonymous notifications in February, and 1 referral on 31 Dec 2019 (outside the period)</li>
 * </ul>
 */
class OversightStatisticsTest extends PlatformTest {

    private static final String PERIOD = "from=2020-01-01&to=2020-07-01";

    private void insert(String id, String gender, boolean child, String nationality, String type, String location,
                        String agency, Instant referred, String rg, Instant rgAt, String cg, Instant cgAt,
                        boolean notification) {
        jdbc.update("INSERT INTO case_view (case_id, reference, stage, child, foreign_national, referring_agency, "
                        + "referred_at, gender, age_group, nationality, exploitation_types, exploitation_location, "
                        + "reasonable_grounds, reasonable_grounds_decided_at, conclusive_grounds, "
                        + "conclusive_grounds_decided_at, anonymous_notification, last_event_index, updated_at) "
                        + "VALUES (?, ?, 'SUPPORT', ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, now()) "
                        + "ON CONFLICT (case_id) DO NOTHING",
                id, id, child, agency, ts(referred), gender, child ? "CHILD" : "ADULT", nationality,
                new String[] {type}, location, rg, ts(rgAt), cg, ts(cgAt), notification);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant day(String date) {
        return Instant.parse(date + "T10:00:00Z");
    }

    @BeforeEach
    void scriptedCases() {
        for (int i = 0; i < 7; i++) {
            insert("stat-vn-" + i, "FEMALE", false, "VN", "SEXUAL", "DOMESTIC", "police", day("2020-01-15"),
                    "POSITIVE", day("2020-01-20"), i < 5 ? "POSITIVE" : null, i < 5 ? day("2020-03-15") : null, false);
        }
        for (int i = 0; i < 3; i++) {
            insert("stat-ro-" + i, "MALE", false, "RO", "FORCED_LABOUR", "OVERSEAS", "labour-inspectorate",
                    day("2020-04-10"), "NEGATIVE", day("2020-04-12"), null, null, false);
            jdbc.update("INSERT INTO reconsideration_fact (case_id, requested_at, decision, ground, requesting_agency, "
                            + "outcome, decided_at) VALUES (?, ?, 'REASONABLE_GROUNDS', 'NEW_EVIDENCE', 'ngo-outreach', ?, ?) "
                            + "ON CONFLICT DO NOTHING", "stat-ro-" + i, ts(day("2020-04-20")),
                    i < 2 ? "OVERTURNED" : "UPHELD", ts(day("2020-05-01")));
        }
        for (int i = 0; i < 6; i++) {
            insert("stat-gb-" + i, i < 3 ? "FEMALE" : "MALE", true, "GB", "FORCED_CRIMINALITY", "DOMESTIC", "police",
                    day("2020-05-01"), "POSITIVE", day("2020-05-05"), null, null, false);
            jdbc.update("INSERT INTO deadline_breach_fact (case_id, task_key, due_at, recorded_at) VALUES (?, "
                    + "'reasonable-grounds-decision', ?, ?) ON CONFLICT DO NOTHING", "stat-gb-" + i,
                    ts(day("2020-05-04")), ts(day("2020-05-04").plus(1, ChronoUnit.HOURS)));
        }
        insert("stat-note-1", "FEMALE", false, "NG", "SEXUAL", "DOMESTIC", "police", day("2020-02-01"), null, null,
                null, null, true);
        insert("stat-note-2", "FEMALE", false, "NG", "SEXUAL", "DOMESTIC", "police", day("2020-02-02"), null, null,
                null, null, true);
        insert("stat-before", "MALE", false, "AL", "BEGGING", "DOMESTIC", "police", day("2019-12-31"), null, null,
                null, null, false);
    }

    private static String cells(JsonNode breakdown) {
        StringBuilder out = new StringBuilder();
        for (JsonNode cell : breakdown) {
            out.append(cell.get("category").asText()).append('=')
                    .append(cell.get("suppressed").asBoolean() ? "*" : cell.get("count").asText()).append(' ');
        }
        return out.toString().trim();
    }

    @Test
    void referrals_are_broken_down_with_small_cells_suppressed_and_protected() {
        JsonNode stats = as("rapporteur").get("/api/oversight/statistics?" + PERIOD).body();
        JsonNode referrals = stats.get("referrals");
        assertThat(stats.get("suppressionThreshold").asInt()).isEqualTo(5);
        assertThat(referrals.get("total").get("count").asLong()).isEqualTo(16);
        assertThat(cells(referrals.get("byQuarter"))).isEqualTo("2020-Q1=7 2020-Q2=9");
        assertThat(cells(referrals.get("bySex"))).isEqualTo("FEMALE=10 MALE=6");
        // RO (3) is too small; GB (6), the next smallest, is withheld too so that the total does not reveal RO
        assertThat(cells(referrals.get("byNationality"))).isEqualTo("GB=* RO=* VN=7");
        assertThat(cells(referrals.get("byAgeGroupAtReferral"))).isEqualTo("ADULT=10 CHILD=6");
        // the adults' types add up to the adults (10): FORCED_LABOUR/ADULT (3) is too small and SEXUAL/ADULT (7) is
        // withheld with it, or 10 - 7 would give it away; the children's one type may show, as their age group does
        assertThat(cells(referrals.get("byExploitationTypeAndAgeGroup")))
                .isEqualTo("FORCED_CRIMINALITY/CHILD=6 FORCED_LABOUR/ADULT=* SEXUAL/ADULT=*");
        assertThat(cells(referrals.get("byExploitationLocation"))).isEqualTo("DOMESTIC=* OVERSEAS=*");
        assertThat(cells(referrals.get("byReferringAgency"))).isEqualTo("labour-inspectorate=* police=*");
        assertThat(stats.get("anonymousNotifications").get("suppressed").asBoolean()).isTrue();
        assertThat(stats.get("anonymousNotifications").get("count").isNull()).isTrue();
    }

    @Test
    void decisions_backlog_and_decision_times_are_published() {
        JsonNode stats = as("rapporteur").get("/api/oversight/statistics?" + PERIOD).body();
        JsonNode rg = stats.get("reasonableGrounds");
        assertThat(rg.get("decisions").get("count").asLong()).isEqualTo(16);
        assertThat(cells(rg.get("byOutcome"))).isEqualTo("POSITIVE=* NEGATIVE=*");
        assertThat(rg.get("positiveRate").isNull()).isTrue();
        // withheld, not missing: 13 of 16 would give the 3 negative decisions away
        assertThat(rg.get("positiveRateSuppressed").asBoolean()).isTrue();
        JsonNode cg = stats.get("conclusiveGrounds");
        assertThat(cg.get("decisions").get("count").asLong()).isEqualTo(5);
        assertThat(cells(cg.get("byOutcome"))).isEqualTo("POSITIVE=5 NEGATIVE=0");
        assertThat(cg.get("positiveRate").asDouble()).isEqualTo(1.0);
        assertThat(cg.get("positiveRateSuppressed").asBoolean()).isFalse();
        // 8 still wait; with the 5 recognised that would make 13 positive decisions and, from the 16, the 3 negative
        // ones withheld above: the backlog is withheld with them (found from outside)
        assertThat(stats.get("backlogAwaitingConclusiveGrounds").get("suppressed").asBoolean()).isTrue();
        assertThat(stats.get("backlogAwaitingConclusiveGrounds").get("count").isNull()).isTrue();

        // a later quarter with no decisions of its own: its backlog (2 of January's, 6 of May's) would give May's
        // withheld positive decisions away, and from them the negative ones; it is withheld with them (found from
        // outside), in every later period while those cases still wait
        for (String later : List.of("from=2020-07-01&to=2020-10-01", "from=2020-07-01&to=2020-07-02",
                "from=2021-01-01&to=2021-04-01")) {
            JsonNode backlog = as("rapporteur").get("/api/oversight/statistics?" + later).body()
                    .get("backlogAwaitingConclusiveGrounds");
            assertThat(backlog.get("suppressed").asBoolean()).as(later).isTrue();
            assertThat(backlog.get("count").isNull()).as(later).isTrue();
        }
        // on 1 March the five recognised on 15 March were still waiting too (counted through their later decision)
        // February had no decisions; its backlog holds January's, published in full (7 positive, 0 negative): shown
        assertThat(as("rapporteur").get("/api/oversight/statistics?from=2020-02-01&to=2020-03-01").body()
                .get("backlogAwaitingConclusiveGrounds").get("count").asLong()).isEqualTo(7);
        assertThat(as("rapporteur").get("/api/oversight/statistics?from=2020-01-01&to=2020-03-01").body()
                .get("backlogAwaitingConclusiveGrounds").get("count").asLong()).isEqualTo(7);

        JsonNode rgTimes = stats.get("decisionTimesDays").get("reasonableGrounds");
        assertThat(rgTimes.get("decisions").asLong()).isEqualTo(16);
        assertThat(rgTimes.get("median").asDouble()).isEqualTo(4.0);
        assertThat(rgTimes.get("p90").asDouble()).isEqualTo(5.0);
        JsonNode cgTimes = stats.get("decisionTimesDays").get("conclusiveGrounds");
        assertThat(cgTimes.get("median").asDouble()).isEqualTo(60.0);
        assertThat(cgTimes.get("p90").asDouble()).isEqualTo(60.0);
    }

    @Test
    void reconsiderations_and_deadline_breaches_are_counted_and_suppressed_when_small() {
        JsonNode stats = as("rapporteur").get("/api/oversight/statistics?" + PERIOD).body();
        JsonNode reconsiderations = stats.get("reconsiderations");
        assertThat(reconsiderations.get("requested").get("suppressed").asBoolean()).isTrue();
        assertThat(reconsiderations.get("overturned").get("suppressed").asBoolean()).isTrue();
        assertThat(reconsiderations.get("overturnRate").isNull()).isTrue();
        assertThat(reconsiderations.get("overturnRateSuppressed").asBoolean()).isTrue();
        assertThat(stats.get("deadlineBreaches").get("total").get("count").asLong()).isEqualTo(6);
        assertThat(cells(stats.get("deadlineBreaches").get("byTask"))).isEqualTo("reasonable-grounds-decision=6");

        JsonNode q2 = as("rapporteur").get("/api/oversight/statistics?from=2020-04-01&to=2020-07-01").body();
        assertThat(q2.get("referrals").get("total").get("count").asLong()).isEqualTo(9);
        // 3 girls and 6 men or boys: with the total (9) published, MALE=6 would give FEMALE=3 away, so both are withheld
        assertThat(cells(q2.get("referrals").get("bySex"))).isEqualTo("FEMALE=* MALE=*");
    }

    @Test
    void the_figures_download_as_csv() {
        Api.Response csv = as("rapporteur").get("/api/oversight/statistics?" + PERIOD + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String text = csv.body().asText();
        assertThat(text).startsWith("section,category,count,suppressed,value\r\n")
                .contains("referrals.byNationality,VN,7,false,\r\n")
                .contains("referrals.byNationality,RO,,true,\r\n")
                .contains("backlogAwaitingConclusiveGrounds,total,,true,\r\n")
                .contains("\r\nreasonableGrounds.positiveRate,,,true,\r\n")
                .doesNotContain("positiveRateSuppressed")
                // the period and the threshold are values, not counts
                .contains("\r\nfrom,,,false,20").contains("suppressionThreshold,,,false,");
        // every count is a whole number: a spreadsheet summing the column sums counts
        for (String line : text.split("\r\n")) {
            String[] cells = line.split(",", -1);
            if (cells.length == 5 && !line.startsWith("section,") && !line.contains("\"")) {
                assertThat(cells[2]).as(line).matches("\\d*");
            }
        }
        assertThat(as("rapporteur").get("/api/oversight/statistics?" + PERIOD + "&format=json").contentType())
                .startsWith("application/json");
        // a format the platform does not publish is named, not answered with JSON
        Api.Response xml = as("rapporteur").get("/api/oversight/statistics?" + PERIOD + "&format=xml");
        assertThat(xml.status()).as(xml.toString()).isEqualTo(400);
        assertThat(xml.body().get("field").asText()).isEqualTo("format");
    }

    @Test
    void a_period_is_whole_days_never_moments_that_two_periods_could_subtract_to_one_person() {
        for (String bound : List.of("from=2020-01-01T10:00:00Z&to=2020-07-01", "from=2020-01-01&to=2020-07-01T10:00:00.040Z")) {
            Api.Response moment = as("rapporteur").get("/api/oversight/statistics?" + bound);
            assertThat(moment.status()).as(bound).isEqualTo(400);
            assertThat(moment.body().get("field").asText()).isEqualTo(bound.contains("T10:00:00Z") ? "from" : "to");
            assertThat(moment.body().get("detail").asText()).contains("whole days");
        }
        // the trends count whole quarters: a period that starts or ends within one widens to it
        JsonNode trends = as("police").get("/api/trends?from=2020-05-01&to=2020-05-02").body();
        assertThat(trends.get("from").asText()).isEqualTo("2020-04-01T00:00:00Z");
        assertThat(trends.get("to").asText()).isEqualTo("2020-07-01T00:00:00Z");
        assertThat(as("police").get("/api/trends?from=2020-04-01&to=2020-07-01").body().get("routes"))
                .isEqualTo(trends.get("routes"));
        assertThat(as("police").get("/api/trends?from=2020-01-01T00:00:00Z&to=2020-07-01").status()).isEqualTo(400);
    }

    @Test
    void a_period_must_be_given_and_run_forwards() {
        Api.Response missing = as("rapporteur").get("/api/oversight/statistics?from=2020-01-01");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("field").asText()).isEqualTo("to");
        // a bound that is wrong is named before the one that is missing
        Api.Response wrongAndAlone = as("rapporteur").get("/api/oversight/statistics?from=2026-13-01");
        assertThat(wrongAndAlone.status()).isEqualTo(400);
        assertThat(wrongAndAlone.body().get("field").asText()).isEqualTo("from");
        assertThat(wrongAndAlone.body().get("detail").asText()).contains("ISO date");
        Api.Response backwards = as("rapporteur").get("/api/oversight/statistics?from=2020-07-01&to=2020-01-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(as("police-lead").get("/api/oversight/statistics?" + PERIOD).status()).isEqualTo(403);
    }

    @Autowired
    ViewTables tables;

    /** The figures of the period as an installation configured with {@code properties} publishes them. */
    private Map<String, Object> publishedWith(String... properties) {
        var figures = new java.util.concurrent.atomic.AtomicReference<Map<String, Object>>();
        new ApplicationContextRunner().withPropertyValues(properties)
                .withBean(JdbcTemplate.class, () -> jdbc).withBean(ViewTables.class, () -> tables)
                .withUserConfiguration(OversightStatistics.class)
                .run(context -> figures.set(context.getBean(OversightStatistics.class)
                        .between(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-07-01T00:00:00Z"))));
        return figures.get();
    }

    @SuppressWarnings("unchecked")
    private static String cells(Map<String, Object> figures, String breakdown) {
        return ((List<Cell>) ((Map<String, Object>) figures.get("referrals")).get(breakdown)).stream()
                .map(c -> c.category() + "=" + (c.suppressed() ? "*" : c.count())).collect(Collectors.joining(" "));
    }

    @Test
    void another_jurisdictions_threshold_suppresses_other_cells() {
        // the demo's threshold (5) withholds RO (3) and, to protect it, GB (6)
        assertThat(cells(as("rapporteur").get("/api/oversight/statistics?" + PERIOD).body().get("referrals")
                .get("byNationality"))).isEqualTo("GB=* RO=* VN=7");

        Map<String, Object> three = publishedWith("nrm.jurisdiction.suppression-threshold=3");
        assertThat(three.get("suppressionThreshold")).isEqualTo(3);
        assertThat(cells(three, "byNationality")).isEqualTo("GB=6 RO=3 VN=7");
        assertThat(cells(three, "bySex")).isEqualTo("FEMALE=10 MALE=6");

        Map<String, Object> eight = publishedWith("nrm.jurisdiction.suppression-threshold=8");
        assertThat(cells(eight, "byNationality")).isEqualTo("GB=* RO=* VN=*");
        // MALE (6) is under 8, and FEMALE is withheld with it so that the total does not give it away
        assertThat(cells(eight, "bySex")).isEqualTo("FEMALE=* MALE=*");

        // the older key still counts where the jurisdiction names no threshold, and the jurisdiction's wins
        assertThat(publishedWith("nrm.oversight.suppression-threshold=3").get("suppressionThreshold")).isEqualTo(3);
        assertThat(publishedWith("nrm.oversight.suppression-threshold=3", "nrm.jurisdiction.suppression-threshold=4")
                .get("suppressionThreshold")).isEqualTo(4);
        assertThat(publishedWith().get("suppressionThreshold")).isEqualTo(5);
    }
}
