package org.nrm.app.security;

import org.nrm.workflow.TaskKey;
import org.nrm.workflow.jurisdiction.MechanismJurisdiction;
import org.springframework.stereotype.Component;

/**
 * Who triages reports from the public: case workers and leads of the agencies whose queue holds the triage task
 * ({@code nrm.jurisdiction.task-queues.public-report-triage}, else every first responder). Turning a report into a
 * referral is a case worker's, as every referral is.
 */
@Component
public class ReportTriageAccess {

    private final MechanismJurisdiction jurisdiction;

    public ReportTriageAccess(MechanismJurisdiction jurisdiction) {
        this.jurisdiction = jurisdiction;
    }

    public boolean isTriager(NrmUser user) {
        return (user.is(UserRole.CASE_WORKER) || user.is(UserRole.LEAD))
                && jurisdiction.candidates(TaskKey.PUBLIC_REPORT_TRIAGE.key()).contains(user.agency());
    }

    public boolean mayRefer(NrmUser user) {
        return user.is(UserRole.CASE_WORKER) && isTriager(user);
    }
}
