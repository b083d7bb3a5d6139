package org.nrm.app.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The platform's own pages: a session, unlike the stateless API. The demo signs its users in with the form at
 * {@code /login}; production signs them in through the OpenID Connect provider (authorization code flow), configured
 * as the client registration {@code spring.security.oauth2.client.registration.*}. CSRF tokens on every form, a
 * Content-Security-Policy that allows no inline script or style, and no personal data in any URL (forms post).
 * Ordered after Camunda's chain and before the API's.
 */
@Configuration(proxyBeanMethods = false)
public class PageSecurityConfiguration {

    /** Every path the pages answer; anything else is the API's chain, but for a browser (pagesAndBrowsersElsewhere). */
    public static final String[] PAGE_PATHS = {"/", "/login", "/logout", "/denied", "/report", "/reports/**", "/inbox/**", "/cases/**",
            "/referrals/**", "/queues/**", "/notifications/**", "/shelters/**", "/statistics/**", "/audit/**",
            "/trends", "/trends/**", "/criminal-cases", "/admin/**", "/assets/**", "/favicon.ico", "/oauth2/**",
            "/login/oauth2/**",
            // support plans' service referrals and cross-border handovers (issue 16)
            "/service-referrals/**", "/returning-nationals/**", "/handovers/**"};

    /**
     * What is never a page: the API and the actuator stay on the API's chain, whatever the client accepts. (The
     * error dispatch of a browser's request is the pages', so its error page knows who is signed in.)
     */
    static final String[] NEVER_PAGES = {"/api/**", "/actuator/**"};

    /**
     * The pages' paths, and any other path a browser navigates to (it accepts HTML; "any type" alone does not count)
     * outside the API: a signed-in user who follows a stale link gets the pages' "not found", not the API's 401 in
     * JSON, and someone signed out is sent to sign in. Clients of the API keep the API's answers everywhere else.
     */
    static org.springframework.security.web.util.matcher.RequestMatcher pagesAndBrowsersElsewhere() {
        var path = org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults();
        var pages = org.springframework.security.web.util.matcher.RequestMatchers.anyOf(
                java.util.Arrays.stream(PAGE_PATHS).map(path::matcher)
                        .toArray(org.springframework.security.web.util.matcher.RequestMatcher[]::new));
        var never = org.springframework.security.web.util.matcher.RequestMatchers.anyOf(
                java.util.Arrays.stream(NEVER_PAGES).map(path::matcher)
                        .toArray(org.springframework.security.web.util.matcher.RequestMatcher[]::new));
        var html = new org.springframework.security.web.util.matcher.MediaTypeRequestMatcher(
                org.springframework.http.MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(java.util.Set.of(org.springframework.http.MediaType.ALL));
        return org.springframework.security.web.util.matcher.RequestMatchers.anyOf(pages,
                org.springframework.security.web.util.matcher.RequestMatchers.allOf(
                        new org.springframework.security.web.util.matcher.NegatedRequestMatcher(never), html));
    }

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, ObjectProvider<DemoUsers.Directory> demoUsers,
                              ObjectProvider<ClientRegistrationRepository> registrations, OidcProperties oidc,
                              Access access, CaseStepAccess steps, ReportTriageAccess triage, java.time.Clock clock,
                              com.fasterxml.jackson.databind.ObjectMapper mapper) throws Exception {
        String worker = UserRole.CASE_WORKER.name();
        String lead = UserRole.LEAD.name();
        http.securityMatcher(pagesAndBrowsersElsewhere())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/denied", "/error", "/assets/**", "/favicon.ico").permitAll()
                        // reporting a suspicion of trafficking: the public, without signing in (issue #17)
                        .requestMatchers("/report").permitAll()
                        .requestMatchers("/reports/**").access(SecurityConfiguration.when(triage::isTriager))
                        // the trends view: law enforcement, prosecution and immigration (as GET /api/trends)
                        .requestMatchers("/trends", "/trends/**").access(SecurityConfiguration.when(steps::mayReadTrends))
                        .requestMatchers("/admin/**").hasRole(UserRole.ADMIN.name())
                        .requestMatchers("/statistics/**", "/audit/**").hasRole(UserRole.OVERSIGHT.name())
                        .requestMatchers("/queues/**").hasRole(lead)
                        .requestMatchers("/referrals/**").access(SecurityConfiguration.when(access::isFirstResponder))
                        .requestMatchers("/shelters/**").access(SecurityConfiguration.when(access::isShelterReader))
                        // a service provider's referrals; returning nationals and handover imports (issue 16)
                        .requestMatchers("/service-referrals/**")
                        .access(SecurityConfiguration.when(steps::actsForServiceProvider))
                        .requestMatchers("/returning-nationals/**", "/handovers/**")
                        .access(SecurityConfiguration.when(access::handsOverAbroad))
                        .requestMatchers("/inbox/**", "/notifications/**", "/cases/**", "/criminal-cases")
                        .hasAnyRole(worker, lead)
                        .anyRequest().authenticated())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .exceptionHandling(exceptions -> exceptions.accessDeniedPage("/denied"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("JSESSIONID"));
        if (demoUsers.getIfAvailable() != null) {
            http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll());
            // the sign-in form's back-off, as the API's for HTTP Basic (branch web)
            http.addFilterBefore(new FormLoginThrottle(new LoginThrottle(clock, mapper)),
                    org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class);
        }
        ClientRegistrationRepository clients = registrations.getIfAvailable();
        if (clients != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcUsers(oidc))));
            var signOut = new OidcClientInitiatedLogoutSuccessHandler(clients);
            signOut.setPostLogoutRedirectUri("{baseUrl}/login?logout");
            http.logout(logout -> logout.logoutSuccessHandler(signOut));
        }
        return http.build();
    }

    /** The ID token's claims name the user, their agency and their role, as the access token's do for the API. */
    static OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers(OidcProperties oidc) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Map<String, Object> claims = user.getClaims();
            List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
            authorities.addAll(authorities(claims.get(oidc.agencyClaim()), claims.get(oidc.roleClaim())));
            String nameClaim = claims.containsKey(oidc.userClaim()) ? oidc.userClaim() : "sub";
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameClaim);
        };
    }

    /** The platform's authorities for an agency claim and a role claim (either may be missing). */
    static List<GrantedAuthority> authorities(Object agency, Object role) {
        List<GrantedAuthority> out = new ArrayList<>();
        if (agency instanceof String name && !name.isBlank()) {
            out.add(new SimpleGrantedAuthority(NrmUser.AGENCY_AUTHORITY_PREFIX + name));
        }
        if (role instanceof String name) {
            for (UserRole candidate : UserRole.values()) {
                if (candidate.name().equalsIgnoreCase(name)) {
                    out.add(new SimpleGrantedAuthority(candidate.authority()));
                }
            }
        }
        return out;
    }
}
