package org.nrm.referral.api;

import java.time.Instant;

/** The move-on support period ended: at its end, or early ({@code early}, with a reason that is personal data). */
public record MoveOnSupportEnded(String caseId, Instant endedAt, boolean early, PersonalText reason) {

    public MoveOnSupportEnded(String caseId, Instant endedAt) {
        this(caseId, endedAt, false, null);
    }
}
