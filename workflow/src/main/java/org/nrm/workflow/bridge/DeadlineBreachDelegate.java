package org.nrm.workflow.bridge;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.nrm.workflow.ProcessVariables;
import org.nrm.workflow.jurisdiction.MechanismJurisdiction;
import org.springframework.stereotype.Component;

/**
 * A statutory deadline passed with the step not taken: the breach is recorded on the case, the lead of the agency that
 * owns the open task ({@code taskKey}) is told, and {@code nrm.deadline.breaches} counts it. The task stays open. A
 * clock no task stands for (a permit's end) is owned by the agencies the jurisdiction gives that responsibility
 * ({@link MechanismJurisdiction#candidates(String)} of the {@code taskKey}). Without a {@code dueAt} the breach is
 * of the open task's own due date (a target the task set when it opened: the conclusive-grounds and reconsideration
 * decisions).
 */
@Component("deadlineBreach")
class DeadlineBreachDelegate implements JavaDelegate {

    private final DeadlineBreaches breaches;
    private final MechanismJurisdiction jurisdiction;

    DeadlineBreachDelegate(DeadlineBreaches breaches, MechanismJurisdiction jurisdiction) {
        this.breaches = breaches;
        this.jurisdiction = jurisdiction;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = execution.getProcessBusinessKey();
        String taskKey = ProcessVariables.TASK_KEY.from(execution);
        Date dueAt = ProcessVariables.DUE_AT.from(execution);
        Instant due = dueAt != null ? dueAt.toInstant()
                : breaches.dueDateOf(execution.getProcessInstanceId(), taskKey).orElseThrow(() ->
                        new IllegalStateException("no due date for the breach of " + taskKey));
        List<String> owners = breaches.owningAgencies(execution.getProcessInstanceId(), taskKey);
        if (owners.isEmpty()) {
            owners = jurisdiction.candidates(taskKey);
        }
        breaches.record(caseId, taskKey, due, owners);
    }
}
