package org.nrm.workflow.tasks;

/** A request about a task that cannot be carried out; {@link Kind} says why, for the API's status code. */
public class WorkflowException extends RuntimeException {

    public enum Kind {
        /** The task does not exist or is not visible to the caller's agency. */
        NOT_FOUND,
        /** The task is no longer open (completed, or ended without a decision), or is claimed by someone else. */
        CONFLICT,
        /** The completion body breaks the task's schema. */
        INVALID_INPUT
    }

    /** The rule a {@link Kind#CONFLICT} names, for the problem's {@code rule}: the task was completed. */
    public static final String TASK_COMPLETED = "task-completed";
    /** The task ended without a decision (a deadline, the case's closure, a turn of the mechanism). */
    public static final String TASK_ENDED = "task-ended";
    /** The task is held by another case worker. */
    public static final String TASK_HELD = "task-held-by-another";
    /** A public report was already triaged. */
    public static final String REPORT_TRIAGED = "report-already-triaged";

    private final Kind kind;
    private final String field;
    private final String rule;

    private WorkflowException(Kind kind, String field, String rule, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
        this.rule = rule;
    }

    public static WorkflowException notFound(String taskId) {
        return new WorkflowException(Kind.NOT_FOUND, null, null, "No open task " + taskId + " for your agency.");
    }

    /** A conflict breaking {@code rule} (one of this class's constants). */
    public static WorkflowException conflict(String rule, String message) {
        return new WorkflowException(Kind.CONFLICT, null, rule, message);
    }

    public static WorkflowException invalid(String field, String message) {
        return new WorkflowException(Kind.INVALID_INPUT, field, null, message);
    }

    /** The rule a {@link Kind#CONFLICT} breaks. */
    public String rule() {
        return rule;
    }

    public Kind kind() {
        return kind;
    }

    /** The offending field of the request body, for {@link Kind#INVALID_INPUT}. */
    public String field() {
        return field;
    }
}
