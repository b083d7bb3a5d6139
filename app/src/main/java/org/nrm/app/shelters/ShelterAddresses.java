package org.nrm.app.shelters;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.ShelterChanged;
import org.nrm.referral.api.ShelterRegistered;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A shelter's secret address, read from the shelter's own events (the only place it is kept, encrypted with the
 * shelter's key): the latest registration or change that gave one. Only for the shelter provider and the
 * administrator; no view holds it.
 */
@Component
public class ShelterAddresses {

    private static final List<String> TYPES = List.of(ShelterChanged.class.getName(), ShelterRegistered.class.getName());

    private final JdbcTemplate jdbc;
    private final ObjectMapper events;

    ShelterAddresses(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public Optional<String> of(String shelterId) {
        record Stored(String type, byte[] payload) {
        }
        List<Stored> stored = jdbc.query("SELECT payloadtype, payload FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND payloadtype IN (?, ?) ORDER BY sequencenumber DESC",
                (rs, i) -> new Stored(rs.getString("payloadtype"), rs.getBytes("payload")), shelterId, TYPES.get(0),
                TYPES.get(1));
        for (Stored event : stored) {
            PersonalText address = address(event.type(), event.payload());
            if (address != null && address.text() != null && !address.text().isBlank()) {
                return Optional.of(address.text());
            }
        }
        return Optional.empty();
    }

    private PersonalText address(String type, byte[] payload) {
        try {
            return ShelterRegistered.class.getName().equals(type)
                    ? events.readValue(payload, ShelterRegistered.class).address()
                    : events.readValue(payload, ShelterChanged.class).address();
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable shelter event", e);
        }
    }
}
