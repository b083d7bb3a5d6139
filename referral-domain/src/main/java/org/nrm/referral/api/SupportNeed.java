package org.nrm.referral.api;

/**
 * A need of the person a support plan assesses, and the kind of service a referral asks a provider for (public
 * contract values; oversight counts services by these).
 */
public enum SupportNeed {
    ACCOMMODATION, MEDICAL, PSYCHOLOGICAL, LEGAL_ADVICE_AND_REPRESENTATION, INTERPRETATION, SUBSISTENCE,
    EDUCATION_AND_VOCATIONAL_TRAINING, EMPLOYMENT, FAMILY_TRACING, SAFE_RETURN_OR_REINTEGRATION
}
