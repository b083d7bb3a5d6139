package org.nrm.app.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The OpenAPI description and its UI are public (partners read them before they hold an account): GET on exactly
 * these paths, nothing else, no session. Every operation they describe stays behind the API chain.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescriptionSecurity {

    static final String[] PATHS = {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
        "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    @Order(0)
    SecurityFilterChain apiDescriptionChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher[] matchers = java.util.Arrays.stream(PATHS).map(p -> path.matcher(HttpMethod.GET, p))
                .toArray(RequestMatcher[]::new);
        return http.securityMatcher(org.springframework.security.web.util.matcher.RequestMatchers.anyOf(matchers))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                        + "img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
                        + "form-action 'none'; base-uri 'none'")))
                .build();
    }
}
