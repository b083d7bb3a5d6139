package org.nrm.workflow.tasks;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.nrm.referral.api.Deadlines;
import org.nrm.workflow.MechanismDates;

/** Builds the variables a completion hands to the process. */
final class ProcessVariables {

    static final String FOLLOW_UPS_DUE_AT = org.nrm.workflow.MechanismProcess.FOLLOW_UPS_DUE_AT;

    private ProcessVariables() {
    }

    static Map<String, Object> of(Object... namesAndValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }

    /** Adds the deadlines a command returned, as dates the model's timers read. */
    static Map<String, Object> withDeadlines(Map<String, Object> variables, Object result) {
        if (result instanceof Deadlines deadlines) {
            deadlines.at().forEach((name, instant) -> variables.put(name, Date.from(instant)));
            if (!deadlines.followUps().isEmpty()) {
                variables.put(FOLLOW_UPS_DUE_AT, MechanismDates.join(deadlines.followUps()));
            }
        }
        return variables;
    }
}
