package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nrm.app.protection.MasterKey;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.OidcProperties;
import org.nrm.app.security.UserRole;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.security.oauth2.jwt.Jwt;

/** Production runs closed: no issuer or no master key means no start; token claims name agency and role. */
class ProductionStartTest {

    @Test
    void without_an_openid_connect_issuer_and_without_the_demo_profile_the_platform_refuses_to_start() {
        var application = new SpringApplicationBuilder(NrmApplication.class)
                .properties(Map.of("nrm.embedded-database.data-dir", "", "nrm.embedded-database.durable", "false", "server.port", "0",
                        "nrm.protection.master-key", MasterKey.generate(),
                        "camunda.bpm.job-execution.enabled", "false",
                        // its own engine and no webapps, so a failed start never disturbs the shared test platform's
                        // (Camunda keeps both in static fields; see BearerTokenResourceServerTest)
                        "camunda.bpm.process-engine-name", "productionStartTest", "camunda.bpm.webapp.enabled", "false"));
        assertThatThrownBy(application::run).hasStackTraceContaining("Refusing to start")
                .hasStackTraceContaining("issuer");
    }

    @Test
    void without_a_master_key_for_personal_data_it_refuses_to_start() {
        assertThatThrownBy(() -> new MasterKey("")).hasMessageContaining("Refusing to start");
        assertThatThrownBy(() -> new MasterKey("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }

    @Test
    void an_access_tokens_claims_name_the_user_their_agency_and_their_role() {
        var converter = org.nrm.app.security.SecurityConfiguration.jwtConverter(
                new OidcProperties("preferred_username", "agency", "nrm_role"));
        Jwt jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject("6f1c")
                .claim("preferred_username", "a.officer").claim("agency", "border-police").claim("nrm_role", "lead")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        NrmUser user = NrmUser.from(converter.convert(jwt));
        assertThat(user).isEqualTo(new NrmUser("a.officer", "border-police", UserRole.LEAD));

        Jwt noAgency = Jwt.withTokenValue("token").header("alg", "RS256").subject("6f1c").claim("nrm_role", "ADMIN")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        assertThatThrownBy(() -> NrmUser.from(converter.convert(noAgency))).hasMessageContaining("no agency");
    }
}
