package org.nrm.workflow.tasks;

import java.util.Map;

/** The task being completed: its case and the process variables it can see. */
record TaskContext(String taskId, String caseId, Map<String, Object> variables) {

    public Object variable(String name) {
        return variables.get(name);
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(variables.get(name));
    }
}
