package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.CaseFixtures;
import org.nrm.app.support.PageSession;
import org.nrm.app.support.PlatformTest;

/**
 * The pages of issue 17's figures: the trends view for law enforcement, border and immigration (linked from their
 * home page; period and nationality filter; suppressed cells shown as such; the HTCDS export), and oversight's
 * statistics page with the reports from the public and the prosecutions linked to identified victims.
 */
class TrendsAndProsecutionPagesTest extends PlatformTest {

    /** A period that cannot be read sends the download back to the page, which marks it: never a 500 (found from outside). */
    @Test
    void a_statistics_download_for_a_period_that_cannot_be_read_goes_back_to_the_page_which_marks_it() {
        PageSession rapporteur = signedIn("rapporteur");
        for (String query : List.of("from=abc&to=2026-12-31", "from=2026-12-31&to=2026-01-01",
                "from=0001-01-01&to=9999-12-31")) {
            HttpResponse<String> download = rapporteur.get("/statistics/csv?" + query);
            assertThat(download.statusCode()).as(query).isEqualTo(303);
            String location = download.headers().firstValue("Location").orElseThrow();
            assertThat(location).as(query).startsWith("/statistics?").doesNotContain("/csv");
            HttpResponse<String> page = rapporteur.get(location);
            assertThat(page.statusCode()).as(query).isEqualTo(400);
            assertThat(page.body()).as(query).contains("field-error");
        }
        HttpResponse<String> good = rapporteur.get("/statistics/csv");
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    }

    /** The trends' filters: what cannot be read is marked on the page, and the export goes back to it (found from outside). */
    @Test
    void the_trends_filters_mark_what_cannot_be_read_and_the_export_goes_back_to_the_page() {
        PageSession border = signedIn("border-police");
        HttpResponse<String> unassigned = border.get("/trends?nationality=ZZ");
        assertThat(unassigned.statusCode()).isEqualTo(400);
        assertThat(unassigned.body()).contains("Give a country code");
        for (String query : List.of("from=abc", "from=2026-13-01", "nationality=ZZ")) {
            HttpResponse<String> export = border.get("/trends/htcds?" + query);
            assertThat(export.statusCode()).as(query).isEqualTo(303);
            String location = export.headers().firstValue("Location").orElseThrow();
            assertThat(location).as(query).startsWith("/trends?");
            HttpResponse<String> page = border.get(location);
            assertThat(page.statusCode()).as(query).isEqualTo(400);
            assertThat(page.body()).as(query).contains("field-error");
        }
        HttpResponse<String> period = border.get("/trends?from=2026-12-31&to=2026-01-01");
        assertThat(period.statusCode()).isEqualTo(400);
        assertThat(period.body()).contains("between the years 1900 and 9999, its end after its start");
        assertThat(border.get("/trends/htcds").statusCode()).isEqualTo(200);
    }

    private PageSession signedIn(String user) {
        PageSession session = new PageSession(port);
        assertThat(session.signIn(user, "demo").statusCode()).isEqualTo(302);
        return session;
    }

    @Test
    void the_trends_page_shows_the_routes_of_a_nationality_with_small_cells_suppressed_and_links_the_htcds_export() {
        // a nationality no other test refers: 5 cases on one route, 2 and 3 on two others (withheld together they are
        // 5: had they been 1 and 1, their sum of 2 would say each is 1, and the route of five would be withheld too)
        Map<String, Integer> routes = Map.of("LS>ZA>GB", 5, "LS>MZ>GB", 2, "LS>BW>GB", 3);
        for (var route : routes.entrySet()) {
            for (int i = 0; i < route.getValue(); i++) {
                String caseId = refer(CriminalCaseTest.referralFrom("LS"));
                Api.Response journey = as("police").post("/api/cases/" + caseId + "/journey",
                        Map.of("legs", CriminalCaseTest.legs(route.getKey().split(">"))));
                assertThat(journey.status()).as(journey.toString()).isEqualTo(204);
            }
        }
        PageSession border = signedIn("border-police");
        assertThat(border.get("/").body()).contains("href=\"/trends\"");
        String page = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> border.get("/trends?nationality=ls").body(), body -> body.contains("LS&gt;ZA&gt;GB"));
        assertThat(page).contains("Routes (countries of recruitment, transit and exploitation)", "value=\"LS\"",
                "href=\"/trends/htcds?");
        // the route of five with its count, the two small ones named but suppressed: no count under 5 on the page
        assertThat(page).containsPattern("LS&gt;ZA&gt;GB</th>\\s*<td class=\"num\">5</td>");
        assertThat(page).containsPattern("LS&gt;MZ&gt;GB</th>\\s*<td class=\"num\">suppressed</td>");
        assertThat(page).containsPattern("LS&gt;BW&gt;GB</th>\\s*<td class=\"num\">suppressed</td>");
        assertThat(page).doesNotContainPattern("<td class=\"num\">[1-4]</td>");
        assertThat(page).doesNotContain("Secret place", "Pema", "Dorji");

