package org.nrm.referral.api;

/**
 * Trafficking indicators and means of control recorded at identification (HTCDS v2.0). The last five are the means of
 * control of HTCDS 2.0's {@code vic_MethodsOfControl} (ThreatsLawEnforcement, RestrictsFinancialAccess,
 * RestrictsMedicalCare, WithholdsNecessities) and CTDC's {@code meansOfControlUsesChildren} that no earlier indicator
 * covered.
 */
public enum Indicator {
    DEBT_BONDAGE, DOCUMENTS_WITHHELD, THREATS, THREATS_AGAINST_FAMILY, PHYSICAL_VIOLENCE, SEXUAL_VIOLENCE,
    PSYCHOLOGICAL_ABUSE, RESTRICTED_MOVEMENT, WAGES_WITHHELD, FALSE_PROMISES, EXCESSIVE_WORKING_HOURS,
    SUBSTANCE_DEPENDENCE, ISOLATION, DECEPTIVE_RECRUITMENT, OTHER,
    THREAT_OF_LAW_ENFORCEMENT, RESTRICTED_FINANCIAL_ACCESS, RESTRICTED_MEDICAL_CARE, NECESSITIES_WITHHELD,
    USES_CHILDREN
}
