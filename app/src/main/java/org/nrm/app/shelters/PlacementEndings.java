package org.nrm.app.shelters;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.nrm.projections.shelters.Shelters;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.CaseClosed;
import org.nrm.referral.api.DurableSolution;
import org.nrm.referral.api.DurableSolutionChosen;
import org.nrm.referral.api.EndPlacement;
import org.nrm.referral.api.PersonDeparted;
import org.nrm.referral.api.PlacementEndReason;
import org.nrm.workflow.CommandSender;
import org.springframework.stereotype.Component;

/**
 * Frees the bed when the mechanism moves the person on: the case closes, the person departs on a voluntary return,
 * or integration is chosen as the durable solution. A subscribing processor (see {@code application.yml}): the
 * placement ends in the transaction of the step that caused it, by the same actor, so the bed is never held by a
 * closed case and never freed by a step that was rolled back. Idempotent: a person without a bed is left alone.
 */
@Component
@ProcessingGroup(PlacementEndings.PROCESSING_GROUP)
public class PlacementEndings {

    public static final String PROCESSING_GROUP = "shelter-placement-endings";

    private final Shelters shelters;
    private final CommandSender commands;

    public PlacementEndings(Shelters shelters, CommandSender commands) {
        this.shelters = shelters;
        this.commands = commands;
    }

    @EventHandler
    void on(CaseClosed event, @MetaDataValue(Actor.USER_KEY) String user, @MetaDataValue(Actor.AGENCY_KEY) String agency) {
        end(event.caseId(), PlacementEndReason.CASE_CLOSED, user, agency);
    }

    @EventHandler
    void on(PersonDeparted event, @MetaDataValue(Actor.USER_KEY) String user,
            @MetaDataValue(Actor.AGENCY_KEY) String agency) {
        end(event.caseId(), PlacementEndReason.RETURNED, user, agency);
    }

    @EventHandler
    void on(DurableSolutionChosen event, @MetaDataValue(Actor.USER_KEY) String user,
            @MetaDataValue(Actor.AGENCY_KEY) String agency) {
        if (event.solution() == DurableSolution.INTEGRATION) {
            end(event.caseId(), PlacementEndReason.INTEGRATED, user, agency);
        }
    }

    private void end(String caseId, PlacementEndReason reason, String user, String agency) {
        shelters.placementOf(caseId).ifPresent(placement -> commands.send(
                new EndPlacement(placement.shelterId(), caseId, reason, null),
                new Actor(user == null ? "system" : user, agency == null ? "system" : agency)));
    }
}
