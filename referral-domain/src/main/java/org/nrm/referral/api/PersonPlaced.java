package org.nrm.referral.api;

import java.time.Instant;

/**
 * The person of a case took a bed in the shelter. {@code child}: treated as a child when placed;
 * {@code childPlacementException}: the best-interests assessment's reason for placing a child outside a children's or
 * families' shelter (null when none was needed).
 */
public record PersonPlaced(String shelterId, String caseId, Instant placedAt, boolean child,
                           PersonalText childPlacementException) {

    public PersonPlaced(String shelterId, String caseId, Instant placedAt) {
        this(shelterId, caseId, placedAt, false, null);
    }
}
