package org.nrm.referral.model;

import org.nrm.referral.api.CooperationStatus;

/**
 * The person's cooperation with the criminal investigation as the case's events record it (the last
 * {@code CooperationRecorded}), read where a decision depends on it: a residence permit on the ground
 * {@code INVESTIGATION_COOPERATION}. Implemented outside the domain from the event store (strongly consistent).
 */
public interface InvestigationCooperation {

    /** The person's cooperation status in the case, or null when none was recorded. */
    CooperationStatus of(String caseId);
}
