package org.nrm.workflow;

import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/** What the mechanism's process of a case is doing, for steps taken on a case outside a task. */
@Component
public class CaseProcesses {

    private final RuntimeService runtime;

    public CaseProcesses(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Whether the case's process still runs (a closure ends it; a closure from outside the flow ends it shortly). */
    public boolean isRunning(String caseId) {
        return running(caseId).isPresent();
    }

    /**
     * The residence permit application whose permit the case's process holds in force (waiting for its reminder, its
     * expiry, a renewal or a revocation); empty when there is none.
     */
    public Optional<String> permitInForce(String caseId) {
        return running(caseId).filter(instance -> runtime.createEventSubscriptionQuery()
                        .processInstanceId(instance.getId()).eventName(MechanismProcess.PERMIT_RENEWED).count() > 0)
                .map(instance -> runtime.createVariableInstanceQuery().processInstanceIdIn(instance.getId())
                        .variableName(ProcessVariables.PERMIT_APPLICATION_ID.name()).list().stream()
                        .map(VariableInstance::getValue).map(String.class::cast).findFirst().orElse(null));
    }

    private Optional<ProcessInstance> running(String caseId) {
        return Optional.ofNullable(runtime.createProcessInstanceQuery().processDefinitionKey(MechanismProcess.PROCESS_KEY)
                .processInstanceBusinessKey(caseId).singleResult());
    }
}
