package org.nrm.workflow.bridge;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.ApplyForResidencePermit;
import org.nrm.referral.api.ExpireResidencePermit;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.ProcessVariables;
import org.nrm.workflow.jurisdiction.MechanismJurisdiction;
import org.nrm.workflow.queue.Notifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The mechanism's own steps for a foreign victim's residence permit. */
@Configuration(proxyBeanMethods = false)
class ResidencePermitDelegates {

    /** Applies for the permit on the person's behalf; the application gets its own record. */
    @Bean("applyForResidencePermit")
    JavaDelegate applyForResidencePermit(CommandSender commands) {
        return execution -> {
            String applicationId = UUID.randomUUID().toString();
            commands.sendCreating(new ApplyForResidencePermit(applicationId, execution.getProcessBusinessKey()), Actor.MECHANISM);
            ProcessVariables.PERMIT_APPLICATION_ID.on(execution, applicationId);
        };
    }

    /** Reminds the agencies that own the permit's renewal (the immigration authority) that a permit is about to end. */
    @Bean("permitReminder")
    JavaDelegate permitReminder(Notifications notifications, MechanismJurisdiction jurisdiction) {
        return execution -> jurisdiction.candidates(MechanismJurisdiction.PERMIT_RENEWAL).forEach(agency ->
                notifications.notify(agency, Notifications.Audience.EVERYONE, execution.getProcessBusinessKey(),
                        "permit-ending", "A residence permit granted on this case ends soon; consider a renewal."));
    }

    /** The permit's validity ended without a renewal: its expiry is recorded. */
    @Bean("expireResidencePermit")
    JavaDelegate expireResidencePermit(CommandSender commands) {
        return execution -> commands.send(
                new ExpireResidencePermit(ProcessVariables.PERMIT_APPLICATION_ID.from(execution)), Actor.MECHANISM);
    }
}
