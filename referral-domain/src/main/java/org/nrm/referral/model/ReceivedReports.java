package org.nrm.referral.model;

/**
 * Whether a report from the public was received, read where a triage names another report: a merge names the report
 * it duplicates, and a report that was never received cannot be that. Implemented outside the domain from the event
 * store (strongly consistent).
 */
public interface ReceivedReports {

    /** Whether a report of this id was received. */
    boolean received(String reportId);
}
