package org.nrm.workflow.jurisdiction;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.nrm.workflow.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * The mechanism's "Pick the shelter type" business rule task: the jurisdiction's table {@code shelter-type} (latest
 * deployed version, {@link LatestDecisions}) on the case's process variables, its single entry as {@code shelterType}
 * (as the task's {@code decisionRef} with {@code mapDecisionResult="singleEntry"} did).
 */
@Component("shelterTypeDecision")
public class ShelterTypeDecision implements JavaDelegate {

    static final String DECISION_KEY = "shelter-type";

    private final LatestDecisions decisions;

    public ShelterTypeDecision(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String type = decisions.evaluate(DECISION_KEY, execution.getVariables()).getSingleEntry();
        ProcessVariables.SHELTER_TYPE.on(execution, type);
    }
}
