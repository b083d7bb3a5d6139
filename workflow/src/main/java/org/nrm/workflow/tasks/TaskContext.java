package org.nrm.workflow.tasks;

import java.util.Map;
import org.nrm.workflow.ProcessVariables;

/** The task being completed: its case and the process variables it can see. */
record TaskContext(String taskId, String caseId, Map<String, Object> variables) {

    public <T> T variable(ProcessVariables.Variable<T> variable) {
        return variable.from(variables);
    }

    public boolean flag(ProcessVariables.Variable<Boolean> variable) {
        return variable.isSetIn(variables);
    }
}
