package org.nrm.referral.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.nrm.referral.api.ChangeShelter;
import org.nrm.referral.api.ChangeShelterCapacity;
import org.nrm.referral.api.EndPlacement;
import org.nrm.referral.api.PersonPlaced;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.PlacePerson;
import org.nrm.referral.api.PlacementEnded;
import org.nrm.referral.api.RegisterShelter;
import org.nrm.referral.api.RetireShelter;
import org.nrm.referral.api.ShelterCapacityChanged;
import org.nrm.referral.api.ShelterChanged;
import org.nrm.referral.api.ShelterGroup;
import org.nrm.referral.api.ShelterRegistered;
import org.nrm.referral.api.ShelterRetired;
import org.nrm.referral.api.ShelterType;

/**
 * A place of safety with a number of beds. Its consistency boundary is the bed count: a placement beyond capacity is
 * refused, so the case waits for a bed rather than the shelter overflowing. It also guards who may sleep there: the
 * jurisdiction's matching rule ({@link ShelterMatching}) decides whether the shelter takes the person, and, whatever
 * that rule says, a child goes to a children's or families' shelter only, unless the best-interests assessment
 * recorded an exception with its reason.
 */
public class Shelter {

    public static final String CHILD_IN_ADULT_SHELTER = "child-in-adult-shelter";

    @AggregateIdentifier
    private String shelterId;
    private ShelterType type;
    private int capacity;
    private Set<ShelterGroup> groups = EnumSet.noneOf(ShelterGroup.class);
    private boolean retired;
    private final Map<String, Boolean> occupants = new HashMap<>();

    protected Shelter() {
        // for Axon
    }

    @CommandHandler
    public Shelter(RegisterShelter command, Clock clock) {
        if (command.name() == null || command.name().isBlank() || command.type() == null) {
            throw new CaseRuleViolation("shelter-description", "A shelter needs a name and a type.");
        }
        if (command.capacity() < 0) {
            throw new CaseRuleViolation("shelter-capacity", "A shelter's capacity cannot be negative.");
        }
        Set<ShelterGroup> taken = command.groups() == null || command.groups().isEmpty()
                ? ShelterGroup.defaultsFor(command.type()) : EnumSet.copyOf(command.groups());
        requireGroupsFit(command.type(), taken);
        apply(new ShelterRegistered(command.shelterId(), command.name().strip(), command.type(), command.capacity(),
                taken, command.address(), clock.instant()));
    }

    @CommandHandler
    public void handle(ChangeShelter command, Clock clock) {
        requireInService();
        if (command.name() != null && command.name().isBlank()) {
            throw new CaseRuleViolation("shelter-description", "A shelter's name cannot be blank.");
        }
        Set<ShelterGroup> taken = null;
        if (command.groups() != null) {
            if (command.groups().isEmpty()) {
                throw new CaseRuleViolation("shelter-groups", "A shelter takes at least one group.");
            }
            taken = EnumSet.copyOf(command.groups());
            requireGroupsFit(type, taken);
        }
        apply(new ShelterChanged(shelterId, command.name() == null ? null : command.name().strip(), taken,
                command.address(), clock.instant()));
    }

    @CommandHandler
    public void handle(RetireShelter command, Clock clock) {
        requireInService();
        if (!occupants.isEmpty()) {
            throw new CaseRuleViolation("shelter-occupied", "The shelter still houses " + occupants.size()
                    + " people; their placements end (move-out or transfer) before it is retired.");
        }
        apply(new ShelterRetired(shelterId, command.reason(), clock.instant()));
    }

