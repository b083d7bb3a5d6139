package org.nrm.workflow;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.nrm.referral.api.Actor;
import org.springframework.stereotype.Component;

/**
 * Sends a command on behalf of an actor and waits for it: the actor travels in the command's metadata and, through
 * the correlation data providers, into every event the command causes. Joins the caller's transaction.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;

    public CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command, Actor actor) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(Actor.USER_KEY, actor.userId(), Actor.AGENCY_KEY, actor.agency())));
    }
}
