package org.nrm.app.users;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.nrm.app.security.DemoUsers;
import org.nrm.app.security.NrmUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/** The directory of users: the demo users under the demo profiles, the users seen signing in otherwise. */
@Configuration(proxyBeanMethods = false)
public class UserDirectoryConfiguration {

    @Bean
    @Profile("demo")
    UserDirectory demoUserDirectory(DemoUsers.Directory users) {
        return new DemoUserDirectory(users);
    }

    @Bean
    @Profile("!demo")
    SeenUserDirectory seenUserDirectory(JdbcTemplate jdbc, Clock clock,
                                        @Value("${nrm.users.active-days:90}") int activeDays) {
        return new SeenUserDirectory(jdbc, clock, Duration.ofDays(activeDays));
    }

    /** Records each bearer-token user after Spring Security has authenticated the request. */
    @Bean
    @Profile("!demo")
    FilterRegistrationBean<OncePerRequestFilter> signInRecorder(SeenUserDirectory directory) {
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication instanceof JwtAuthenticationToken && authentication.isAuthenticated()) {
                    try {
                        directory.seen(NrmUser.from(authentication));
                    } catch (RuntimeException incomplete) {
                        // a token without agency or role is refused by the authorization rules; nothing to record
                    }
                }
                chain.doFilter(request, response);
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(10); // after Spring Security's filter chain (-100)
        return registration;
    }
}
