package org.nrm.workflow.bridge;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.nrm.referral.api.AbandonVoluntaryReturn;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.CompleteVoluntaryReturn;
import org.nrm.referral.api.OpenVoluntaryReturn;
import org.nrm.referral.api.RequestVoluntaryReturn;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.MechanismProcess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The mechanism's own steps of a voluntary return. */
@Configuration(proxyBeanMethods = false)
class VoluntaryReturnDelegates {

    static final String RETURN_ID = MechanismProcess.RETURN_ID;

    /**
     * The case checks that return is its chosen durable solution, then the return gets its own record; both in the
     * job's one transaction.
     */
    @Bean("requestVoluntaryReturn")
    JavaDelegate requestVoluntaryReturn(CommandSender commands) {
        return execution -> {
            String caseId = execution.getProcessBusinessKey();
            String returnId = UUID.randomUUID().toString();
            String country = (String) execution.getVariable(MechanismProcess.COUNTRY_OF_RETURN);
            commands.send(new RequestVoluntaryReturn(caseId, returnId, country), Actor.MECHANISM);
            commands.send(new OpenVoluntaryReturn(returnId, caseId, country), Actor.MECHANISM);
            execution.setVariable(RETURN_ID, returnId);
        };
    }

    @Bean("abandonVoluntaryReturn")
    JavaDelegate abandonVoluntaryReturn(CommandSender commands) {
        return execution -> commands.send(new AbandonVoluntaryReturn((String) execution.getVariable(RETURN_ID),
                "The risk of return was assessed as HIGH"), Actor.MECHANISM);
    }

    @Bean("completeVoluntaryReturn")
    JavaDelegate completeVoluntaryReturn(CommandSender commands) {
        return execution -> commands.send(new CompleteVoluntaryReturn((String) execution.getVariable(RETURN_ID)),
                Actor.MECHANISM);
    }
}
