package org.nrm.app.security;

import java.util.ArrayList;
import java.util.List;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.referral.api.AgencyRole;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The demo users of the public contract, only under the {@code demo} profiles: for every agency a case worker named
 * like the agency and a lead {@code <agency>-lead}, {@code rapporteur} (oversight) and {@code admin}; password
 * {@code demo}, which is public, so it is stored as it is. Production has no users here: it uses OpenID Connect.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoUsers {

    public static final String PASSWORD = "demo";
    public static final String PLATFORM_AGENCY = "platform";

    /**
     * A read-only directory: deliberately not a password-update service, so Spring Security never "upgrades" the
     * public demo passwords to bcrypt (which would cost every request a bcrypt check).
     */
    public static final class Directory implements UserDetailsService {

        private final InMemoryUserDetailsManager users;

        Directory(InMemoryUserDetailsManager users) {
            this.users = users;
        }

        @Override
        public UserDetails loadUserByUsername(String username) {
            return users.loadUserByUsername(username);
        }
    }

    @Bean
    Directory demoUserDetails(JurisdictionProperties jurisdiction) {
        List<UserDetails> users = new ArrayList<>();
        jurisdiction.agencies().forEach((agency, roles) -> {
            boolean oversight = roles.contains(AgencyRole.OVERSIGHT);
            users.add(user(agency, agency, oversight ? UserRole.OVERSIGHT : UserRole.CASE_WORKER));
            users.add(user(agency + "-lead", agency, oversight ? UserRole.OVERSIGHT : UserRole.LEAD));
        });
        String oversightAgency = jurisdiction.agencies().entrySet().stream()
                .filter(e -> e.getValue().contains(AgencyRole.OVERSIGHT)).map(e -> e.getKey()).findFirst()
                .orElse("oversight");
        users.add(user("rapporteur", oversightAgency, UserRole.OVERSIGHT));
        users.add(user("admin", PLATFORM_AGENCY, UserRole.ADMIN));
        return new Directory(new InMemoryUserDetailsManager(users));
    }

    private static UserDetails user(String name, String agency, UserRole role) {
        return User.withUsername(name).password("{noop}" + PASSWORD)
                .authorities(role.authority(), NrmUser.AGENCY_AUTHORITY_PREFIX + agency).build();
    }
}
