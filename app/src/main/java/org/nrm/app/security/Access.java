package org.nrm.app.security;

import org.nrm.app.config.JurisdictionProperties;
import org.nrm.referral.api.AgencyRole;
import org.nrm.workflow.WorkQueue;
import org.springframework.security.access.AccessDeniedException;
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

    public boolean isFirstResponderOrSupportProvider(NrmUser user) {
        return (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD))
                && (jurisdiction.agencyPlays(user.agency(), AgencyRole.FIRST_RESPONDER)
                || jurisdiction.agencyPlays(user.agency(), AgencyRole.SUPPORT_PROVIDER));
    }

    public boolean isCompetentAuthority(NrmUser user) {
        return (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD))
                && jurisdiction.agencyPlays(user.agency(), AgencyRole.COMPETENT_AUTHORITY);
    }

    public boolean isShelterReader(NrmUser user) {
        boolean shelterAgency = jurisdiction.agencyPlays(user.agency(), AgencyRole.SHELTER_PROVIDER)
                && (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD));
        return shelterAgency || user.is(UserRole.LEAD) || user.is(UserRole.OVERSIGHT);
    }

    /** Case workers and leads work with their agency's tasks. */
    public void requireAgencyWorker(NrmUser user) {
        if (!user.is(UserRole.CASE_WORKER) && !user.is(UserRole.LEAD)) {
            throw new AccessDeniedException("Only case workers and leads of an agency work with tasks.");
        }
    }

    /** Steps reserved to the competent authority (extensions, closure), by its case workers and leads. */
    public void requireCompetentAuthority(NrmUser user) {
        if (!isCompetentAuthority(user)) {
            throw new AccessDeniedException("Only the competent authority may take this step.");
        }
    }

    /** A reconsideration is requested by a first responder or a support provider. */
    public void requireFirstResponderOrSupportProvider(NrmUser user) {
        if (!isFirstResponderOrSupportProvider(user)) {
            throw new AccessDeniedException("Only first responders and support providers may request this.");
        }
    }

    /** Shelter occupancy: the shelter provider, every agency's leads, oversight. */
    public void requireShelterReader(NrmUser user) {
        if (!isShelterReader(user)) {
            throw new AccessDeniedException("Shelter occupancy is for the shelter provider, leads and oversight.");
        }
    }

    /** A support provider may act for any person; other agencies only on the cases they are involved in. */
    public boolean mayActOn(NrmUser user, String caseId) {
        return jurisdiction.agencyPlays(user.agency(), AgencyRole.SUPPORT_PROVIDER)
                || workQueue.isInvolved(caseId, user.agency());
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
