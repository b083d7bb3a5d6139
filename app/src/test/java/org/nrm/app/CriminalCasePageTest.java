package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PageSession;
import org.nrm.app.support.PlatformTest;

/**
 * The criminal case as a page (issue 17): police open the investigation from the case page's link, record the
 * cooperation; the prosecution the investigation names finds it in its criminal cases and records the outcome; each
 * form only for who may use it; bad input shows the form again with the message at the field and stores nothing; the
 * page shows the facts, never the person's narrative nor (without consent to share) their name.
 */
class CriminalCasePageTest extends PlatformTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    private PageSession signedIn(String user) {
        PageSession session = new PageSession(port);
        assertThat(session.signIn(user, "demo").statusCode()).isEqualTo(302);
        return session;
    }

    @Test
    void police_and_prosecution_record_the_criminal_case_from_its_page_and_read_its_facts_never_the_narrative() {
        String caseId = refer(referralOfAdult());
        String page = "/cases/" + caseId + "/criminal-case";
        PageSession police = signedIn("police");
        String casePage = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> police.get("/cases/" + caseId), r -> r.statusCode() == 200).body();
        assertThat(casePage).contains("href=\"" + page + "\"");
        String empty = police.get(page).body();
        assertThat(empty).contains("No investigation recorded.", "action=\"" + page + "/investigation\"")
                .doesNotContain(page + "/cooperation", page + "/outcome");

        int before = storedEvents(caseId);
        HttpResponse<String> blank = police.post(page + "/investigation", Map.of("reference", " ",
                "openedOn", TODAY.toString(), "prosecutingAgency", "prosecution-service"));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("id=\"investigation-reference-error\"");
        HttpResponse<String> future = police.post(page + "/investigation", Map.of("reference", "OP-P/1",
                "openedOn", TODAY.plusDays(2).toString()));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("id=\"investigation-openedOn-error\"", "This day lies in the future.");
        HttpResponse<String> notProsecution = police.post(page + "/investigation", Map.of("reference", "OP-P/1",
                "openedOn", TODAY.toString(), "prosecutingAgency", "police"));
        assertThat(notProsecution.statusCode()).isEqualTo(400);
        assertThat(notProsecution.body()).contains("id=\"investigation-prosecutingAgency-error\"");
        assertThat(storedEvents(caseId)).as("nothing stored by bad input").isEqualTo(before);

        HttpResponse<String> opened = police.post(page + "/investigation", Map.of("reference", "OP-P/1",
                "openedOn", TODAY.minusDays(3).toString(), "prosecutingAgency", "prosecution-service"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
        String withInvestigation = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> police.get(page).body(), body -> body.contains("OP-P/1"));
        assertThat(withInvestigation).contains(page + "/cooperation", page + "/witness-protection")
                .doesNotContain(page + "/outcome", page + "/investigation\"");
        assertThat(police.post(page + "/cooperation", Map.of("status", "MAYBE")).statusCode()).isEqualTo(400);
        assertThat(police.post(page + "/cooperation", Map.of("status", "COOPERATING")).statusCode()).isEqualTo(302);
        HttpResponse<String> noMeasure = police.post(page + "/witness-protection", Map.of("notes", "Afraid"));
        assertThat(noMeasure.statusCode()).isEqualTo(400);
        assertThat(noMeasure.body()).contains("id=\"protection-measures-error\"", "Choose at least one measure.");
        // notes the API refuses (a control character, too long) are refused next to the notes, found from outside
        for (String notes : List.of("a\u001bb", "n".repeat(20_000))) {
            HttpResponse<String> badNotes = police.post(page + "/witness-protection",
                    List.of(Map.entry("measures", "ANONYMITY"), Map.entry("notes", notes)));
            assertThat(badNotes.statusCode()).isEqualTo(400);
            assertThat(badNotes.body()).contains("id=\"protection-notes-error\"");
        }
        assertThat(police.post(page + "/witness-protection", List.of(Map.entry("measures", "ANONYMITY"),
                Map.entry("measures", "VIDEO_TESTIMONY"), Map.entry("notes", "Fears the recruiter's cousin")))
                .statusCode()).isEqualTo(302);
        // police may not record the outcome: the prosecution's
        assertThat(police.post(page + "/outcome", Map.of("suspectsCharged", "1")).statusCode()).isEqualTo(404);

        // the prosecution, named by the investigation, finds it from its home page
        PageSession prosecution = signedIn("prosecution-service");
        assertThat(prosecution.get("/").body()).contains("href=\"/criminal-cases\"");
        String list = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> prosecution.get("/criminal-cases").body(), body -> body.contains(page));
        assertThat(list).contains("OP-P/1");
        String read = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> prosecution.get(page).body(),
                body -> body.contains("Cooperating") && body.contains("Video testimony"));
        assertThat(read).contains("action=\"" + page + "/outcome\"", "Sexual", "VN",
                "name is withheld")
                .doesNotContain("nail bar", "tip-off", "Nguyen", "recruiter");
        assertThat(prosecution.get("/cases/" + caseId).statusCode()).as("not the person's case").isEqualTo(404);
        before = storedEvents(caseId);
        HttpResponse<String> wrong = prosecution.post(page + "/outcome", Map.of("suspectsCharged", "two",
                "offence", "TRAFFICKING_IN_PERSONS", "verdict", "CONVICTED", "compensationOrdered", "500"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("id=\"outcome-suspectsCharged-error\"", "id=\"outcome-currency-error\"");
        assertThat(storedEvents(caseId)).isEqualTo(before);
        HttpResponse<String> decided = prosecution.post(page + "/outcome", Map.of("suspectsCharged", "2",
                "offence", "TRAFFICKING_IN_PERSONS", "verdict", "CONVICTED", "sentenceMonths", "48",
                "compensationOrdered", "2500", "currency", "gbp", "decidedOn", TODAY.toString()));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
        String after = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> prosecution.get(page).body(),
                body -> body.contains("Convicted"));
        assertThat(after).contains("2500", "GBP").doesNotContain("action=\"" + page + "/outcome\"");

        // no criminal case for a shelter, nor for law enforcement not involved
        assertThat(signedIn("shelter-provider").get(page).statusCode()).isIn(403, 404);
        assertThat(signedIn("border-police").get(page).statusCode()).isEqualTo(404);
    }
}
