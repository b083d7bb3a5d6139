package org.nrm.app.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without an audience, a bearer-token installation does not start (issue 14, item 13). */
class BearerTokensTest {

    @Test
    void an_issuer_without_an_audience_refuses_to_start() {
        assertThatThrownBy(() -> new BearerTokens().jwtDecoder("http://127.0.0.1:1/realm", " , "))
                .hasMessageContaining("Refusing to start").hasMessageContaining("nrm.security.oidc.audience");
    }
}
