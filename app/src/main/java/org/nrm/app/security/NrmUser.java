package org.nrm.app.security;

import java.util.Collection;
import org.nrm.referral.api.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in user: who they are, the agency they act for, and their role there. */
public record NrmUser(String userId, String agency, UserRole role) {

    public static final String AGENCY_AUTHORITY_PREFIX = "AGENCY_";

    public Actor actor() {
        return new Actor(userId, agency);
    }

    public boolean is(UserRole expected) {
        return role == expected;
    }

    public static NrmUser current() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    public static NrmUser from(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("No signed-in user");
        }
        Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
        String agency = null;
        UserRole role = null;
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name.startsWith(AGENCY_AUTHORITY_PREFIX)) {
                agency = name.substring(AGENCY_AUTHORITY_PREFIX.length());
            } else if (name.startsWith("ROLE_")) {
                for (UserRole candidate : UserRole.values()) {
                    if (candidate.authority().equals(name)) {
                        role = candidate;
                    }
                }
            }
        }
        if (agency == null || role == null) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "The signed-in user has no agency or no role.");
        }
        return new NrmUser(authentication.getName(), agency, role);
    }
}
