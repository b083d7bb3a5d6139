package org.nrm.projections.shelters;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.nrm.referral.api.PersonPlaced;
import org.nrm.referral.api.PlacementEnded;
import org.nrm.referral.api.ShelterCapacityChanged;
import org.nrm.referral.api.ShelterRegistered;
import org.nrm.projections.SavepointPerEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.stereotype.Component;

/** Beds per shelter: capacity and beds in use. Idempotent by the shelter's event sequence number. */
@Component
@ProcessingGroup(ShelterProjection.PROCESSING_GROUP)
public class ShelterProjection extends SavepointPerEvent {

    public static final String PROCESSING_GROUP = "shelters";

    private final JdbcTemplate jdbc;

    public ShelterProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        super(PROCESSING_GROUP, transactions);
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ShelterRegistered event, @SequenceNumber long sequence) {
        jdbc.update("INSERT INTO shelter_view (shelter_id, name, type, capacity, occupied, version) "
                        + "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (shelter_id) DO NOTHING",
                event.shelterId(), event.name(), event.type().name(), event.capacity(), sequence);
    }

    @EventHandler
    void on(ShelterCapacityChanged event, @SequenceNumber long sequence) {
        update(event.shelterId(), sequence, "capacity = ?", event.capacity());
    }

    @EventHandler
    void on(PersonPlaced event, @SequenceNumber long sequence) {
        update(event.shelterId(), sequence, "occupied = occupied + 1");
    }

    @EventHandler
    void on(PlacementEnded event, @SequenceNumber long sequence) {
        update(event.shelterId(), sequence, "occupied = occupied - 1");
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM shelter_view");
    }

    private void update(String shelterId, long sequence, String set, Object... values) {
        Object[] arguments = new Object[values.length + 3];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = sequence;
        arguments[values.length + 1] = shelterId;
        arguments[values.length + 2] = sequence;
        jdbc.update("UPDATE shelter_view SET " + set + ", version = ? WHERE shelter_id = ? AND version < ?", arguments);
    }
}
