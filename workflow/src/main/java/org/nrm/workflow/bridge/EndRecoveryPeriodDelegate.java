package org.nrm.workflow.bridge;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.Deadlines;
import org.nrm.referral.api.EndRecoveryPeriod;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * The recovery period's timer fired: end the period, unless an extension moved its end meanwhile, in which case the
 * process waits again until the new end the case records.
 */
@Component("endRecoveryPeriod")
class EndRecoveryPeriodDelegate implements JavaDelegate {

    private final CommandSender commands;

    EndRecoveryPeriodDelegate(CommandSender commands) {
        this.commands = commands;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Deadlines deadlines = commands.send(new EndRecoveryPeriod(execution.getProcessBusinessKey()), Actor.MECHANISM);
        var laterEnd = deadlines.at().get(Deadlines.Deadline.RECOVERY_PERIOD_ENDS);
        ProcessVariables.RECOVERY_PERIOD_ENDED.on(execution, laterEnd == null);
        if (laterEnd != null) {
            ProcessVariables.RECOVERY_PERIOD_ENDS_AT.on(execution, Date.from(laterEnd));
        }
    }
}
