package org.nrm.app.security;

import org.nrm.app.config.JurisdictionProperties;
import org.nrm.referral.api.AgencyRole;
import org.nrm.workflow.WorkQueue;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** The need-to-know rules, each a named check that the API calls before it acts or answers. */
@Component
public class Access {

    private final JurisdictionProperties jurisdiction;
    private final WorkQueue workQueue;

    public Access(JurisdictionProperties jurisdiction, WorkQueue workQueue) {
        this.jurisdiction = jurisdiction;
        this.workQueue = workQueue;
    }

    /** Only case workers of a first-responder agency refer people. */
    public void requireFirstResponder(NrmUser user) {
        if (!isFirstResponder(user)) {
            throw new AccessDeniedException("Only case workers of first-responder agencies may refer a person.");
        }
    }

    public boolean isFirstResponder(NrmUser user) {
        return user.is(UserRole.CASE_WORKER) && jurisdiction.agencyPlays(user.agency(), AgencyRole.FIRST_RESPONDER);
    }

    public boolean isFirstResponder(Authentication authentication) {
        try {
            return authentication != null && authentication.isAuthenticated()
                    && !(authentication instanceof AnonymousAuthenticationToken)
                    && isFirstResponder(NrmUser.from(authentication));
        } catch (AccessDeniedException | IllegalStateException e) {
            return false;
        }
    }

    /** Case workers and leads work with their agency's tasks. */
    public void requireAgencyWorker(NrmUser user) {
        if (!user.is(UserRole.CASE_WORKER) && !user.is(UserRole.LEAD)) {
            throw new AccessDeniedException("Only case workers and leads of an agency work with tasks.");
        }
    }

    /** A case is visible to the agencies involved in it, and to oversight (pseudonymised). */
    public boolean maySeeCase(NrmUser user, String caseId) {
        if (user.is(UserRole.OVERSIGHT)) {
            return true;
        }
        if (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD)) {
            return workQueue.isInvolved(caseId, user.agency());
        }
        return false;
    }
}
