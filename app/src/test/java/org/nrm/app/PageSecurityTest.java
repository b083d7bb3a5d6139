package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;

/** The pages' session and headers, and the API staying stateless beside them. */
class PageSecurityTest extends PlatformTest {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    @Test
    void pages_send_a_content_security_policy_without_inline_scripts_and_an_http_only_same_site_session_cookie()
            throws Exception {
        HttpResponse<String> login = send(at("/login"));
        assertThat(login.statusCode()).isEqualTo(200);
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(login.body()).contains("name=\"_csrf\"").contains("name=\"username\"").contains("name=\"password\"");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID"))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(login.body()).doesNotContain("jsessionid");
    }

    @Test
    void a_sign_in_without_the_csrf_token_is_refused_and_a_page_without_a_session_sends_to_the_sign_in()
            throws Exception {
        HttpResponse<String> forged = send(at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=police&password=demo")));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> home = send(at("/"));
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void the_api_stays_stateless_with_http_basic_and_answers_the_current_quarter_without_a_period() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("rapporteur:demo".getBytes());
        HttpResponse<String> stats = send(at("/api/oversight/statistics").header("Authorization", basic));
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.headers().allValues("Set-Cookie")).isEmpty();
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.body());
        java.time.Instant from = java.time.Instant.parse(body.get("from").asText());
        java.time.Instant to = java.time.Instant.parse(body.get("to").asText());
        java.time.Instant now = java.time.Instant.now();
        assertThat(from).isBefore(now);
        assertThat(to).isAfter(now);
        assertThat(java.time.LocalDate.ofInstant(from, java.time.ZoneOffset.UTC).getDayOfMonth()).isEqualTo(1);
        assertThat(java.time.LocalDate.ofInstant(from, java.time.ZoneOffset.UTC).getMonthValue() % 3).isEqualTo(1);
        assertThat(java.time.LocalDate.ofInstant(from, java.time.ZoneOffset.UTC).plusMonths(3))
                .isEqualTo(java.time.LocalDate.ofInstant(to, java.time.ZoneOffset.UTC));
        HttpResponse<String> page = send(at("/").header("Authorization", basic));
        assertThat(page.statusCode()).as("pages do not take HTTP Basic").isEqualTo(302);
    }
    @Test
    void a_browser_on_a_page_that_does_not_exist_gets_the_pages_not_found_and_api_clients_keep_the_apis_answers()
            throws Exception {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        var session = new org.nrm.app.support.PageSession(port, java.util.Map.of("Accept", browser));
        assertThat(session.signIn("police", "demo").statusCode()).isEqualTo(302);
        HttpResponse<String> stale = session.get("/no-such-page/at-all");
        assertThat(stale.statusCode()).as("signed in, a stale link").isEqualTo(404);
        assertThat(stale.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(stale.body()).contains("This page does not exist").contains("Sign out");
        HttpResponse<String> unknownCase = session.get("/cases/no-such-case");
        assertThat(unknownCase.statusCode()).as("a case the agency may not see").isEqualTo(404);
        assertThat(unknownCase.body()).as("the error page in the page's frame").contains("This page does not exist")
                .contains("Sign out").contains("href=\"/inbox\"");

        HttpResponse<String> signedOut = send(at("/no-such-page").header("Accept", browser));
        assertThat(signedOut.statusCode()).as("signed out, sent to sign in").isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        HttpResponse<String> client = send(at("/no-such-page"));
        assertThat(client.statusCode()).as("an API client, no credentials").isEqualTo(401);
        assertThat(client.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        HttpResponse<String> api = send(at("/api/no-such-endpoint").header("Accept", browser));
        assertThat(api.statusCode()).as("the API is never a page, whatever the client accepts").isEqualTo(401);
        String basic = "Basic " + Base64.getEncoder().encodeToString("police:demo".getBytes());
        HttpResponse<String> missing = send(at("/api/no-such-endpoint").header("Authorization", basic));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void the_rapporteur_is_refused_the_case_page_and_pointed_to_the_cases_audit_view() {
        String caseId = refer(referralOfAdult());
        var rapporteur = new org.nrm.app.support.PageSession(port);
        rapporteur.signIn("rapporteur", "demo");
        var denied = rapporteur.get("/cases/" + caseId);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("id=\"audit-link\"").contains("href=\"/audit/cases/" + caseId + "\"")
                .doesNotContain("Nguyen");
        var audit = rapporteur.get("/audit/cases/" + caseId);
        assertThat(audit.statusCode()).isEqualTo(200);
        // another role refused a page is not pointed to the audit view it may not open either
        var shelter = new org.nrm.app.support.PageSession(port);
        shelter.signIn("shelter-provider", "demo");
        var refused = shelter.get("/statistics");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("audit-link");
    }
}
