package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;

/** The case page's consent section: the records for who sees the case, the forms only for who may take consent. */
class ConsentPageTest extends PlatformTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    private static String session(HttpResponse<?> response, String before) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID"))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(before);
    }

    /** Signs in through the sign-in form and returns the session cookie. */
    private String signIn(String user) throws Exception {
        HttpResponse<String> login = send(at("/login"));
        String cookie = session(login, null);
        HttpResponse<String> signedIn = send(at("/login").header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf="
                        + URLEncoder.encode(csrf(login.body()), StandardCharsets.UTF_8))));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return session(signedIn, cookie);
    }

    @Test
    void the_case_page_lists_the_consents_and_offers_the_forms_only_to_who_may_take_consent() throws Exception {
        String caseId = refer(referralOfAdult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        String police = signIn("police");

        HttpResponse<String> page = send(at("/cases/" + caseId).header("Cookie", police));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"consents-heading\"")
                .contains("action=\"/cases/" + caseId + "/consents\"")
                .contains("/cases/" + caseId + "/consents/REFERRAL/withdrawal");

        HttpResponse<String> given = send(at("/cases/" + caseId + "/consents").header("Cookie", police)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scopes=HANDOVER_ABROAD&_csrf="
                        + URLEncoder.encode(csrf(page.body()), StandardCharsets.UTF_8))));
        assertThat(given.statusCode()).isEqualTo(302);
        assertThat(as("police").get("/api/cases/" + caseId).body().get("consents").get("records")
                .findValuesAsText("scope")).contains("HANDOVER_ABROAD");
        HttpResponse<String> after = send(at("/cases/" + caseId).header("Cookie", police));
        assertThat(after.body()).contains("/cases/" + caseId + "/consents/HANDOVER_ABROAD/withdrawal");

        // a closed case: the records stay readable, no form is offered
        assertThat(as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "LOST_CONTACT", "reason", "No contact")).status()).isEqualTo(204);
        HttpResponse<String> closed = send(at("/cases/" + caseId).header("Cookie", police));
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(closed.body()).contains("id=\"consents-heading\"")
                .doesNotContain("action=\"/cases/" + caseId + "/consents\"")
                .doesNotContain("/consents/HANDOVER_ABROAD/withdrawal");
        // an agency not involved gets no page, and no consent can be posted by it
        String ngo = signIn("ngo-outreach");
        assertThat(send(at("/cases/" + caseId).header("Cookie", ngo)).statusCode()).isEqualTo(404);
    }
}
