package org.nrm.workflow.bridge;

import java.util.Date;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.camunda.bpm.engine.RuntimeService;
import org.nrm.referral.api.AgeGroup;
import org.nrm.referral.api.AnonymousNotificationMade;
import org.nrm.referral.api.CaseClosed;
import org.nrm.referral.api.ConsentGiven;
import org.nrm.referral.api.PersonProfile;
import org.nrm.referral.api.ReconsiderationRequested;
import org.nrm.referral.api.RecoveryPeriodExtended;
import org.nrm.referral.api.ReferralSubmitted;
import org.nrm.referral.model.JurisdictionRules;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.ProcessVariables;
import org.nrm.workflow.queue.WorkQueue;
import org.springframework.stereotype.Component;

/**
 * Turns domain events into steps of the mechanism's process. It is a subscribing processor: it runs in the
 * transaction of the command that caused the event. A referral and its process instance commit together; events the
 * process waits for are delivered by an asynchronous correlation job created in that same transaction. Handlers are
 * idempotent: a redelivered event finds the process already started, or the correlation already done.
 */
@Component
@ProcessingGroup(WorkflowBridge.PROCESSING_GROUP)
class WorkflowBridge {

    static final String PROCESSING_GROUP = "workflow-bridge";

    private final RuntimeService runtime;
    private final WorkQueue workQueue;
    private final JurisdictionRules rules;

    WorkflowBridge(RuntimeService runtime, WorkQueue workQueue, JurisdictionRules rules) {
        this.runtime = runtime;
        this.workQueue = workQueue;
        this.rules = rules;
    }

    @EventHandler
    void on(ReferralSubmitted event) {
        workQueue.recordInvolvement(event.caseId(), event.referringAgency(), event.referredAt(), "referred");
        var variables = common(event.caseId(), event.profile(), event.foreignNational());
        ProcessVariables.NOTIFICATION.put(variables, false);
        ProcessVariables.CHILD.put(variables, event.presumedChild());
        ProcessVariables.NEEDS_ACCOMMODATION.put(variables, event.needsAccommodation());
        ProcessVariables.REASONABLE_GROUNDS_DUE_AT.put(variables, Date.from(event.reasonableGroundsDueAt()));
        if (event.presumedChild()) {
            // read only on the child's path (the guardian's timer, the age assessment's gateway)
            ProcessVariables.AGE_UNCERTAIN.put(variables,
                    event.profile().ageUncertain() || event.profile().ageGroup() == AgeGroup.UNKNOWN);
            ProcessVariables.GUARDIAN_DUE_AT.put(variables,
                    Date.from(rules.daysAfter(event.referredAt(), rules.guardianAppointmentDays())));
        }
        start(event.caseId(), variables);
    }

    /** A returning national's case runs the second process model; the opening agency is involved from the start. */
    @EventHandler
    void on(org.nrm.referral.api.ReturningNationalCaseOpened event) {
        workQueue.recordInvolvement(event.caseId(), event.openingAgency(), event.openedAt(), "returning-national");
        boolean started = runtime.createProcessInstanceQuery()
                .processDefinitionKey(MechanismProcess.RETURNING_NATIONAL_PROCESS_KEY)
                .processInstanceBusinessKey(event.caseId())
                .count() > 0;
        if (!started) {
            Map<String, Object> variables = ProcessVariables.variables();
            ProcessVariables.CASE_ID.put(variables, event.caseId());
            ProcessVariables.CHILD.put(variables, event.profile().presumedChild());
            runtime.createProcessInstanceByKey(MechanismProcess.RETURNING_NATIONAL_PROCESS_KEY)
                    .businessKey(event.caseId()).setVariables(variables).execute();
        }
    }

    @EventHandler
    void on(AnonymousNotificationMade event) {
        workQueue.recordInvolvement(event.caseId(), event.referringAgency(), event.notifiedAt(), "notified");
        var variables = common(event.caseId(), event.profile(), event.foreignNational());
        ProcessVariables.NOTIFICATION.put(variables, true);
        ProcessVariables.CHILD.put(variables, false);
        ProcessVariables.NEEDS_ACCOMMODATION.put(variables, false);
        // set by the consent, which the process waits for
        ProcessVariables.REASONABLE_GROUNDS_DUE_AT.put(variables, null);
        start(event.caseId(), variables);
    }

    @EventHandler
    void on(ConsentGiven event, EventMessage<?> message) {
        correlate(message, event.caseId(), "consent-given", Map.of(
                ProcessVariables.REASONABLE_GROUNDS_DUE_AT.name(), Date.from(event.reasonableGroundsDueAt()),
                ProcessVariables.NEEDS_ACCOMMODATION.name(), event.needsAccommodation()));
    }

    @EventHandler
    void on(RecoveryPeriodExtended event, EventMessage<?> message) {
        correlate(message, event.caseId(), "recovery-period-extended",
                Map.of(ProcessVariables.RECOVERY_PERIOD_ENDS_AT.name(), Date.from(event.endsAt())));
    }

    @EventHandler
    void on(ReconsiderationRequested event, EventMessage<?> message) {
        workQueue.recordInvolvement(event.caseId(), event.requestingAgency(), event.requestedAt(), "reconsideration");
        correlate(message, event.caseId(), "reconsideration-requested", Map.of());
    }

    @EventHandler
    void on(CaseClosed event, EventMessage<?> message) {
        correlate(message, event.caseId(), "case-closed", Map.of());
    }

    private static Map<String, Object> common(String caseId, PersonProfile profile, boolean foreignNational) {
        Map<String, Object> variables = ProcessVariables.variables();
        ProcessVariables.CASE_ID.put(variables, caseId);
        ProcessVariables.FOREIGN_NATIONAL.put(variables, foreignNational);
        ProcessVariables.GENDER.put(variables, profile.gender().name());
        if (!profile.citizenships().isEmpty()) {
            // read only by a voluntary return (an absent variable reads as null, as a null one did)
            ProcessVariables.COUNTRY_OF_RETURN.put(variables, profile.citizenships().get(0));
        }
        return variables;
    }

    private void start(String caseId, Map<String, Object> variables) {
        boolean started = runtime.createProcessInstanceQuery()
                .processDefinitionKey(MechanismProcess.PROCESS_KEY)
                .processInstanceBusinessKey(caseId)
                .count() > 0;
        if (!started) {
            runtime.createProcessInstanceByKey(MechanismProcess.PROCESS_KEY).businessKey(caseId)
                    .setVariables(variables).execute();
        }
    }

    private void correlate(EventMessage<?> message, String caseId, String messageName, Map<String, Object> variables) {
        Map<String, Object> job = DomainEventCorrelator.job(caseId, messageName, message.getIdentifier(), variables);
        runtime.createProcessInstanceByKey(MechanismProcess.CORRELATION_PROCESS_KEY).businessKey(caseId)
                .setVariables(job).execute();
    }
}
