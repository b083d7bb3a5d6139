package org.nrm.app.protection;

/**
 * Why an administrator read a case's personal data (break-glass), as a code that holds no personal data: it stays
 * readable to oversight and after the person's erasure, while the free-text reason is sealed with the person's key.
 */
public enum BreakGlassGround {
    /** a court or another competent authority ordered the disclosure */
    ORDER_OF_AUTHORITY,
    /** the person asked for access to their data, or for its rectification or erasure */
    DATA_SUBJECT_REQUEST,
    /** a danger to the person or to others that cannot wait for the agencies involved */
    SAFEGUARDING_EMERGENCY,
    /** a security or data-protection incident is investigated */
    INCIDENT_INVESTIGATION,
    /** a technical fault of the case is repaired */
    TECHNICAL_SUPPORT,
    /** any other ground: the sealed free-text reason says which */
    OTHER
}
