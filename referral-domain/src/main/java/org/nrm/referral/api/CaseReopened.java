package org.nrm.referral.api;

import java.time.Instant;

/**
 * The case was reopened and stands again where it stood before closure: {@code resumeAt} is the step the mechanism
 * takes up, with the facts that step needs ({@code child}, {@code guardianNeeded}, the deadlines in force: a new
 * reasonable-grounds target when the decision is still due, the recovery period's and the reconsideration window's
 * ends). {@code reason} is personal data.
 */
public record CaseReopened(String caseId, PersonalText reason, CaseStage stage, ResumePoint resumeAt, boolean child,
                           boolean guardianNeeded, DecisionKind negativeDecision, Instant reasonableGroundsDueAt,
                           Instant recoveryPeriodEndsAt, Instant reconsiderationWindowEndsAt, Instant reopenedAt) {
}
