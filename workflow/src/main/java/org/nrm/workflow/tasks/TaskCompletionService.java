package org.nrm.workflow.tasks;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.nrm.referral.api.Actor;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.ProcessVariables;
import org.nrm.workflow.TaskKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.nrm.workflow.LostRaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims, hands back, assigns and completes the agencies' tasks. A completion sends the task's command and completes
 * the engine's task in one transaction: the events and the task's end commit together, or neither does.
 *
 * <p>Every step on a task first locks the engine's row of the task ({@code SELECT ... FOR UPDATE} on
 * {@code act_ru_task}) in the caller's transaction, and only then reads the task: who holds it and whether it is still
 * open are checked on what the lock guards, not on a read made before a slow command. Two steps on one task (a
 * completion and a lead's claim, twenty completions at once) take turns; the later one finds the task claimed by
 * someone else or already completed and is refused with a conflict, never carried out on a stale read.
 */
@Service
public class TaskCompletionService {

    private static final Logger log = LoggerFactory.getLogger(TaskCompletionService.class);

    private final TaskService tasks;
    private final CommandSender commands;
    private final JdbcTemplate jdbc;
    private final Map<String, TaskDecision> decisions;

    private final DecisionTimes decisionTimes;

    private final TransactionTemplate transactions;

    TaskCompletionService(TaskService tasks, CommandSender commands, JdbcTemplate jdbc,
                          List<TaskDecision> decisions, DecisionTimes decisionTimes,
                          PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.decisionTimes = decisionTimes;
        this.tasks = tasks;
        this.commands = commands;
        this.jdbc = jdbc;
        this.decisions = decisions.stream().collect(Collectors.toUnmodifiableMap(d -> d.key().key(), Function.identity()));
    }

    /**
     * Completes the task with its decision. Called outside a transaction (a request), the completion runs in one of
     * its own, taken again (at most {@value #ATTEMPTS} times) when it lost a race to a step that committed meanwhile
     * on the same process instance, e.g. the task's deadline timer firing at that moment: the case worker's decision
     * is not refused because the mechanism's own timer happened to run; the later attempt reads what the other step
     * left (a task ended meanwhile is then refused as such). Inside a caller's transaction it joins it and is not
     * taken again (the caller's transaction is spoiled by the failure).
     */
    public void complete(String taskId, Actor actor, Map<String, Object> body) {
        retryingLostRaces(() -> completeOnce(taskId, actor, body));
    }

    static final int ATTEMPTS = 3;

    private void retryingLostRaces(Runnable step) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            transactions.executeWithoutResult(status -> step.run());
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> step.run());
                return;
            } catch (RuntimeException lost) {
                if (attempt >= ATTEMPTS || !LostRaces.isLostRace(lost)) {
                    throw lost;
                }
                log.info("Completion lost a race ({}), taken again: attempt {} of {}", lost.getClass().getSimpleName(),
                        attempt + 1, ATTEMPTS);
            }
        }
    }

    private void completeOnce(String taskId, Actor actor, Map<String, Object> body) {
        OpenTask task = lockOpenTask(taskId, actor.agency());
        if (task.assignee() != null && !task.assignee().equals(actor.userId())) {
            throw WorkflowException.conflict(WorkflowException.TASK_HELD, "The task is claimed by another case worker (" + task.assignee() + ").");
        }
        TaskDecision decision = decisions.get(task.key());
        if (decision == null) {
            throw new IllegalStateException("No decision mapping for task key " + task.key());
        }
        var input = new CompletionInput(body);
        RuntimeException refused = inOneEngineCommand(context -> {
            // the task's variables, the command's events and the task's end in one engine command: the task, its
            // execution and its process definition are read once, not once for the variables and again to complete
            Map<String, Object> variables;
            try {
                variables = new GetTaskVariablesCmd(taskId, null, false, true).execute(context);
            } catch (ProcessEngineException gone) {
                return endedMeanwhile(taskId, gone);
            }
            String caseId = ProcessVariables.CASE_ID.from(variables);
            if (caseId == null) {
                return endedMeanwhile(taskId, null);
            }
            Object result;
            try {
                Object command = decision.command(new TaskContext(taskId, caseId, variables), input);
                decision.variables(input, null); // every field is checked before anything is sent
                input.refuseUnread();
                result = commands.send(command, actor);
            } catch (RuntimeException refusal) {
                // refused before the engine changed anything: the caller's transaction is rolled back by the
                // refusal, thrown once the engine's command has closed (so the engine does not log it as its own)
                return refusal;
            }
            new CompleteTaskCmd(taskId, ProcessVariables.storedWhereStored(decision.variables(input, result),
                    variables)).execute(context);
            return null;
        });
        if (refused != null) {
            throw refused;
        }
        decisionTimes.record(task.created(), task.key(), actor.agency(), body.get("outcome"));
    }

    /**
     * Runs {@code command} as one command of the engine, in the caller's transaction; what it returns is a refusal to
     * throw once it has closed, or null.
     */
    private RuntimeException inOneEngineCommand(Command<RuntimeException> command) {
        return ((ServiceImpl) tasks).getCommandExecutor().execute(command);
    }

    /**
     * Completes a task of key {@code key} with a command the caller builds from the task (a step whose body is not a
     * task completion's, e.g. a report from the public turned into a referral): the same lock, holder and agency checks
     * as {@link #complete}, the command's events and the task's end in one transaction. {@code command} gets the task's
     * case id and may send commands of its own first (they join the transaction).
     */
    @Transactional
    public <T> T completeWith(String taskId, Actor actor, TaskKey key, java.util.function.Function<String, T> command,
                              Map<String, Object> variables) {
        OpenTask task = lockOpenTask(taskId, actor.agency());
        if (task.assignee() != null && !task.assignee().equals(actor.userId())) {
            throw WorkflowException.conflict(WorkflowException.TASK_HELD, "The task is claimed by another case worker (" + task.assignee() + ").");
        }
        if (!key.key().equals(task.key())) {
            throw WorkflowException.notFound(taskId);
        }
        Map<String, Object> stored;
        try {
            stored = tasks.getVariables(taskId);
        } catch (ProcessEngineException gone) {
            throw endedMeanwhile(taskId, gone);
        }
        String caseId = ProcessVariables.CASE_ID.from(stored);
        if (caseId == null) {
            throw endedMeanwhile(taskId, null);
        }
        T result = command.apply(caseId);
        tasks.complete(taskId, ProcessVariables.storedWhereStored(variables, stored));
        decisionTimes.record(task.created(), task.key(), actor.agency(), ProcessVariables.TRIAGE_OUTCOME.from(variables));
        return result;
    }

    /**
     * A case worker takes the task from the agency's queue. Who holds a task is the platform's record, the queue row
     * ({@code work_queue.assignee}, one statement), not an engine command: the engine's assignee is not needed to
     * complete a task, and claiming through the engine read the task, its execution and its process definition again
     * and wrote the task (issue #19; ADR 8). An assignee set in Cockpit reaches the queue through the task listener.
     */
    @Transactional
    public void claim(String taskId, Actor actor) {
        OpenTask task = lockOpenTask(taskId, actor.agency());
        if (actor.userId().equals(task.assignee())) {
            return;
        }
        if (task.assignee() != null) {
            throw WorkflowException.conflict(WorkflowException.TASK_HELD, "The task is already claimed by " + task.assignee() + ".");
        }
        hold(taskId, task, actor.userId());
    }

    /**
     * The task goes back to the agency's queue. Only its holder, or a lead of the agency ({@code lead}), hands it
     * back; anyone else is refused with a conflict. A task nobody holds stays as it is.
     */
    @Transactional
    public void unclaim(String taskId, Actor actor, boolean lead) {
        OpenTask task = lockOpenTask(taskId, actor.agency());
        if (task.assignee() == null) {
            return;
        }
        if (!lead && !task.assignee().equals(actor.userId())) {
            throw WorkflowException.conflict(WorkflowException.TASK_HELD, "The task is held by " + task.assignee()
                    + "; only they or a lead of the agency can hand it back.");
        }
        hold(taskId, task, null);
    }

    /**
     * A lead gives a task of their agency to a case worker, or back to the queue ({@code assignee} null). Whether the
     * assignee may hold the agency's tasks is the caller's to check (the platform's directory of users).
     */
    @Transactional
    public void assign(String taskId, Actor lead, String assignee) {
        OpenTask task = lockOpenTask(taskId, lead.agency());
        hold(taskId, task, assignee == null || assignee.isBlank() ? null : assignee.strip());
    }

    /**
     * The task's holder in every candidate agency's queue row (the task is locked). An engine assignee (one set in
     * Cockpit, or by a claim before the platform held its own record) is cleared first, so that the engine's task
     * listener cannot bring it back over the platform's record.
     */
    private void hold(String taskId, OpenTask task, String holder) {
        if (task.engineAssignee() != null) {
            tasks.setAssignee(taskId, null);
        }
        if (jdbc.update("UPDATE work_queue SET assignee = ? WHERE task_id = ?", holder, taskId) == 0) {
            throw new IllegalStateException("Task " + taskId + " is open in the engine but in no agency's queue");
        }
    }

    /**
     * What a step needs of an open task: who holds it (the agency's queue row; the engine's assignee where the row is
     * missing), its key, when it was made, and the engine's own assignee.
     */
    private record OpenTask(String assignee, String key, java.time.Instant created, String engineAssignee) {
    }

    /**
     * Locks the engine's row of the task for the rest of the transaction and reads it as the lock leaves it: a step
     * on the task that committed while this one waited is seen (the task gone). The task counts as open for the
     * agency while the agency is one of its candidate groups (as the engine's task query by candidate group, assigned
     * tasks included, reads it). Its holder is read after the lock, in a statement of its own: a statement that waited
     * for the lock sees the locked row as it is now but the rows it joined as they were when it began, so a claim that
     * committed meanwhile would be missed.
     */
    private OpenTask lockOpenTask(String taskId, String agency) {
        OpenTask task = lockOpenTask(taskId, agency, """
                SELECT t.task_def_key_, t.create_time_, t.assignee_ FROM act_ru_task t
                 WHERE t.id_ = ? AND EXISTS (SELECT 1 FROM act_ru_identitylink l WHERE l.task_id_ = t.id_
                                                AND l.type_ = 'candidate' AND l.group_id_ = ?)
                   FOR UPDATE OF t""");
        List<String> holder = jdbc.query("SELECT assignee FROM work_queue WHERE task_id = ? AND agency = ?",
                (rs, i) -> rs.getString(1), taskId, agency);
        return holder.isEmpty() ? task : new OpenTask(holder.get(0), task.key(), task.created(), task.engineAssignee());
    }

    private OpenTask lockOpenTask(String taskId, String agency, String sql) {
        List<OpenTask> found = jdbc.query(sql, (rs, i) -> {
            java.sql.Timestamp created = rs.getTimestamp(2);
            String engineAssignee = rs.getString(3);
            return new OpenTask(engineAssignee, rs.getString(1), created == null ? null : created.toInstant(),
                    engineAssignee);
        }, taskId, agency);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        List<String> ended = endedBefore(taskId, agency);
        if (ended.contains("completed")) {
            throw WorkflowException.conflict(WorkflowException.TASK_COMPLETED, "Task " + taskId + " was already completed.");
        }
        if (!ended.isEmpty()) {
            throw WorkflowException.conflict(WorkflowException.TASK_ENDED, "Task " + taskId
                    + " is no longer open: it ended without a decision (a deadline, the case's closure or a turn of"
                    + " the mechanism). The case's current tasks are in the queues.");
        }
        throw WorkflowException.notFound(taskId);
    }

    /** Whether the task was in the agency's queue and has ended (decided, or ended by a deadline or a closure). */
    public boolean endedInQueueOf(String taskId, String agency) {
        return !endedBefore(taskId, agency).isEmpty();
    }

    /**
     * How the task ended if it was in the agency's queue ({@code completed} or {@code deleted}), or nothing: the
     * platform's record, written as it ended.
     */
    private List<String> endedBefore(String taskId, String agency) {
        return jdbc.queryForList("SELECT ended FROM completed_task WHERE task_id = ? AND agency = ?", String.class,
                taskId, agency);
    }

    /** The task ended while this request read it (the lock makes this rare: a timer or closure ended it). */
    private RuntimeException endedMeanwhile(String taskId, ProcessEngineException cause) {
        if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
            return WorkflowException.conflict(WorkflowException.TASK_ENDED, "Task " + taskId + " ended while this request was being handled.");
        }
        return cause != null ? cause : new IllegalStateException("Task " + taskId + " has no case id");
    }
}
