package org.nrm.referral.api;

import java.time.Instant;

/** The person departed and was handed over to the receiving organisation; follow-ups are due at followUpsDueAt. */
public record PersonDeparted(String returnId, String caseId, PersonalText receivingOrganisation, Instant departedAt, java.util.List<Instant> followUpsDueAt) {
}
