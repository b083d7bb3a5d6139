package org.nrm.referral.api;

/** The part an agency plays in the mechanism; one agency may play several. */
public enum AgencyRole {
    FIRST_RESPONDER, SUPPORT_PROVIDER, COMPETENT_AUTHORITY, SHELTER_PROVIDER, CHILD_SERVICES, IMMIGRATION_AUTHORITY,
    RETURN_ORGANISATION, OVERSIGHT,
    /** Police and border police as investigators of the crime (issue 17): the criminal case, the trends view. */
    LAW_ENFORCEMENT,
    /** The prosecution service: charges, verdicts and sentences (issue 17). */
    PROSECUTION
}
