package org.nrm.referral.api;

import java.time.Instant;

/**
 * The identification (exploitation types, location, indicators) now reads as given; {@code exploitationDetails}, when
 * not null, replaces the circumstances recorded at referral (null, as in every event stored before the field: they
 * stay as they were).
 */
public record IdentificationUpdated(String caseId, Exploitation exploitation, Instant updatedAt,
                                    ExploitationDetails exploitationDetails) {

    public IdentificationUpdated(String caseId, Exploitation exploitation, Instant updatedAt) {
        this(caseId, exploitation, updatedAt, null);
    }
}
