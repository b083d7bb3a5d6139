package org.nrm.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. The API is stateless: HTTP Basic for the demo users (demo profiles only) or OpenID Connect bearer
 * tokens in production. Without either the application refuses to start rather than run open. Camunda's Cockpit and
 * Tasklist authenticate with the engine's own identity service, where only {@code admin} exists.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        return http.securityMatcher("/camunda/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // the webapps bring their own CSRF protection and session handling
                .csrf(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /** After Camunda's chain and the pages' chain ({@link PageSecurityConfiguration}): everything else. */
    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, ObjectMapper mapper,
                            ObjectProvider<DemoUsers.Directory> demoUsers,
                            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
                            OidcProperties oidc, Access access) throws Exception {
        boolean basic = demoUsers.getIfAvailable() != null;
        boolean bearer = !issuer.isBlank();
        if (!basic && !bearer) {
            throw new IllegalStateException("Refusing to start: no OpenID Connect issuer is configured "
                    + "(spring.security.oauth2.resourceserver.jwt.issuer-uri) and the demo profile is not active.");
        }
        var unauthorized = ProblemResponses.unauthorized(mapper, basic ? "Basic realm=\"nrm\"" : "Bearer");
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/error").permitAll()
                        .requestMatchers("/actuator/**").hasRole(UserRole.ADMIN.name())
                        // who may call what, decided before any body is read; case-level need to know follows in
                        // the controllers (404 for a case the caller's agency is not involved in)
                        .requestMatchers(HttpMethod.POST, "/api/referrals", "/api/cases/*/consent")
                        .access(when(access::isFirstResponder))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/reconsideration")
                        .access(when(access::isFirstResponderOrSupportProvider))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/recovery-period/extension",
                                "/api/cases/*/closure")
                        .access(when(access::isCompetentAuthority))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/erasure").hasRole(UserRole.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/cases/*/history")
                        .hasAnyRole(WORKER, LEAD, OVERSIGHT, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/cases/*").hasAnyRole(WORKER, LEAD, OVERSIGHT)
                        .requestMatchers(HttpMethod.GET, "/api/tasks", "/api/notifications").hasAnyRole(WORKER, LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/tasks/*/claim", "/api/tasks/*/complete")
                        .hasAnyRole(WORKER, LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/tasks/*/assignee").hasRole(LEAD)
                        .requestMatchers(HttpMethod.GET, "/api/queues").hasAnyRole(LEAD, OVERSIGHT)
                        .requestMatchers(HttpMethod.GET, "/api/shelters").access(when(access::isShelterReader))
                        .requestMatchers("/api/oversight/**").hasRole(OVERSIGHT)
                        .requestMatchers("/api/admin/**").hasRole(ADMIN)
                        .anyRequest().denyAll())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(ProblemResponses.forbidden(mapper)));
        if (basic) {
            http.httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(unauthorized));
        }
        if (bearer) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(unauthorized)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtConverter(oidc))));
        }
        return http.build();
    }

    private static final String WORKER = UserRole.CASE_WORKER.name();
    private static final String LEAD = UserRole.LEAD.name();
    private static final String OVERSIGHT = UserRole.OVERSIGHT.name();
    private static final String ADMIN = UserRole.ADMIN.name();

    /** An authorization rule over the signed-in user; anonymous or incomplete users never pass. */
    static AuthorizationManager<RequestAuthorizationContext> when(java.util.function.Predicate<NrmUser> rule) {
        return (authentication, context) -> {
            Authentication user = authentication.get();
            if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
                return new AuthorizationDecision(false);
            }
            try {
                return new AuthorizationDecision(rule.test(NrmUser.from(user)));
            } catch (RuntimeException incomplete) {
                return new AuthorizationDecision(false);
            }
        };
    }

    /** Maps an access token's claims to the user, their agency and their role (claim names from configuration). */
    public static Converter<Jwt, AbstractAuthenticationToken> jwtConverter(OidcProperties oidc) {
        return jwt -> {
            List<GrantedAuthority> authorities = new ArrayList<>();
            String agency = jwt.getClaimAsString(oidc.agencyClaim());
            String role = jwt.getClaimAsString(oidc.roleClaim());
            if (agency != null) {
                authorities.add(new SimpleGrantedAuthority(NrmUser.AGENCY_AUTHORITY_PREFIX + agency));
            }
            if (role != null) {
                for (UserRole candidate : UserRole.values()) {
                    if (candidate.name().equalsIgnoreCase(role)) {
                        authorities.add(new SimpleGrantedAuthority(candidate.authority()));
                    }
                }
            }
            String user = jwt.getClaimAsString(oidc.userClaim());
            return new JwtAuthenticationToken(jwt, authorities, user != null ? user : jwt.getSubject());
        };
    }
}
