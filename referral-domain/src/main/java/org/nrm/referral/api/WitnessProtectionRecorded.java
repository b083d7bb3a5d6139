package org.nrm.referral.api;

import java.time.Instant;
import java.util.Set;

/** The protective measures for the person as a witness; {@code notes} is personal data. */
public record WitnessProtectionRecorded(String caseId, Set<ProtectiveMeasure> measures, PersonalText notes,
                                        Instant recordedAt) {

    public WitnessProtectionRecorded {
        measures = measures == null ? Set.of() : Set.copyOf(measures);
    }
}
