package org.nrm.workflow;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.RecordDeadlineBreach;
import org.springframework.stereotype.Component;

/**
 * A statutory deadline passed with the task still open: the breach is recorded on the case, the agency's lead is told,
 * and {@code nrm.deadline.breaches} counts it. The task stays open.
 */
@Component("deadlineBreach")
class DeadlineBreachDelegate implements JavaDelegate {

    private final CommandSender commands;
    private final Notifications notifications;
    private final MeterRegistry meters;

    DeadlineBreachDelegate(CommandSender commands, Notifications notifications, MeterRegistry meters) {
        this.commands = commands;
        this.notifications = notifications;
        this.meters = meters;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = execution.getProcessBusinessKey();
        String taskKey = (String) execution.getVariable("taskKey");
        Date dueAt = (Date) execution.getVariable("dueAt");
        commands.send(new RecordDeadlineBreach(caseId, taskKey, dueAt.toInstant()), Actor.MECHANISM);
        notifications.notify("competent-authority", Notifications.Audience.LEADS, caseId, "deadline-breach",
                "The " + taskKey + " deadline (" + dueAt.toInstant() + ") has passed and the task is still open.");
        meters.counter("nrm.deadline.breaches", "task", taskKey).increment();
    }
}
