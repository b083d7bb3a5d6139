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
        "nrm.security.oidc.audience=nrm-platform, nrm-api",
        "nrm.jurisdiction.agencies.police=FIRST_RESPONDER",
        "nrm.jurisdiction.agencies.competent-authority=COMPETENT_AUTHORITY"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BearerTokenResourceServerTest {

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
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
