package org.nrm.app.security;

import org.nrm.app.config.JurisdictionProperties;
import org.nrm.referral.api.AgencyRole;
import org.springframework.stereotype.Component;

/**
 * Who may take the steps on a case that are no task of a queue (used by the security filter chain, before any body is
 * read): a case worker or lead of an agency that plays the part the step belongs to. Which cases follows in the
 * controller (404 for a case the caller's agency is not involved in).
 */
@Component
public class CaseStepAccess {

    private final JurisdictionProperties jurisdiction;
    private final org.nrm.app.config.ServiceDirectoryProperties directory;

    public CaseStepAccess(JurisdictionProperties jurisdiction, org.nrm.app.config.ServiceDirectoryProperties directory) {
        this.jurisdiction = jurisdiction;
        this.directory = directory;
    }

    /** A support plan is opened and kept by a support provider (which one: the plan's owner, in the service). */
    public boolean mayKeepSupportPlan(NrmUser user) {
        return plays(user, AgencyRole.SUPPORT_PROVIDER);
    }

    /** A service referral is read and answered by the staff of the agency acting for a provider of the directory. */
    public boolean actsForServiceProvider(NrmUser user) {
        return (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD)) && directory.operatesProvider(user.agency());
    }

    /** Identification (indicators, exploitation): first responders and the competent authority. */
    public boolean mayUpdateIdentification(NrmUser user) {
        return plays(user, AgencyRole.FIRST_RESPONDER, AgencyRole.COMPETENT_AUTHORITY);
    }

    /** The documents used to cross the border: first responders (border police among them) and immigration. */
    public boolean mayRecordTravelDocuments(NrmUser user) {
        return plays(user, AgencyRole.FIRST_RESPONDER, AgencyRole.IMMIGRATION_AUTHORITY);
    }

    /** A child's guardian is replaced by child services. */
    public boolean mayReplaceGuardian(NrmUser user) {
        return plays(user, AgencyRole.CHILD_SERVICES);
    }

    /** Move-on support is ended early by the support or shelter provider. */
    public boolean mayEndMoveOnSupport(NrmUser user) {
        return plays(user, AgencyRole.SUPPORT_PROVIDER, AgencyRole.SHELTER_PROVIDER);
    }

    /** Residence permits are renewed and revoked by the immigration authority. */
    public boolean mayDecideResidencePermits(NrmUser user) {
        return plays(user, AgencyRole.IMMIGRATION_AUTHORITY);
    }

    /** Disqualification and reopening are the competent authority's. */
    public boolean isCompetentAuthority(NrmUser user) {
        return plays(user, AgencyRole.COMPETENT_AUTHORITY);
    }

    /**
     * Consent is taken, and its withdrawal recorded, by the agencies in contact with the person for their protection:
     * first responders, support and shelter providers, child services and the competent authority (not immigration or
     * return services, whom a person may have reason to fear).
     */
    public boolean mayTakeConsent(NrmUser user) {
        return plays(user, AgencyRole.FIRST_RESPONDER, AgencyRole.SUPPORT_PROVIDER, AgencyRole.SHELTER_PROVIDER,
                AgencyRole.CHILD_SERVICES, AgencyRole.COMPETENT_AUTHORITY);
    }

    /** An investigation is recorded by the law-enforcement agency that opened it (issue 17). */
    public boolean mayOpenInvestigation(NrmUser user) {
        return plays(user, AgencyRole.LAW_ENFORCEMENT);
    }

    /** The person's cooperation and their protection as a witness: law enforcement and the prosecution. */
    public boolean mayRecordCooperation(NrmUser user) {
        return plays(user, AgencyRole.LAW_ENFORCEMENT, AgencyRole.PROSECUTION);
    }

    /** Charges, verdict, sentence and compensation: the prosecution. */
    public boolean mayRecordProsecutionOutcome(NrmUser user) {
        return plays(user, AgencyRole.PROSECUTION);
    }

    /**
     * The criminal case's facts: law enforcement and the prosecution, the competent authority, and immigration (the
     * permit ground of cooperation); each on the cases it is involved in or investigates or prosecutes.
     */
    public boolean mayReadCriminalCase(NrmUser user) {
        return plays(user, AgencyRole.LAW_ENFORCEMENT, AgencyRole.PROSECUTION, AgencyRole.COMPETENT_AUTHORITY,
                AgencyRole.IMMIGRATION_AUTHORITY);
    }

    /** The journey: first responders (border police among them), law enforcement and immigration. */
    public boolean mayRecordJourney(NrmUser user) {
        return plays(user, AgencyRole.FIRST_RESPONDER, AgencyRole.LAW_ENFORCEMENT, AgencyRole.IMMIGRATION_AUTHORITY);
    }

    /** The trends view and its export: law-enforcement, prosecution and immigration agencies (no personal data). */
    public boolean mayReadTrends(NrmUser user) {
        return plays(user, AgencyRole.LAW_ENFORCEMENT, AgencyRole.PROSECUTION, AgencyRole.IMMIGRATION_AUTHORITY);
    }

    private boolean plays(NrmUser user, AgencyRole... roles) {
        if (!(user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD))) {
            return false;
        }
        for (AgencyRole role : roles) {
            if (jurisdiction.agencyPlays(user.agency(), role)) {
                return true;
            }
        }
        return false;
    }
}
