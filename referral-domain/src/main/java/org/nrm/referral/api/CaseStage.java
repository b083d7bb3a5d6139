package org.nrm.referral.api;

/** Where a case stands in the mechanism (public contract values). */
public enum CaseStage {
    NOTIFICATION, AWAITING_REASONABLE_GROUNDS, RECOVERY_PERIOD, AWAITING_CONCLUSIVE_GROUNDS, SUPPORT, RETURN, CLOSED
}
