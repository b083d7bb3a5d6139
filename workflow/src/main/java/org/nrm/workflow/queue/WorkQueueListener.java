package org.nrm.workflow.queue;

import java.sql.Timestamp;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.nrm.workflow.ProcessVariables;
import org.nrm.workflow.TaskKey;
import org.nrm.workflow.TransactionScoped;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code work_queue} and {@code case_involvement} in step with the engine's user tasks. It runs inside the
 * engine's transaction, so the queue and the engine commit together or not at all.
 */
class WorkQueueListener implements TaskListener {

    private final JdbcTemplate jdbc;

    WorkQueueListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> created(task);
            case EVENTNAME_ASSIGNMENT -> {
                // a claim or an assignment through the task service fires "update" too, and "assignment" only when
                // its command closes: the row then holds the assignee already
                if (!writtenInThisTransaction(task)) {
                    jdbc.update("UPDATE work_queue SET assignee = ? WHERE task_id = ?", task.getAssignee(),
                            task.getId());
                }
            }
            case EVENTNAME_UPDATE -> {
                if (assigneeChanged(task)) {
                    jdbc.update("UPDATE work_queue SET due_at = ?, assignee = ? WHERE task_id = ?",
                            timestamp(task.getDueDate()), task.getAssignee(), task.getId());
                    written().put(task.getId(), String.valueOf(task.getAssignee()));
                } else {
                    // who holds the task is the platform's record (TaskCompletionService.claim): an update of
                    // anything else in the engine leaves it as it is
                    jdbc.update("UPDATE work_queue SET due_at = ? WHERE task_id = ?", timestamp(task.getDueDate()),
                            task.getId());
                }
            }
            case EVENTNAME_COMPLETE -> ended(task, "completed");
            case EVENTNAME_DELETE -> ended(task, "deleted");
            default -> {
                // timeouts and other events do not change the queue
            }
        }
    }

    /** Whether the engine's assignee of the task changed in this command (an assignment in Cockpit). */
    private static boolean assigneeChanged(DelegateTask task) {
        return !(task instanceof TaskEntity entity) || entity.getPropertyChanges().containsKey(TaskEntity.ASSIGNEE);
    }

    /** Whether this transaction wrote the task's row with the assignee it has now. */
    private static boolean writtenInThisTransaction(DelegateTask task) {
        return String.valueOf(task.getAssignee()).equals(written().get(task.getId()));
    }

    /** The assignee each task's row was written with in the current transaction (none outside one). */
    private static Map<String, String> written() {
        return TransactionScoped.state(WRITTEN_ROWS, HashMap::new);
    }

    private static final Object WRITTEN_ROWS = new Object();

    /**
     * The task leaves the queues and is recorded as ended, in one statement: a repeated completion is answered from
     * {@code completed_task}, the platform's own record (the engine keeps no task history, see LeanHistory).
     */
    private void ended(DelegateTask task, String how) {
        jdbc.update("""
                WITH gone AS (DELETE FROM work_queue WHERE task_id = ? RETURNING task_id, agency, case_id, task_key,
                                                                                 assignee)
                INSERT INTO completed_task (task_id, agency, case_id, task_key, assignee, ended, ended_at)
                SELECT task_id, agency, case_id, task_key, assignee, ?, now() FROM gone
                ON CONFLICT (task_id, agency) DO NOTHING""", task.getId(), how);
    }

    private void created(DelegateTask task) {
        // read from the task's execution: the models set no variable on a task, and reading through the task
        // would first load the new task's own (empty) variables with a statement of its own
        var execution = task.getExecution();
        String caseId = execution.getProcessBusinessKey();
        boolean child = Boolean.TRUE.equals(ProcessVariables.CHILD.from(execution));
        Object detail = TaskKey.SHELTER_PLACEMENT.key().equals(task.getTaskDefinitionKey())
                ? ProcessVariables.SHELTER_TYPE.from(execution) : null;
        var agencies = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(link -> link.getGroupId())
                .distinct()
                .toList();
        for (String agency : agencies) {
            // the queue row and the agency's involvement in the case, in one statement
            jdbc.update("""
                    WITH queued AS (
                        INSERT INTO work_queue (task_id, agency, case_id, task_key, name, created_at, due_at, assignee,
                                                child, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (task_id, agency) DO NOTHING)
                    INSERT INTO case_involvement (case_id, agency, since, reason) VALUES (?, ?, ?, ?)
                    ON CONFLICT (case_id, agency) DO NOTHING""",
                    task.getId(), agency, caseId, task.getTaskDefinitionKey(), task.getName(),
                    timestamp(task.getCreateTime()), timestamp(task.getDueDate()), task.getAssignee(), child,
                    detail == null ? null : detail.toString(),
                    caseId, agency, timestamp(task.getCreateTime()), "task:" + task.getTaskDefinitionKey());
        }
    }

    private static Timestamp timestamp(Date date) {
        return date == null ? null : new Timestamp(date.getTime());
    }
}
