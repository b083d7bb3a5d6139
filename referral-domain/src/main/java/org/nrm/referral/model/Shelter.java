package org.nrm.referral.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.nrm.referral.api.ChangeShelterCapacity;
import org.nrm.referral.api.EndPlacement;
import org.nrm.referral.api.PersonPlaced;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.PlacePerson;
import org.nrm.referral.api.PlacementEnded;
import org.nrm.referral.api.RegisterShelter;
import org.nrm.referral.api.ShelterCapacityChanged;
import org.nrm.referral.api.ShelterRegistered;
import org.nrm.referral.api.ShelterType;

/**
 * A place of safety with a number of beds. Its consistency boundary is the bed count: a placement beyond capacity is
 * refused, so the case waits for a bed rather than the shelter overflowing.
 */
public class Shelter {

    @AggregateIdentifier
    private String shelterId;
    private ShelterType type;
    private int capacity;
    private final Set<String> occupants = new HashSet<>();

    protected Shelter() {
        // for Axon
    }

    @CommandHandler
    public Shelter(RegisterShelter command, Clock clock) {
        if (command.capacity() < 0) {
            throw new CaseRuleViolation("shelter-capacity", "A shelter's capacity cannot be negative.");
        }
        if (command.name() == null || command.name().isBlank() || command.type() == null) {
            throw new CaseRuleViolation("shelter-description", "A shelter needs a name and a type.");
        }
        apply(new ShelterRegistered(command.shelterId(), command.name(), command.type(), command.capacity(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(PlacePerson command, Clock clock) {
        if (occupants.contains(command.caseId())) {
            throw new CaseRuleViolation("already-placed", "The person already has a bed in this shelter.");
        }
        if (occupants.size() >= capacity) {
            throw new CaseRuleViolation("shelter-full",
                    "Every bed of this shelter is taken (" + capacity + "); the placement waits for a free bed.");
        }
        apply(new PersonPlaced(shelterId, command.caseId(), clock.instant()));
    }

    @CommandHandler
    public void handle(EndPlacement command, Clock clock) {
        if (!occupants.contains(command.caseId())) {
            throw new CaseRuleViolation("not-placed", "The person has no bed in this shelter.");
        }
        apply(new PlacementEnded(shelterId, command.caseId(), PersonalText.of(command.reason()), clock.instant()));
    }

    @CommandHandler
    public void handle(ChangeShelterCapacity command, Clock clock) {
        if (command.capacity() < occupants.size()) {
            throw new CaseRuleViolation("capacity-below-occupancy",
                    "The capacity cannot go below the " + occupants.size() + " beds in use.");
        }
        apply(new ShelterCapacityChanged(shelterId, command.capacity(), clock.instant()));
    }

    @EventSourcingHandler
    void on(ShelterRegistered event) {
        shelterId = event.shelterId();
        type = event.type();
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(ShelterCapacityChanged event) {
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(PersonPlaced event) {
        occupants.add(event.caseId());
    }

    @EventSourcingHandler
    void on(PlacementEnded event) {
        occupants.remove(event.caseId());
    }
}
