package org.nrm.referral.api;

import java.time.Instant;

/**
 * A signed handover package of the case was issued ({@code packageId}, signed with key {@code keyId});
 * {@code personalDataIncluded} says whether the person's personal data went with it.
 */
public record HandoverExported(String caseId, String packageId, String keyId, boolean personalDataIncluded,
                               Instant exportedAt) {
}
