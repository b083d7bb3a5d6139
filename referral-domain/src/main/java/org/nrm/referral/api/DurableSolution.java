package org.nrm.referral.api;

/** The durable solution for a recognised victim: stay, return to the country of origin, or a third country. */
public enum DurableSolution { INTEGRATION, VOLUNTARY_RETURN, RESETTLEMENT }
