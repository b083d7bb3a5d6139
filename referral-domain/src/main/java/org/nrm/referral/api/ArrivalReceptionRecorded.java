package org.nrm.referral.api;

import java.time.Instant;

/** The returning person was met on arrival: by whom, where (both personal) and when. */
public record ArrivalReceptionRecorded(String caseId, PersonalText metBy, PersonalText place, Instant metAt,
                                       Instant recordedAt) {
}
