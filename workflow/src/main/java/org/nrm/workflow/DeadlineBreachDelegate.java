package org.nrm.workflow;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.nrm.referral.api.AgencyRole;
import org.springframework.stereotype.Component;

/**
 * A statutory deadline passed with the step not taken: the breach is recorded on the case, the lead of the agency that
 * owns the open task ({@code taskKey}) is told, and {@code nrm.deadline.breaches} counts it. The task stays open. A
 * clock no task stands for (a permit's end) names the owning agencies by their part ({@code agencyRole}).
 */
@Component("deadlineBreach")
class DeadlineBreachDelegate implements JavaDelegate {

    private final DeadlineBreaches breaches;
    private final AgencyDirectory agencies;

    DeadlineBreachDelegate(DeadlineBreaches breaches, AgencyDirectory agencies) {
        this.breaches = breaches;
        this.agencies = agencies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = execution.getProcessBusinessKey();
        String taskKey = (String) execution.getVariable("taskKey");
        Date dueAt = (Date) execution.getVariable("dueAt");
        String role = (String) execution.getVariableLocal("agencyRole");
        List<String> owners = role != null ? agencies.playing(AgencyRole.valueOf(role))
                : breaches.owningAgencies(execution.getProcessInstanceId(), taskKey);
        breaches.record(caseId, taskKey, dueAt.toInstant(), owners);
    }
}
