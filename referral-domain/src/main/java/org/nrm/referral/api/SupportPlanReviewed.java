package org.nrm.referral.api;

import java.time.Instant;

/** The plan's owner reviewed the plan; the next review falls due at nextReviewDueAt. */
public record SupportPlanReviewed(String planId, String caseId, PersonalText notes, Instant reviewedAt,
                                  Instant nextReviewDueAt) {
}
