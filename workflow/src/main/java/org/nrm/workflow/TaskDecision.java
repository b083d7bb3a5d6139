package org.nrm.workflow;

import java.util.Map;

/** What completing one kind of task means: the command it sends and the variables it hands to the process. */
public interface TaskDecision {

    TaskKey key();

    /** Reads and checks the body and returns the command to send; refusals are {@link WorkflowException}s. */
    Object command(String caseId, CompletionInput input);

    /** The process variables the model's gateways read after the task. */
    Map<String, Object> variables(CompletionInput input);
}
