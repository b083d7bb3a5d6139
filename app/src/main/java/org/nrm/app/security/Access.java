package org.nrm.app.security;

import org.nrm.app.config.JurisdictionProperties;
import org.nrm.referral.api.AgencyRole;
import org.nrm.workflow.queue.WorkQueue;
import org.springframework.stereotype.Component;

/**
 * The need-to-know rules: who may call what (used by the security filter chain, before any body is read) and which
 * cases an agency may see or act on (used by the controllers).
 */
@Component
public class Access {

    private final JurisdictionProperties jurisdiction;
    private final WorkQueue workQueue;

    public Access(JurisdictionProperties jurisdiction, WorkQueue workQueue) {
        this.jurisdiction = jurisdiction;
        this.workQueue = workQueue;
    }

    /** Only case workers of a first-responder agency refer people. */
    public boolean isFirstResponder(NrmUser user) {
        return user.is(UserRole.CASE_WORKER) && jurisdiction.agencyPlays(user.agency(), AgencyRole.FIRST_RESPONDER);
    }

    /** A reconsideration is requested by a first responder or a support provider. */
    public boolean isFirstResponderOrSupportProvider(NrmUser user) {
        return (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD))
                && (jurisdiction.agencyPlays(user.agency(), AgencyRole.FIRST_RESPONDER)
                || jurisdiction.agencyPlays(user.agency(), AgencyRole.SUPPORT_PROVIDER));
    }

    /** Steps reserved to the competent authority (extensions, closure), by its case workers and leads. */
    public boolean isCompetentAuthority(NrmUser user) {
        return (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD))
                && jurisdiction.agencyPlays(user.agency(), AgencyRole.COMPETENT_AUTHORITY);
    }

    /**
     * Handovers between countries' mechanisms and returning nationals' cases: case workers and leads of the return
     * organisation or the competent authority.
     */
    public boolean handsOverAbroad(NrmUser user) {
        return (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD))
                && (jurisdiction.agencyPlays(user.agency(), AgencyRole.RETURN_ORGANISATION)
                || jurisdiction.agencyPlays(user.agency(), AgencyRole.COMPETENT_AUTHORITY));
    }

    /** Shelter occupancy: the shelter provider, every agency's leads, oversight. */
    public boolean isShelterReader(NrmUser user) {
        boolean shelterAgency = jurisdiction.agencyPlays(user.agency(), AgencyRole.SHELTER_PROVIDER)
                && (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD));
        return shelterAgency || user.is(UserRole.LEAD) || user.is(UserRole.OVERSIGHT);
    }

    /** The shelter provider's own steps on shelters and placements, by its case workers and leads. */
    public boolean isShelterProvider(NrmUser user) {
        return (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD))
                && jurisdiction.agencyPlays(user.agency(), AgencyRole.SHELTER_PROVIDER);
    }

    /**
     * Every agency, support providers included, acts only on the cases it is involved in (it referred the case, holds or
     * held one of its tasks, hosts the person, or was made involved by a recorded step). An agency that is not involved
     * is answered as if the case did not exist, before any rule of the case is checked, so that neither the step nor
     * the answer tells it anything about the case.
     */
    public boolean mayActOn(NrmUser user, String caseId) {
        return (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD)) && workQueue.isInvolved(caseId, user.agency());
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