        HttpResponse<String> csv = border.get("/trends/htcds?nationality=LS");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).contains("hte_Country", "LS>ZA>GB").doesNotContain("Secret place");

        // bad input: the form again with its message at the field
        HttpResponse<String> bad = border.get("/trends?nationality=Lesotho");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"nationality-error\"", "Give a country code of two letters");
        assertThat(border.get("/trends?from=2026-12-01&to=2026-01-01").statusCode()).isEqualTo(400);

        // immigration reads it too; a shelter or an NGO neither sees the link nor the page
        assertThat(signedIn("immigration-service").get("/trends").statusCode()).isEqualTo(200);
        PageSession shelter = signedIn("shelter-provider");
        assertThat(shelter.get("/").body()).doesNotContain("href=\"/trends\"");
        HttpResponse<String> refused = shelter.get("/trends");
        assertThat(refused.statusCode()).isIn(302, 403);
        assertThat(refused.body()).doesNotContain("LS&gt;ZA&gt;GB");
    }

    @Test
    void oversights_statistics_page_shows_public_reports_and_the_prosecutions_of_identified_victims() {
        // a year of its own: one identified victim with an investigation and a conviction, shown suppressed
        int year = LocalDate.now().getYear() - 9;
        CaseFixtures cases = new CaseFixtures(port);
        String caseId = cases.positive();
        assertThat(as("police").post("/api/cases/" + caseId + "/investigation", Map.of("reference", "P-9",
                "openedOn", LocalDate.of(year, 2, 1).toString(), "prosecutingAgency", "prosecution-service"))
                .status()).isEqualTo(204);
        Map<String, Object> convicted = new HashMap<>(Map.of("suspectsCharged", 1, "offence",
                "TRAFFICKING_IN_PERSONS", "verdict", "CONVICTED", "sentenceMonths", 30,
                "decidedOn", LocalDate.of(year, 11, 1).toString()));
        assertThat(as("prosecution-service").post("/api/cases/" + caseId + "/prosecution-outcome", convicted)
                .status()).isEqualTo(204);
        PageSession rapporteur = signedIn("rapporteur");
        assertThat(rapporteur.get("/").body()).contains("href=\"/statistics\"");
        String page = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> rapporteur
                .get("/statistics?from=" + year + "-01-01&to=" + year + "-12-31").body(),
                body -> body.contains("id=\"prosecutions-investigations\"") && body.contains("suppressed</td>"));
        assertThat(page).contains("Prosecutions linked to identified victims", "Investigations opened",
                "Convictions", "Sentences of the convictions", "Reports from the public", "Reports by channel",
                "Reports by campaign");
        String investigations = section(page, "prosecutions-investigations");
        assertThat(investigations).contains(String.valueOf(year), "Sexual", "suppressed")
                .doesNotContainPattern("<td class=\"num\">1</td>");
        assertThat(section(page, "prosecutions-sentences")).contains("suppressed");

        // the reports of the current quarter, by channel: a report from the web is counted under its channel
        Api.Response report = anonymous().post("/api/reports", Map.of("description", "Seen at the market",
                "channel", "WEB", "campaign", "BLUE-HEART-2026"), Map.of("X-Forwarded-For", "198.51.100.77"));
        assertThat(report.status()).isEqualTo(201);
        String quarter = rapporteur.get("/statistics").body();
        assertThat(section(quarter, "public-reports")).contains("Web", "BLUE-HEART-2026");
        for (String cell : List.of("1", "2", "3", "4")) {
            assertThat(section(quarter, "public-reports")).doesNotContain("<td class=\"num\">" + cell + "</td>");
        }
    }

    private static String section(String page, String id) {
        int at = page.indexOf("id=\"" + id + "\"");
        assertThat(at).as(id).isGreaterThan(0);
        int end = page.indexOf("</table>", at);
        int sectionEnd = page.indexOf("</section>", at);
        return page.substring(at, id.equals("public-reports") ? sectionEnd : end);
    }
}
