package org.nrm.app.users;

import java.util.Optional;
import org.nrm.app.security.UserRole;

/**
 * The platform's knowledge of the people who work in it: who a user id is, the agency they act for, their role, and
 * whether they are active. A lead gives tasks only to active case workers or leads of their own agency.
 *
 * <p>With the demo users the directory is those users ({@link DemoUserDirectory}). With OpenID Connect the identity
 * provider owns the users and the platform has no list of them: it knows the users it has seen signing in
 * ({@link SeenUserDirectory}, table {@code directory_user}), with the agency and role their last token gave them, and
 * counts them active while they signed in within {@code nrm.users.active-days} and no administrator deactivated them.
 */
public interface UserDirectory {

    Optional<Entry> find(String userId);

    /** May {@code userId} be given a task of {@code agency}: known, active, of that agency, a case worker or lead. */
    default boolean mayHoldTasksOf(String userId, String agency) {
        return find(userId).filter(Entry::active).filter(e -> e.agency().equals(agency))
                .filter(e -> e.role() == UserRole.CASE_WORKER || e.role() == UserRole.LEAD)
                .isPresent();
    }

    record Entry(String userId, String agency, UserRole role, boolean active) {
    }
}
