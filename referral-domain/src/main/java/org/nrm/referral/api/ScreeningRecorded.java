package org.nrm.referral.api;

import java.time.Instant;

/**
 * A screening was recorded with the referral: the indicators, whether the person was treated as a child (the means
 * then do not count) and what the indicators point to. Codes only; it decides nothing.
 */
public record ScreeningRecorded(String caseId, Screening screening, boolean child, ScreeningResult result,
                                Instant recordedAt) {
}
