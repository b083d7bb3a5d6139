package org.nrm.workflow.bridge;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.RecordDeadlineBreach;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.queue.Notifications;
import org.springframework.stereotype.Component;

/**
 * A statutory clock ran out: the breach is recorded on the case (an event), the lead of each agency that owns the
 * step is told, and {@code nrm.deadline.breaches} counts it, tagged by agency and task key.
 */
@Component
class DeadlineBreaches {

    private final CommandSender commands;
    private final Notifications notifications;
    private final MeterRegistry meters;
    private final TaskService tasks;

    DeadlineBreaches(CommandSender commands, Notifications notifications, MeterRegistry meters, TaskService tasks) {
        this.commands = commands;
        this.notifications = notifications;
        this.meters = meters;
        this.tasks = tasks;
    }

    /** The agencies whose queue holds the open task {@code taskKey} of the process instance (its candidate groups). */
    List<String> owningAgencies(String processInstanceId, String taskKey) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).list().stream()
                .flatMap(task -> tasks.getIdentityLinksForTask(task.getId()).stream())
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).distinct().sorted().toList();
    }

    /** The due date of the open task {@code taskKey} of the process instance, if one is open and has one. */
    java.util.Optional<Instant> dueDateOf(String processInstanceId, String taskKey) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).list().stream()
                .map(org.camunda.bpm.engine.task.Task::getDueDate).filter(java.util.Objects::nonNull)
                .map(java.util.Date::toInstant).findFirst();
    }

    void record(String caseId, String taskKey, Instant dueAt, Collection<String> agencies) {
        commands.send(new RecordDeadlineBreach(caseId, taskKey, dueAt), Actor.MECHANISM);
        for (String agency : agencies) {
            notifications.notify(agency, Notifications.Audience.LEADS, caseId, "deadline-breach",
                    "The " + taskKey + " deadline (" + dueAt + ") has passed without the step being taken.");
            meters.counter("nrm.deadline.breaches", "agency", agency, "task", taskKey).increment();
        }
        if (agencies.isEmpty()) {
            meters.counter("nrm.deadline.breaches", "agency", "none", "task", taskKey).increment();
        }
    }
}
