package org.nrm.workflow.tasks;

/** A request about a task that cannot be carried out; {@link Kind} says why, for the API's status code. */
public class WorkflowException extends RuntimeException {

    public enum Kind {
        /** The task does not exist or is not visible to the caller's agency. */
        NOT_FOUND,
        /** The task was already completed, or is claimed by someone else. */
        CONFLICT,
        /** The completion body breaks the task's schema. */
        INVALID_INPUT
    }

    private final Kind kind;
    private final String field;

    private WorkflowException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static WorkflowException notFound(String taskId) {
        return new WorkflowException(Kind.NOT_FOUND, null, "No open task " + taskId + " for your agency.");
    }

    public static WorkflowException conflict(String message) {
        return new WorkflowException(Kind.CONFLICT, null, message);
    }

    public static WorkflowException invalid(String field, String message) {
        return new WorkflowException(Kind.INVALID_INPUT, field, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The offending field of the request body, for {@link Kind#INVALID_INPUT}. */
    public String field() {
        return field;
    }
}
