package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nrm.app.protection.MasterKey;
import org.nrm.app.support.RawHttp;
import org.nrm.app.support.RawHttp.Reply;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The resource server end to end, as production runs it (no demo profile): an identity provider on loopback (OpenID
 * configuration and JWKS served by this test), RS256 tokens signed with a key generated here. Only a valid token for
 * this platform's audience passes (issue 14, item 13). The one extra platform start of the suite; closed after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nrm.embedded-database.data-dir=", "camunda.bpm.job-execution.enabled=false",
        // Camunda keeps state across Spring contexts in static fields: engines in one map by name (closing this
        // context would take the shared test platform's "default" engine out of it; no hyphen, or Camunda ignores the
        // name) and its webapps' filters, which a second context's start initialises against itself; the shared
        // platform's Cockpit then answers 500 once this context is closed. So: an engine of its own and no webapps.
        "camunda.bpm.process-engine-name=bearerTokenTest", "camunda.bpm.webapp.enabled=false",
        "nrm.security.oidc.audience=nrm-platform, nrm-api",
        "nrm.jurisdiction.agencies.police=FIRST_RESPONDER",
        "nrm.jurisdiction.agencies.competent-authority=COMPETENT_AUTHORITY"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BearerTokenResourceServerTest {

    private static final String CLIENT_ID = "nrm-pages";
    private static final String CLIENT_SECRET = "pages-secret";
    /** The codes the provider handed out, each with the nonce of its authorization request (used once). */
    private static final java.util.Map<String, String> CODES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger TOKEN_REQUESTS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final KeyPair KEY = rsa();
    private static final KeyPair OTHER_KEY = rsa();
    private static final HttpServer PROVIDER = provider();
    private static final String ISSUER = "http://127.0.0.1:" + PROVIDER.getAddress().getPort();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        registry.add("nrm.protection.master-key", MasterKey::generate);
        // the pages' sign-in through the same provider (authorization code flow), discovered from the issuer
        registry.add("spring.security.oauth2.client.registration.nrm.client-id", () -> CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.nrm.client-secret", () -> CLIENT_SECRET);
        registry.add("spring.security.oauth2.client.registration.nrm.scope", () -> "openid,profile");
        registry.add("spring.security.oauth2.client.registration.nrm.client-name", () -> "the national identity provider");
        registry.add("spring.security.oauth2.client.provider.nrm.issuer-uri", () -> ISSUER);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop(0);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer provider() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
            String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) KEY.getPublic()).keyID("k1")
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build()).toString();
            String configuration = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
                    + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                    + "\"authorization_endpoint\":\"" + issuer + "/auth\",\"token_endpoint\":\"" + issuer + "/token\","
                    + "\"response_types_supported\":[\"code\"]}";
            server.createContext("/.well-known/openid-configuration", exchange -> reply(exchange, configuration));
            server.createContext("/jwks", exchange -> reply(exchange, jwks));
            server.createContext("/auth", BearerTokenResourceServerTest::authorize);
            server.createContext("/token", exchange -> token(exchange, issuer));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's sign-in: the user is taken as signed in; back to the client with a code and its state. */
    private static void authorize(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        java.util.Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String redirect = query.get("redirect_uri");
        if (!"code".equals(query.get("response_type")) || !CLIENT_ID.equals(query.get("client_id")) || redirect == null
                || !query.getOrDefault("scope", "").contains("openid")) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        String code = java.util.UUID.randomUUID().toString();
        CODES.put(code, query.getOrDefault("nonce", ""));
        exchange.getResponseHeaders().add("Location", redirect + "?code=" + code + "&state="
                + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** The token endpoint: a known code, once, from the client with its secret, for an ID token signed here. */
    private static void token(com.sun.net.httpserver.HttpExchange exchange, String issuer) throws IOException {
        TOKEN_REQUESTS.incrementAndGet();
        java.util.Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String nonce = body.get("code") == null ? null : CODES.remove(body.get("code"));
        if (!"authorization_code".equals(body.get("grant_type")) || nonce == null
                || !basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            byte[] error = "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, error.length);
            exchange.getResponseBody().write(error);
            exchange.close();
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject("7a2d")
                .audience(List.of(CLIENT_ID)).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", "b.inspector").claim("agency", "police").claim("nrm_role", "CASE_WORKER");
        if (!nonce.isEmpty()) {
            claims.claim("nonce", nonce);
        }
        String idToken = signed(claims.build(), KEY);
        reply(exchange, "{\"access_token\":\"opaque-" + java.util.UUID.randomUUID() + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":300,\"scope\":\"openid profile\",\"id_token\":\"" + idToken + "\"}");
    }

    private static java.util.Map<String, String> form(String encoded) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    @Test
    void the_pages_sign_in_through_the_provider_with_the_authorization_code_flow() throws Exception {
        var client = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = url -> {
            try {
                return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        var inbox = get.apply(base + "/inbox");
        assertThat(inbox.statusCode()).isEqualTo(302);
        assertThat(inbox.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        var login = get.apply(base + "/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("href=\"/oauth2/authorization/nrm\"")
                .doesNotContain("name=\"password\"");

        var start = get.apply(base + "/oauth2/authorization/nrm");
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(ISSUER + "/auth?").contains("response_type=code")
                .contains("client_id=" + CLIENT_ID).contains("state=").contains("nonce=");

        var provider = get.apply(authorize);
        assertThat(provider.statusCode()).isEqualTo(302);
        String callback = provider.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(base + "/login/oauth2/code/nrm?code=");
        int tokenRequests = TOKEN_REQUESTS.get();
        var signedIn = get.apply(callback);
        assertThat(signedIn.statusCode()).as(signedIn.headers().map().toString()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error")
                .startsWith(base + "/inbox");
        assertThat(TOKEN_REQUESTS.get()).as("the code was exchanged at the token endpoint").isEqualTo(tokenRequests + 1);

        var page = get.apply(base + "/inbox");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("b.inspector").contains("class=\"who-user\"");
        // the callback cannot be replayed (its authorization request is spent): an error, not a sign-in
        var replayed = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(callback)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.headers().firstValue("Location").orElse("")).contains("/login?error");
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("6f1c").audience(List.of("nrm-platform"))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", "a.officer").claim("agency", "police").claim("nrm_role", "CASE_WORKER");
    }

    private static String signed(JWTClaimsSet claims, KeyPair key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return signed(change.apply(validClaims()).build(), KEY);
    }

    private Reply tasks(String token) {
        return RawHttp.send(port, "GET", "/api/tasks", "Bearer " + token, null, null);
    }

    private void refused(String what, String token) {
        Reply reply = tasks(token);
        assertThat(reply.status()).as(what + " -> " + reply).isEqualTo(401);
        assertThat(reply.isProblem()).as(what).isTrue();
        assertThat(reply.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
    }

    @Test
    void only_a_valid_token_issued_for_this_platform_is_accepted() {
        Reply valid = tasks(token(c -> c));
        assertThat(valid.status()).as(valid.toString()).isEqualTo(200);
        assertThat(valid.text()).isEqualTo("[]");
        // another configured audience, among others, passes too
        assertThat(tasks(token(c -> c.audience(List.of("account", "nrm-api")))).status()).isEqualTo(200);

        Instant now = Instant.now();
        refused("expired", token(c -> c.issueTime(Date.from(now.minusSeconds(3_600)))
                .notBeforeTime(Date.from(now.minusSeconds(3_600))).expirationTime(Date.from(now.minusSeconds(600)))));
        refused("not yet valid", token(c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))));
        refused("wrong issuer", token(c -> c.issuer("http://127.0.0.1:1/other-realm")));
        refused("wrong audience", token(c -> c.audience(List.of("another-application"))));
        refused("no audience", token(c -> c.audience(List.<String>of())));
        refused("wrong key", signed(validClaims().build(), OTHER_KEY));
        String good = token(c -> c);
        String[] parts = good.split("\\.");
        String tamperedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                validClaims().claim("nrm_role", "ADMIN").build().toString().getBytes(StandardCharsets.UTF_8));
        refused("tampered", parts[0] + "." + tamperedClaims + "." + parts[2]);
        refused("alg none", new PlainJWT(validClaims().build()).serialize());
        refused("alg none, signature kept", new PlainJWT(validClaims().build()).serialize() + parts[2]);
        refused("garbage", "not-a-token");
    }

    @Test
    void without_a_token_the_api_asks_for_one() {
        Reply reply = RawHttp.send(port, "GET", "/api/tasks", null, null, null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        // no demo users without the demo profile
        assertThat(RawHttp.send(port, "GET", "/api/tasks", RawHttp.basic("police", "demo"), null, null).status())
                .isEqualTo(401);
    }
}