    @CommandHandler
    public void handle(PlacePerson command, ShelterMatching matching, Clock clock) {
        requireInService();
        if (occupants.containsKey(command.caseId())) {
            throw new CaseRuleViolation("already-placed", "The person already has a bed in this shelter.");
        }
        if (occupants.size() >= capacity) {
            throw new CaseRuleViolation("shelter-full",
                    "Every bed of this shelter is taken (" + capacity + "); the placement waits for a free bed.");
        }
        var person = command.candidate();
        if (person == null) {
            throw new CaseRuleViolation("placement-candidate", "A placement says who is placed (child, gender, family).");
        }
        boolean exception = hasText(command.childPlacementException());
        if (exception && !person.child()) {
            throw new CaseRuleViolation("exception-only-for-a-child",
                    "A placement exception is recorded by a child's best-interests assessment; this person is an adult.");
        }
        if (person.child() && !childSafe(type) && !exception) {
            throw new CaseRuleViolation(CHILD_IN_ADULT_SHELTER, "A child is placed in a children's or families' "
                    + "shelter only, unless the best-interests assessment records an exception with its reason.");
        }
        var admission = matching.admit(person, type, EnumSet.copyOf(groups));
        if (!admission.admitted() && !(person.child() && exception)) {
            throw new CaseRuleViolation(admission.rule(), "This shelter (" + type + ", taking " + groups
                    + ") does not take the person under the jurisdiction's matching rule " + admission.rule() + ".");
        }
        apply(new PersonPlaced(shelterId, command.caseId(), clock.instant(), person.child(),
                exception ? command.childPlacementException() : null));
    }

    @CommandHandler
    public void handle(EndPlacement command, Clock clock) {
        if (!occupants.containsKey(command.caseId())) {
            throw new CaseRuleViolation("not-placed", "The person has no bed in this shelter.");
        }
        if (command.reason() == null) {
            throw new CaseRuleViolation("placement-end-reason", "A placement ends for a reason.");
        }
        apply(new PlacementEnded(shelterId, command.caseId(), command.reason(),
                hasText(command.note()) ? command.note() : null, clock.instant()));
    }

    @CommandHandler
    public void handle(ChangeShelterCapacity command, Clock clock) {
        requireInService();
        if (command.capacity() < 0) {
            throw new CaseRuleViolation("shelter-capacity", "A shelter's capacity cannot be negative.");
        }
        if (command.capacity() < occupants.size()) {
            throw new CaseRuleViolation("capacity-below-occupancy",
                    "The capacity cannot go below the " + occupants.size() + " beds in use.");
        }
        if (command.capacity() == capacity) {
            return;
        }
        apply(new ShelterCapacityChanged(shelterId, command.capacity(), clock.instant()));
    }

    /** A children's or families' shelter: where a child may go without an exception. */
    public static boolean childSafe(ShelterType type) {
        return type == ShelterType.CHILDREN || type == ShelterType.FAMILIES;
    }

    private static void requireGroupsFit(ShelterType type, Set<ShelterGroup> taken) {
        if (taken.contains(ShelterGroup.CHILDREN) && !childSafe(type)) {
            throw new CaseRuleViolation("shelter-groups",
                    "Only a children's or families' shelter takes children (this one is " + type + ").");
        }
    }

    private void requireInService() {
        if (retired) {
            throw new CaseRuleViolation("shelter-retired", "The shelter is retired and takes no one.");
        }
    }

    private static boolean hasText(PersonalText text) {
        return text != null && text.text() != null && !text.text().isBlank();
    }

    @EventSourcingHandler
    void on(ShelterRegistered event) {
        shelterId = event.shelterId();
        type = event.type();
        capacity = event.capacity();
        groups = event.groups() == null || event.groups().isEmpty()
                ? ShelterGroup.defaultsFor(event.type()) : EnumSet.copyOf(event.groups());
    }

    @EventSourcingHandler
    void on(ShelterChanged event) {
        if (event.groups() != null && !event.groups().isEmpty()) {
            groups = EnumSet.copyOf(event.groups());
        }
    }

    @EventSourcingHandler
    void on(ShelterRetired event) {
        retired = true;
    }

    @EventSourcingHandler
    void on(ShelterCapacityChanged event) {
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(PersonPlaced event) {
        occupants.put(event.caseId(), event.child());
    }

    @EventSourcingHandler
    void on(PlacementEnded event) {
        occupants.remove(event.caseId());
    }
}
