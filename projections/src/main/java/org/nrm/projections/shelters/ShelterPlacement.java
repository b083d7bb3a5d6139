package org.nrm.projections.shelters;

import java.time.Instant;

/** A person's bed: in which shelter, since when, whether a child, and whether placed by a recorded exception. */
public record ShelterPlacement(String caseId, String shelterId, Instant placedAt, boolean child,
                               boolean childPlacementException) {
}
