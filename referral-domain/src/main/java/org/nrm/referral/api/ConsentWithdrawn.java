package org.nrm.referral.api;

import java.time.Instant;
import java.util.Set;

/**
 * The person withdrew consent for {@code scope} (data sharing: for {@code agencies}), recorded by a user of an agency.
 * What it covered stops: an agency no longer sharing reads the person's data withheld, a handover abroad is refused,
 * and an adult's case without consent to referral is closed ({@code closesCase}, a {@link CaseClosed} follows).
 */
public record ConsentWithdrawn(String caseId, ConsentScope scope, Set<String> agencies, PersonalText reason,
                               String withdrawnByUser, String withdrawnByAgency, Instant withdrawnAt,
                               boolean closesCase) {
}
