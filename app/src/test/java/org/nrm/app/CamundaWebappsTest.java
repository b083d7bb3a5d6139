package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;

/**
 * Camunda's webapps over HTTP, as a browser uses them: Cockpit's page and plugin scripts load without the platform's
 * credentials, the {@code admin} of the engine's identity service signs in through Camunda's own login (with
 * Camunda's CSRF token) and sees both processes with their diagrams and the running instances; the platform's users
 * cannot sign in there, and neither they nor Basic credentials reach the engine's REST API.
 */
class CamundaWebappsTest extends PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENGINE = "/camunda/api/engine/engine/default";

    @Test
    void cockpitPageAndPluginScriptsLoadWithoutPlatformCredentials() {
        Browser browser = new Browser();

        HttpResponse<String> page = browser.get("/camunda/app/cockpit/default/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Camunda Cockpit</title>");

        for (String plugin : List.of("/camunda/api/cockpit/plugin/cockpitPlugins/static/app/plugin.js",
                "/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js",
                "/camunda/api/admin/plugin/adminPlugins/static/app/plugin.js")) {
            HttpResponse<String> script = browser.get(plugin);
            assertThat(script.statusCode()).as(plugin).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type").orElse("")).as(plugin).contains("javascript");
            assertThat(script.body()).as(plugin).isNotBlank();
        }

        // asked for by Cockpit on a first visit: never the API's Basic challenge (a browser would pop up a dialog)
        HttpResponse<String> welcome = browser.get("/camunda-welcome");
        assertThat(welcome.statusCode()).isNotEqualTo(401);
        assertThat(welcome.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    /**
     * Each webapp loads its plugins through RequireJS, which gives up after 7 s by default and leaves the app a
     * spinner for ever (on a busy machine Cockpit's plugins took longer: the sign-in form never came). The platform's
     * {@code scripts/config.js} of each app, loaded before the plugins, turns that timeout off.
     */
    @Test
    void eachWebappWaitsForItsPluginScriptsAsLongAsTheyTake() {
        Browser browser = new Browser();
        for (String app : List.of("cockpit", "tasklist", "admin")) {
            HttpResponse<String> config = browser.get("/camunda/app/" + app + "/scripts/config.js?bust=1");
            assertThat(config.statusCode()).as(app).isEqualTo(200);
            assertThat(config.body()).as(app).contains("window.require.config({ waitSeconds: 0 })")
                    .contains("export default");
        }
    }

    @Test
    void adminSignsInToCockpitAndSeesBothProcessesWithTheirDiagramsAndRunningInstances() throws IOException {
        refer(referralOfAdult());
        Browser admin = new Browser();
        admin.get("/camunda/app/cockpit/default/");

        HttpResponse<String> login = admin.login("cockpit", "admin", "demo");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        JsonNode signedIn = JSON.readTree(login.body());
        assertThat(signedIn.get("userId").asText()).isEqualTo("admin");
        assertThat(texts(signedIn.get("authorizedApps"))).contains("cockpit", "tasklist", "admin");

        HttpResponse<String> definitions = admin.get(ENGINE + "/process-definition?latestVersion=true");
        assertThat(definitions.statusCode()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        for (JsonNode definition : JSON.readTree(definitions.body())) {
            keys.add(definition.get("key").asText());
            HttpResponse<String> xml = admin.get(ENGINE + "/process-definition/" + definition.get("id").asText()
                    + "/xml");
            assertThat(xml.statusCode()).isEqualTo(200);
            String bpmn = JSON.readTree(xml.body()).get("bpmn20Xml").asText();
            assertThat(bpmn).as(definition.get("key").asText())
                    .contains("<bpmndi:BPMNDiagram", "<bpmndi:BPMNShape", "<bpmndi:BPMNEdge");
        }
        assertThat(keys).contains("national-referral-mechanism", "domain-event-correlation");

        // Cockpit's dashboard figures (its own plugin API) and the running instances
        HttpResponse<String> statistics = admin.get(
                "/camunda/api/cockpit/plugin/base/default/process-definition/statistics");
        assertThat(statistics.statusCode()).isEqualTo(200);
        assertThat(statistics.body()).contains("national-referral-mechanism");
        HttpResponse<String> running = admin.get(
                ENGINE + "/process-instance/count?processDefinitionKey=national-referral-mechanism");
        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(running.body()).get("count").asLong()).isPositive();

        // and signs in to Tasklist and Admin from their own pages
        for (String app : List.of("tasklist", "admin")) {
            Browser browser = new Browser();
            assertThat(browser.get("/camunda/app/" + app + "/default/").statusCode()).isEqualTo(200);
            HttpResponse<String> signIn = browser.login(app, "admin", "demo");
            assertThat(signIn.statusCode()).as(app + ": " + signIn.body()).isEqualTo(200);
            assertThat(browser.get("/camunda/api/admin/auth/user/default").body()).contains("\"userId\":\"admin\"");
        }
    }

    @Test
    void camundaLoginKeepsItsCsrfProtection() {
        Browser browser = new Browser();
        browser.get("/camunda/app/cockpit/default/");

        HttpResponse<String> withoutToken = browser.send(HttpRequest.newBuilder(browser.uri(
                        "/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=demo")));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
        assertThat(browser.get(ENGINE + "/process-definition").statusCode()).isEqualTo(401);
    }

    @Test
    void thePlatformsUsersCannotSignInToCamundasWebapps() {
        for (String user : List.of("police", "competent-authority-lead", "rapporteur")) {
            for (String app : List.of("cockpit", "tasklist", "admin")) {
                Browser browser = new Browser();
                browser.get("/camunda/app/" + app + "/default/");
                assertThat(browser.login(app, user, "demo").statusCode()).as(user + " in " + app).isEqualTo(401);
                assertThat(browser.get(ENGINE + "/process-definition").statusCode()).isEqualTo(401);
            }
        }
    }

    @Test
    void theEngineRestApiIsClosedToCaseWorkersAndToBasicCredentials() {
        for (String user : List.of("police", "competent-authority", "shelter-provider-lead", "rapporteur")) {
            int status = as(user).get("/engine-rest/process-definition").status();
            // not exposed at all: an unknown path (404) for a signed-in user, or refused
            assertThat(status).as(user).isIn(401, 403, 404);
            assertThat(as(user).post("/engine-rest/process-definition/key/national-referral-mechanism/start", "{}")
                    .status()).as(user).isIn(401, 403, 404);
        }
        assertThat(anonymous().get("/engine-rest/task").status()).isEqualTo(401);

        // the webapps' own engine API answers only to a Camunda session, never to the platform's credentials
        Browser withPlatformCredentials = new Browser();
        for (String user : List.of("police", "admin")) {
            HttpResponse<String> response = withPlatformCredentials.send(HttpRequest.newBuilder(
                    withPlatformCredentials.uri(ENGINE + "/process-definition"))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8))).GET());
            assertThat(response.statusCode()).as(user).isEqualTo(401);
        }
    }

    @Test
    void noOneCreatesAnAdministratorThroughTheSetupPage() {
        Browser browser = new Browser();
        browser.get("/camunda/app/admin/default/");
        HttpResponse<String> setup = browser.send(HttpRequest.newBuilder(browser.uri(
                        "/camunda/api/admin/setup/default/user/create"))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", browser.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"profile\": {\"id\": \"intruder\", \"firstName\": \"I\","
                        + " \"lastName\": \"I\", \"email\": \"i@example.org\"}, \"credentials\": {\"password\":"
                        + " \"intruder-password\"}}")));
        assertThat(setup.statusCode()).isEqualTo(403);
        assertThat(setup.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM act_id_user WHERE id_ = 'intruder'", Integer.class))
                .isZero();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** A browser's view of the webapps: its cookies (Camunda's session and its XSRF-TOKEN), nothing else. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();

        URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        String csrfToken() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError("Camunda set no XSRF-TOKEN cookie"));
        }

        HttpResponse<String> login(String app, String user, String password) {
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
            return send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", csrfToken())
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
