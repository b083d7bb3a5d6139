package org.nrm.workflow.bridge;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.camunda.bpm.engine.RuntimeService;
import org.nrm.referral.api.PublicReportReceived;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * A report from the public starts its triage (model {@value #PROCESS_KEY}, business key the report's id) in the
 * transaction that received it: the triage task is in the first responder's queue as soon as the receipt is given.
 * Idempotent: a redelivered arrival finds the triage already started.
 */
@Component
@ProcessingGroup(WorkflowBridge.PROCESSING_GROUP)
class PublicReportBridge {

    /** The triage model's process key (public-report-triage.bpmn). */
    static final String PROCESS_KEY = MechanismProcess.PUBLIC_REPORT_PROCESS_KEY;
    /** When the triage falls due. */

    private final RuntimeService runtime;

    PublicReportBridge(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventHandler
    void on(PublicReportReceived event) {
        boolean started = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(event.reportId()).count() > 0;
        if (started) {
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        // the task completion reads the id of what it decides on from caseId: here the report's
        ProcessVariables.CASE_ID.put(variables, event.reportId());
        ProcessVariables.CHILD.put(variables, false);
        ProcessVariables.TRIAGE_DUE_AT.put(variables, Date.from(event.triageDueAt()));
        runtime.createProcessInstanceByKey(PROCESS_KEY).businessKey(event.reportId()).setVariables(variables).execute();
    }
}
