package org.nrm.referral.api;

/**
 * Who takes a step: a user and the agency they act for. Steps taken by the mechanism itself (timers, deadlines)
 * are taken by {@link #MECHANISM}.
 */
public record Actor(String userId, String agency) {

    public static final Actor MECHANISM = new Actor("system", "mechanism");

    /** Metadata keys under which every event records its actor. */
    public static final String USER_KEY = "actor";
    public static final String AGENCY_KEY = "agency";
}
