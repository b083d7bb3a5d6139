package org.nrm.app.security;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * How bearer tokens are checked when an OpenID Connect issuer is configured: signed (RS256 and the other algorithms
 * the issuer's JWKS publishes, never {@code none}) by a key of the issuer's JWKS, issued by that issuer, valid now
 * (expiry and not-before, 60 s of clock skew), and meant for this platform: its audience ({@code aud}) names one of
 * {@code nrm.security.oidc.audience} (comma-separated). Without an audience the platform refuses to start, because any
 * token the identity provider issues for any other application would otherwise be accepted. The issuer's configuration
 * and keys are fetched on the first token, so a start does not depend on the identity provider being up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}'.isBlank()")
class BearerTokens {

    @Bean
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                          @Value("${nrm.security.oidc.audience:}") String audience) {
        List<String> audiences = Arrays.stream(audience.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .toList();
        if (audiences.isEmpty()) {
            throw new IllegalStateException("Refusing to start: no token audience is configured "
                    + "(nrm.security.oidc.audience, the client id or resource name the identity provider puts in "
                    + "'aud' for this platform); tokens issued for other applications would be accepted.");
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer), audienceOneOf(audiences));
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    static OAuth2TokenValidator<Jwt> audienceOneOf(List<String> audiences) {
        return jwt -> {
            List<String> aud = jwt.getAudience();
            if (aud != null && aud.stream().anyMatch(audiences::contains)) {
                return OAuth2TokenValidatorResult.success();
            }
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "The token is not meant for this platform (audience " + aud + ").", null));
        };
    }
}
