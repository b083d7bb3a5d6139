package org.nrm.projections.shelters;

import java.sql.Timestamp;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.nrm.referral.api.PersonPlaced;
import org.nrm.referral.api.PlacementEnded;
import org.nrm.referral.api.ShelterCapacityChanged;
import org.nrm.referral.api.ShelterChanged;
import org.nrm.referral.api.ShelterGroup;
import org.nrm.referral.api.ShelterRegistered;
import org.nrm.referral.api.ShelterRetired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Beds per shelter and who has a bed where. A subscribing processor (see {@code application.yml}): it runs in the
 * transaction of the command that recorded the event, so the view is never behind the shelters themselves, and a
 * write it cannot make (a bed over capacity, a second bed for one person) fails the command. No personal data: the
 * address stays encrypted in the events. Idempotent by the shelter's event sequence number.
 */
@Component
@ProcessingGroup(ShelterProjection.PROCESSING_GROUP)
public class ShelterProjection {

    public static final String PROCESSING_GROUP = "shelters";

    private final JdbcTemplate jdbc;

    public ShelterProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ShelterRegistered event, @SequenceNumber long sequence) {
        Set<ShelterGroup> groups = event.groups() == null || event.groups().isEmpty()
                ? ShelterGroup.defaultsFor(event.type()) : event.groups();
        jdbc.update("INSERT INTO shelter_view (shelter_id, name, type, capacity, occupied, groups, retired, version) "
                        + "VALUES (?, ?, ?, ?, 0, ?, FALSE, ?) ON CONFLICT (shelter_id) DO NOTHING",
                event.shelterId(), event.name(), event.type().name(), event.capacity(), joined(groups), sequence);
    }

    @EventHandler
    void on(ShelterChanged event, @SequenceNumber long sequence) {
        update(event.shelterId(), sequence, "name = coalesce(?, name), groups = coalesce(?, groups)", event.name(),
                event.groups() == null || event.groups().isEmpty() ? null : joined(event.groups()));
    }

    @EventHandler
    void on(ShelterRetired event, @SequenceNumber long sequence) {
        update(event.shelterId(), sequence, "retired = TRUE");
    }

    @EventHandler
    void on(ShelterCapacityChanged event, @SequenceNumber long sequence) {
        update(event.shelterId(), sequence, "capacity = ?", event.capacity());
    }

    @EventHandler
    void on(PersonPlaced event, @SequenceNumber long sequence) {
        if (update(event.shelterId(), sequence, "occupied = occupied + 1")) {
            jdbc.update("INSERT INTO shelter_placement (case_id, shelter_id, placed_at, child, "
                            + "child_placement_exception) VALUES (?, ?, ?, ?, ?)", event.caseId(), event.shelterId(),
                    Timestamp.from(event.placedAt()), event.child(), event.childPlacementException() != null);
        }
    }

    @EventHandler
    void on(PlacementEnded event, @SequenceNumber long sequence) {
        if (update(event.shelterId(), sequence, "occupied = occupied - 1")) {
            jdbc.update("DELETE FROM shelter_placement WHERE case_id = ? AND shelter_id = ?", event.caseId(),
                    event.shelterId());
        }
    }

    static String joined(Set<ShelterGroup> groups) {
        return groups.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private boolean update(String shelterId, long sequence, String set, Object... values) {
        Object[] arguments = new Object[values.length + 3];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = sequence;
        arguments[values.length + 1] = shelterId;
        arguments[values.length + 2] = sequence;
        return jdbc.update("UPDATE shelter_view SET " + set + ", version = ? WHERE shelter_id = ? AND version < ?",
                arguments) == 1;
    }
}
