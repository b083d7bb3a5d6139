package org.nrm.app.users;

import java.util.Optional;
import org.nrm.app.security.DemoUsers;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** The demo users of the public contract, every one of them active. */
public class DemoUserDirectory implements UserDirectory {

    private final DemoUsers.Directory users;

    public DemoUserDirectory(DemoUsers.Directory users) {
        this.users = users;
    }

    @Override
    public Optional<Entry> find(String userId) {
        if (userId == null || userId.isEmpty() || userId.length() > 255) {
            return Optional.empty();
        }
        UserDetails details;
        try {
            details = users.loadUserByUsername(userId);
        } catch (UsernameNotFoundException unknown) {
            return Optional.empty();
        }
        String agency = null;
        UserRole role = null;
        for (GrantedAuthority authority : details.getAuthorities()) {
            String name = authority.getAuthority();
            if (name.startsWith(NrmUser.AGENCY_AUTHORITY_PREFIX)) {
                agency = name.substring(NrmUser.AGENCY_AUTHORITY_PREFIX.length());
            }
            for (UserRole candidate : UserRole.values()) {
                if (candidate.authority().equals(name)) {
                    role = candidate;
                }
            }
        }
        return agency == null || role == null ? Optional.empty()
                : Optional.of(new Entry(details.getUsername(), agency, role, details.isEnabled()));
    }
}
