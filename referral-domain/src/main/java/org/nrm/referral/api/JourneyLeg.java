package org.nrm.referral.api;

/**
 * One stage of the person's journey and its country (ISO 3166-1 alpha-2, in clear: the routes agencies learn from).
 * The places and dates of the legs identify the person: they travel sealed beside the legs
 * ({@link JourneyRecorded#placesAndDates()}).
 */
public record JourneyLeg(JourneyStage stage, String country) {
}
