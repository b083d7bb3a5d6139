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
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatchers;

/**
 * Who may call what. The API is stateless: HTTP Basic for the demo users (demo profiles only) or OpenID Connect bearer
 * tokens in production. Without either the application refuses to start rather than run open. Camunda's Cockpit and
 * Tasklist authenticate with the engine's own identity service, where only {@code admin} exists.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * Camunda's webapps (Cockpit, Tasklist, Admin at {@code /camunda/app/}, their API under {@code /camunda/api/})
     * sign in against the engine's identity service and keep that in their own session; the platform's users are
     * not there. The matcher is on the whole path: {@code /camunda/api/*} is Camunda's own JAX-RS servlet, and a
     * Spring MVC matcher would see only the path within that servlet and hand its requests to the API chain.
     * Cockpit asks for {@code /camunda-welcome} (the webjar's welcome page) on a first visit: that too belongs here,
     * or the API chain's Basic challenge would pop up a sign-in dialog over Cockpit (and hang a headless browser).
     * Creating the first administrator through the webapp's setup page is refused: the installation names it
     * ({@code camunda.bpm.admin-user}), so no one can claim an engine without one.
     */
    @Bean
    @Order(1)
    SecurityFilterChain camundaWebapps(HttpSecurity http, ObjectMapper mapper) throws Exception {
        var path = PathPatternRequestMatcher.withDefaults();
        var forbidden = ProblemResponses.forbidden(mapper);
        return http.securityMatcher(RequestMatchers.anyOf(path.matcher("/camunda/**"),
                        path.matcher("/camunda-welcome"), path.matcher("/camunda-welcome/**")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(path.matcher("/camunda/api/admin/setup/**")).denyAll()
                        .anyRequest().permitAll())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> forbidden.handle(request, response, null))
                        .accessDeniedHandler(forbidden))
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
                            OidcProperties oidc, Access access, CaseStepAccess steps, java.time.Clock clock,
                            ReportTriageAccess triage,
                            @Value("${nrm.metrics.scraper.username:}") String scraperUser,
                            @Value("${nrm.metrics.scraper.password:}") String scraperPassword,
                            @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
                            ObjectProvider<org.springframework.web.servlet.mvc.method.annotation
                                    .RequestMappingHandlerMapping> mappings) throws Exception {
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
                        // the metrics scraper's own credentials open the Prometheus endpoint and nothing else
                        .requestMatchers(org.nrm.app.operations.ScraperCredentials.PATH)
                        .hasAnyRole(UserRole.ADMIN.name(), org.nrm.app.operations.ScraperCredentials.ROLE)
                        .requestMatchers("/actuator/**").hasRole(UserRole.ADMIN.name())
                        // who may call what, decided before any body is read; case-level need to know follows in
                        // the controllers (404 for a case the caller's agency is not involved in)
                        // reports from the public: anyone, without signing in (rate-limited: PublicReportRateLimit);
                        // their triage is the designated first responder's (nrm.jurisdiction.task-queues)
                        .requestMatchers(HttpMethod.POST, "/api/reports").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/reports", "/api/reports/*").access(when(triage::isTriager))
                        .requestMatchers(HttpMethod.POST, "/api/reports/*/dismissal").access(when(triage::isTriager))
                        .requestMatchers(HttpMethod.POST, "/api/reports/*/referral").access(when(triage::mayRefer))
                        .requestMatchers(HttpMethod.GET, "/api/screening/indicators").hasAnyRole(WORKER, LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/referrals", "/api/cases/*/consent")
                        .access(when(access::isFirstResponder))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/reconsideration")
                        .access(when(access::isFirstResponderOrSupportProvider))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/recovery-period/extension",
                                "/api/cases/*/closure")
                        .access(when(access::isCompetentAuthority))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/erasure").hasRole(UserRole.ADMIN.name())
                        // steps on a case outside a queue (CaseStepsController)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/identification")
                        .access(when(steps::mayUpdateIdentification))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/travel-documents")
                        .access(when(steps::mayRecordTravelDocuments))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/guardian/replacement")
                        .access(when(steps::mayReplaceGuardian))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/disqualification", "/api/cases/*/reopening")
                        .access(when(steps::isCompetentAuthority))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/move-on-support/end")
                        .access(when(steps::mayEndMoveOnSupport))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/residence-permit/renewal",
                                "/api/cases/*/residence-permit/revocation")
                        .access(when(steps::mayDecideResidencePermits))
                        // the criminal case and the journey (CriminalCaseController, issue 17)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/investigation")
                        .access(when(steps::mayOpenInvestigation))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/cooperation", "/api/cases/*/witness-protection")
                        .access(when(steps::mayRecordCooperation))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/prosecution-outcome")
                        .access(when(steps::mayRecordProsecutionOutcome))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/journey").access(when(steps::mayRecordJourney))
                        .requestMatchers(HttpMethod.GET, "/api/cases/*/criminal-case")
                        .access(when(steps::mayReadCriminalCase))
                        .requestMatchers(HttpMethod.GET, "/api/trends", "/api/trends/htcds")
                        .access(when(steps::mayReadTrends))
                        // consent records (ConsentController, branch consent)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/consents", "/api/cases/*/consents/*/withdrawal")
                        .access(when(steps::mayTakeConsent))
                        // support plans and service referrals (branch support16): the plan's owner and the
                        // referral's provider checked in the controllers (404 when not involved / not theirs)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/support-plan", "/api/cases/*/support-plan/*")
                        .access(when(steps::mayKeepSupportPlan))
                        .requestMatchers(HttpMethod.GET, "/api/cases/*/support-plan", "/api/service-providers")
                        .hasAnyRole(WORKER, LEAD)
                        .requestMatchers(HttpMethod.GET, "/api/service-referrals", "/api/service-referrals/*")
                        .access(when(steps::actsForServiceProvider))
                        .requestMatchers(HttpMethod.POST, "/api/service-referrals/*/*")
                        .access(when(steps::actsForServiceProvider))
                        // cross-border handover (issue 16): involvement checked in the controller
                        .requestMatchers(HttpMethod.GET, "/api/cases/*/handover")
                        .access(when(access::handsOverAbroad))
                        .requestMatchers(HttpMethod.POST, "/api/handovers", "/api/returning-nationals")
                        .access(when(access::handsOverAbroad))
                        .requestMatchers(HttpMethod.GET, "/api/handovers/key")
                        .access(when(user -> access.handsOverAbroad(user) || user.is(UserRole.ADMIN)))
                        .requestMatchers(HttpMethod.GET, "/api/cases/*/history")
                        .hasAnyRole(WORKER, LEAD, OVERSIGHT, ADMIN)
                        // decision letters (branch web): involvement and the competent authority checked in the controller
                        .requestMatchers(HttpMethod.GET, "/api/cases/*/decisions", "/api/cases/*/decisions/*/letter")
                        .hasAnyRole(WORKER, LEAD)
                        .requestMatchers(HttpMethod.GET, "/api/cases/*").hasAnyRole(WORKER, LEAD, OVERSIGHT)
                        .requestMatchers(HttpMethod.GET, "/api/tasks", "/api/notifications").hasAnyRole(WORKER, LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/tasks/*/claim", "/api/tasks/*/complete",
                                "/api/tasks/*/unclaim")
                        .hasAnyRole(WORKER, LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/tasks/*/assignee").hasRole(LEAD)
                        .requestMatchers(HttpMethod.GET, "/api/queues").hasAnyRole(LEAD, OVERSIGHT)
                        .requestMatchers(HttpMethod.GET, "/api/shelters", "/api/shelters/waiting")
                        .access(when(access::isShelterReader))
                        .requestMatchers(HttpMethod.GET, "/api/shelters/*/placements")
                        .access(when(access::isShelterProvider))
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/placement/move-out",
                                "/api/cases/*/placement/transfer")
                        .access(when(access::isShelterProvider))
                        .requestMatchers("/api/oversight/**").hasRole(OVERSIGHT)
                        .requestMatchers("/api/admin/**").hasRole(ADMIN)
                        // no endpoint: refused like everything not listed, and answered 404 (401 before sign-in)
                        .anyRequest().access(unknownPath()))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(ProblemResponses.forbiddenOrNotFound(mapper,
                                request -> allowedMethods(mappings.getObject(), request))))
                .headers(SecurityConfiguration::apiHeaders);
        if (org.nrm.app.operations.ScraperCredentials.configured(scraperUser, scraperPassword)) {
            http.addFilterBefore(new org.nrm.app.operations.ScraperCredentials(scraperUser, scraperPassword),
                    org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class);
        } else if (!scraperUser.isBlank()) {
            throw new IllegalStateException("Refusing to start: nrm.metrics.scraper.username is set but "
                    + "nrm.metrics.scraper.password is missing or shorter than 16 characters.");
        }
        if (basic) {
            http.httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(unauthorized));
            http.addFilterBefore(new LoginThrottle(clock, mapper),
                    org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class);
        }
        if (bearer) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(unauthorized)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtConverter(oidc))));
        }
        return http.build();
    }

    /**
     * Only the platform's own files, never inline or injected scripts, no plugins, no framing (the JSON answers need
     * nothing; pages served beside the API may load their own scripts and styles).
     */
    static final String API_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static void apiHeaders(
            org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP))
                .referrerPolicy(referrer -> referrer.policy(org.springframework.security.web.header.writers
                        .ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                // on secure requests only (behind a TLS proxy: server.forward-headers-strategy)
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000));
    }

    /** The HTTP methods the controllers map to the request's path (empty when none does). */
    static java.util.Set<String> allowedMethods(
            org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings,
            jakarta.servlet.http.HttpServletRequest request) {
        if (!org.springframework.web.util.ServletRequestPathUtils.hasParsedRequestPath(request)) {
            org.springframework.web.util.ServletRequestPathUtils.parseAndCache(request);
        }
        java.util.Set<String> methods = new java.util.TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            var paths = info.getPathPatternsCondition();
            if (paths != null && paths.getMatchingCondition(request) != null) {
                info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
            }
        });
        return methods;
    }

    /** Refuses a request no rule above matched, marking it so the refusal reads 404 to a signed-in caller. */
    private static AuthorizationManager<RequestAuthorizationContext> unknownPath() {
        return (authentication, context) -> {
            context.getRequest().setAttribute(ProblemResponses.UNKNOWN_PATH, Boolean.TRUE);
            return new AuthorizationDecision(false);
        };
    }

    /** The firewall's refusals as problem+json (Spring Security's default is a bare 400). */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(ObjectMapper mapper) {
        return ProblemResponses.rejected(mapper);
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
