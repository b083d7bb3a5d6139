package org.nrm.workflow;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;

/**
 * The mechanism's turn for an adult referred as a child without consent, found while the reasonable-grounds decision
 * is open: the decision's task ends (with its deadline timer) and the case waits for the person's consent ("Person
 * consents", where an anonymous notification waits too). Taken by the bridge's correlation job
 * on the domain's {@code AgeAssessed} with {@code consentRequired}, as a process-instance modification.
 *
 * <p>It was a message boundary event on the decision's task. Nearly no case takes it, yet the subscription was written
 * with every referral and read and deleted, with a lookup of the jobs it might have triggered, on every decision
 * (three statements of each decision; issue #19). A case not at its decision when the turn is asked for refuses it,
 * as a message no one waits for did: the job fails, is retried and then shows as an incident.
 */
public final class ConsentRequiredTurn {

    /** The name the bridge's correlation job carries for the turn (the former message's name). */
    public static final String NAME = "consent-required";
    static final String FROM = TaskKey.REASONABLE_GROUNDS_DECISION.key();
    static final String TO = "consent-given";

    private ConsentRequiredTurn() {
    }

    /** Ends the open reasonable-grounds decision of the process instance and waits for the person's consent. */
    public static void take(RuntimeService runtime, String processInstanceId) {
        ActivityInstance tree = runtime.getActivityInstance(processInstanceId);
        if (tree == null || tree.getActivityInstances(FROM).length == 0) {
            throw new ProcessEngineException("Consent required, but process instance " + processInstanceId
                    + " is not at its reasonable-grounds decision");
        }
        runtime.createProcessInstanceModification(processInstanceId)
                .cancelAllForActivity(FROM)
                .startBeforeActivity(TO)
                .execute();
    }
}
