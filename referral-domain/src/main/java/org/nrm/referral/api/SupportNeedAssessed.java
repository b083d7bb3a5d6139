package org.nrm.referral.api;

import java.time.Instant;

/** A need of the person was assessed on the plan. */
public record SupportNeedAssessed(String planId, String caseId, SupportNeed need, PersonalText notes,
                                  Instant assessedAt) {
}
