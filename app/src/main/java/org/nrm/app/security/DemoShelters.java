package org.nrm.app.security;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.RegisterShelter;
import org.nrm.referral.api.ShelterType;
import org.nrm.workflow.CommandSender;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The demo jurisdiction's shelters, registered once (a second node or a restart finds them there). */
@Component
@Profile("demo")
class DemoShelters implements ApplicationRunner {

    static final List<RegisterShelter> SHELTERS = List.of(
            new RegisterShelter("shelter-women-north", "Safe House North", ShelterType.ADULT_WOMEN, 12),
            new RegisterShelter("shelter-men-harbour", "Harbour House", ShelterType.ADULT_MEN, 10),
            new RegisterShelter("shelter-children-willow", "Willow Children's Home", ShelterType.CHILDREN, 8),
            new RegisterShelter("shelter-families-east", "Family Refuge East", ShelterType.FAMILIES, 6));

    private final CommandSender commands;
    private final EventStore eventStore;

    DemoShelters(CommandSender commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (RegisterShelter shelter : SHELTERS) {
            if (eventStore.lastSequenceNumberFor(shelter.shelterId()).isEmpty()) {
                try {
                    commands.send(shelter, new Actor("system", "shelter-provider"));
                } catch (AggregateStreamCreationException registeredConcurrently) {
                    // another node registered it at the same moment
                }
            }
        }
    }
}
