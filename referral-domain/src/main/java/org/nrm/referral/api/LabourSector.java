package org.nrm.referral.api;

/**
 * The sector of forced labour: CTDC's {@code typeOfLabour*} columns (2021 global dataset), value for value
 * ({@code NotSpecified} is what the export writes when none is recorded).
 */
public enum LabourSector {
    AGRICULTURE, AQUAFARMING, BEGGING, CONSTRUCTION, DOMESTIC_WORK, HOSPITALITY, ILLICIT_ACTIVITIES, MANUFACTURING,
    MINING_OR_DRILLING, PEDDLING, TRANSPORTATION, OTHER
}
