package org.nrm.referral.api;

/**
 * Why a person's personal data was erased, as a code that holds no personal data: it stays readable after the erasure
 * (accountability), while the free-text reason is erased with the rest of the person's data.
 */
public enum ErasureGround {
    /** the person asked for erasure (GDPR Art. 17) */
    DATA_SUBJECT_REQUEST,
    /** the retention period of the record has ended */
    RETENTION_PERIOD_ENDED,
    /** the data was processed unlawfully, or consent was withdrawn */
    UNLAWFUL_PROCESSING,
    /** a court or supervisory authority ordered it */
    ORDER_OF_AUTHORITY,
    /** any other ground: the free-text reason says which */
    OTHER
}
