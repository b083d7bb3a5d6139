package org.nrm.workflow.bridge;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.nrm.referral.api.AbandonVoluntaryReturn;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.CompleteVoluntaryReturn;
import org.nrm.referral.api.OpenVoluntaryReturn;
import org.nrm.referral.api.RequestVoluntaryReturn;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.ProcessVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The mechanism's own steps of a voluntary return. */
@Configuration(proxyBeanMethods = false)
class VoluntaryReturnDelegates {

    /**
     * The case checks that return is its chosen durable solution, then the return gets its own record; both in the
     * job's one transaction.
     */
    @Bean("requestVoluntaryReturn")
    JavaDelegate requestVoluntaryReturn(CommandSender commands) {
        return execution -> {
            String caseId = execution.getProcessBusinessKey();
            String returnId = UUID.randomUUID().toString();
            String country = ProcessVariables.COUNTRY_OF_RETURN.from(execution);
            commands.send(new RequestVoluntaryReturn(caseId, returnId, country), Actor.MECHANISM);
            commands.send(new OpenVoluntaryReturn(returnId, caseId, country), Actor.MECHANISM);
            ProcessVariables.RETURN_ID.on(execution, returnId);
        };
    }

    @Bean("abandonVoluntaryReturn")
    JavaDelegate abandonVoluntaryReturn(CommandSender commands) {
        return execution -> commands.send(new AbandonVoluntaryReturn(ProcessVariables.RETURN_ID.from(execution),
                "The risk of return was assessed as HIGH"), Actor.MECHANISM);
    }

    @Bean("completeVoluntaryReturn")
    JavaDelegate completeVoluntaryReturn(CommandSender commands) {
        return execution -> commands.send(new CompleteVoluntaryReturn(ProcessVariables.RETURN_ID.from(execution)),
                Actor.MECHANISM);
    }
}
