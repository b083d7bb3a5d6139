package org.nrm.workflow;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.nrm.referral.api.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims and completes the agencies' tasks. A completion sends the task's command and completes the engine's task
 * in one transaction: the events and the task's end commit together, or neither does.
 */
@Service
public class TaskCompletionService {

    private final TaskService tasks;
    private final HistoryService history;
    private final CommandSender commands;
    private final Map<String, TaskDecision> decisions;

    public TaskCompletionService(TaskService tasks, HistoryService history, CommandSender commands,
                                 List<TaskDecision> decisions) {
        this.tasks = tasks;
        this.history = history;
        this.commands = commands;
        this.decisions = decisions.stream().collect(Collectors.toUnmodifiableMap(d -> d.key().key(), Function.identity()));
    }

    @Transactional
    public void complete(String taskId, Actor actor, Map<String, Object> body) {
        Task task = openTask(taskId, actor.agency());
        if (task.getAssignee() != null && !task.getAssignee().equals(actor.userId())) {
            throw WorkflowException.conflict("The task is claimed by another case worker (" + task.getAssignee() + ").");
        }
        TaskDecision decision = decisions.get(task.getTaskDefinitionKey());
        if (decision == null) {
            throw new IllegalStateException("No decision mapping for task key " + task.getTaskDefinitionKey());
        }
        var input = new CompletionInput(body);
        // one engine command for every variable the decision may need (each read loads the execution tree anew)
        Map<String, Object> variables = tasks.getVariables(taskId);
        var context = new TaskContext(taskId, (String) variables.get(MechanismProcess.CASE_ID), variables);
        Object command = decision.command(context, input);
        decision.variables(input, null); // every field is checked before anything is sent
        Object result = commands.send(command, actor);
        tasks.complete(taskId, decision.variables(input, result));
    }

    @Transactional
    public void claim(String taskId, Actor actor) {
        Task task = openTask(taskId, actor.agency());
        if (actor.userId().equals(task.getAssignee())) {
            return;
        }
        if (task.getAssignee() != null) {
            throw WorkflowException.conflict("The task is already claimed by " + task.getAssignee() + ".");
        }
        tasks.claim(taskId, actor.userId());
    }

    /** A case worker hands a task they hold back to the agency's queue. */
    @Transactional
    public void unclaim(String taskId, Actor actor) {
        Task task = openTask(taskId, actor.agency());
        if (task.getAssignee() == null) {
            return;
        }
        if (!actor.userId().equals(task.getAssignee())) {
            throw WorkflowException.conflict("The task is claimed by " + task.getAssignee() + ", not by you.");
        }
        tasks.setAssignee(taskId, null);
    }

    /** A lead gives a task of their agency to a case worker, or back to the queue ({@code assignee} null). */
    @Transactional
    public void assign(String taskId, Actor lead, String assignee) {
        openTask(taskId, lead.agency());
        tasks.setAssignee(taskId, assignee == null || assignee.isBlank() ? null : assignee.strip());
    }

    private Task openTask(String taskId, String agency) {
        Task task = tasks.createTaskQuery().taskId(taskId).taskCandidateGroup(agency).includeAssignedTasks()
                .singleResult();
        if (task != null) {
            return task;
        }
        boolean completedBefore = history.createHistoricTaskInstanceQuery().taskId(taskId)
                .taskHadCandidateGroup(agency).finished().count() > 0;
        if (completedBefore) {
            throw WorkflowException.conflict("Task " + taskId + " was already completed.");
        }
        throw WorkflowException.notFound(taskId);
    }
}
