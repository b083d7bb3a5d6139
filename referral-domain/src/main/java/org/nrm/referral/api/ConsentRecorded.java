package org.nrm.referral.api;

import java.time.Instant;
import java.util.Set;

/**
 * The person gave consent for {@code scopes} (data sharing: with {@code sharingAgencies}), taken by a user of an agency,
 * at {@code givenAt}. The older {@link ConsentGiven} (a notification becoming a referral) and a {@link ReferralSubmitted}
 * with consent both read as consent to {@link ConsentScope#REFERRAL}, taken by the event's actor.
 */
public record ConsentRecorded(String caseId, Set<ConsentScope> scopes, Set<String> sharingAgencies,
                              String takenByUser, String takenByAgency, Instant givenAt) {
}
