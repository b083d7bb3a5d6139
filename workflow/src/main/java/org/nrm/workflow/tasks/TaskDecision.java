package org.nrm.workflow.tasks;

import java.util.Map;
import org.nrm.workflow.TaskKey;

/**
 * What completing one kind of task means: the command it sends, and the variables it hands to the process (the
 * outcome its gateways read, and the deadlines the command recorded).
 */
interface TaskDecision {

    TaskKey key();

    /** Reads and checks the body and returns the command to send; refusals are {@link WorkflowException}s. */
    Object command(TaskContext task, CompletionInput input);

    /** The process variables after the command succeeded with {@code result} (its return value, may be null). */
    Map<String, Object> variables(CompletionInput input, Object result);
}
