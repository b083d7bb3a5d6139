package org.nrm.workflow;

import java.util.Date;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.camunda.bpm.engine.RuntimeService;
import org.nrm.referral.api.AnonymousNotificationMade;
import org.nrm.referral.api.ReferralSubmitted;
import org.springframework.stereotype.Component;

/**
 * Turns domain events into steps of the mechanism's process. It is a subscribing processor: it runs in the
 * transaction of the command that caused the event, so a referral and its process instance commit together.
 * Handlers are idempotent: a redelivered event finds the step already taken and does nothing.
 */
@Component
@ProcessingGroup(WorkflowBridge.PROCESSING_GROUP)
public class WorkflowBridge {

    public static final String PROCESSING_GROUP = "workflow-bridge";

    private final RuntimeService runtime;
    private final WorkQueue workQueue;

    public WorkflowBridge(RuntimeService runtime, WorkQueue workQueue) {
        this.runtime = runtime;
        this.workQueue = workQueue;
    }

    @EventHandler
    void on(AnonymousNotificationMade event) {
        workQueue.recordInvolvement(event.caseId(), event.referringAgency(), event.notifiedAt(), "notified");
    }

    @EventHandler
    void on(ReferralSubmitted event) {
        workQueue.recordInvolvement(event.caseId(), event.referringAgency(), event.referredAt(), "referred");
        boolean started = runtime.createProcessInstanceQuery()
                .processDefinitionKey(MechanismProcess.PROCESS_KEY)
                .processInstanceBusinessKey(event.caseId())
                .count() > 0;
        if (started) {
            return;
        }
        runtime.createProcessInstanceByKey(MechanismProcess.PROCESS_KEY)
                .businessKey(event.caseId())
                .setVariables(Map.of(
                        MechanismProcess.CASE_ID, event.caseId(),
                        MechanismProcess.CHILD, event.presumedChild(),
                        MechanismProcess.FOREIGN_NATIONAL, event.foreignNational(),
                        MechanismProcess.NEEDS_ACCOMMODATION, event.needsAccommodation(),
                        MechanismProcess.REASONABLE_GROUNDS_DUE_AT, Date.from(event.reasonableGroundsDueAt())))
                .execute();
    }
}
