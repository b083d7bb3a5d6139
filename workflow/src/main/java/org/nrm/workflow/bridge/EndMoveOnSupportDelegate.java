package org.nrm.workflow.bridge;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.Deadlines;
import org.nrm.referral.api.EndMoveOnSupport;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.TaskKey;
import org.springframework.stereotype.Component;

/**
 * A move-on support period's timer fired: the support ends (the case decides whether its end has come; a later period
 * has its own timer, an early end leaves nothing to do). Support that ends while the person's durable solution is still
 * to be chosen is a breach, for the agency that owns that choice.
 */
@Component("endMoveOnSupport")
class EndMoveOnSupportDelegate implements JavaDelegate {

    static final String DURABLE_SOLUTION = TaskKey.DURABLE_SOLUTION.key();

    private final CommandSender commands;
    private final DeadlineBreaches breaches;

    EndMoveOnSupportDelegate(CommandSender commands, DeadlineBreaches breaches) {
        this.commands = commands;
        this.breaches = breaches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = execution.getProcessBusinessKey();
        Deadlines result = commands.send(EndMoveOnSupport.atPeriodEnd(caseId), Actor.MECHANISM);
        Instant endedAt = result.at().get(Deadlines.Deadline.MOVE_ON_SUPPORT_ENDED);
        if (endedAt == null) {
            return;
        }
        List<String> owners = breaches.owningAgencies(execution.getProcessInstanceId(), DURABLE_SOLUTION);
        if (!owners.isEmpty()) {
            breaches.record(caseId, DURABLE_SOLUTION, endedAt, owners);
        }
    }
}
