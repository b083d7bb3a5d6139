package org.nrm.referral.api;

import java.time.Instant;

/** A case's support plan was opened by its owner, a support provider; its first review falls due at reviewDueAt. */
public record SupportPlanOpened(String planId, String caseId, String ownerAgency, Instant openedAt,
                                Instant reviewDueAt) {
}
