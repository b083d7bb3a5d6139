package org.nrm.projections.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nrm.projections.PersonalDataWithheld;
import org.nrm.referral.api.Actor;
import org.nrm.referral.model.CaseState;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Stored events read back as the domain's event records with their personal data withheld (nothing decrypted, no key
 * looked up: {@link PersonalDataWithheld}), for the fold of a case ({@link CaseState}) on the read side.
 */
@Component
public class StoredEvents {

    private final ObjectMapper mapper;
    private final Map<String, Optional<ObjectReader>> readers = new ConcurrentHashMap<>();

    public StoredEvents(@Qualifier("defaultAxonObjectMapper") ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event of {@code payloadType}, personal values withheld; null for a type the domain no longer has. */
    public Object withheld(String payloadType, byte[] payload) {
        Optional<ObjectReader> reader = readers.computeIfAbsent(payloadType, type -> {
            try {
                return Optional.of(mapper.readerFor(Class.forName(type, false, CaseState.class.getClassLoader())));
            } catch (ClassNotFoundException e) {
                return Optional.empty();
            }
        });
        if (reader.isEmpty()) {
            return null;
        }
        try {
            return PersonalDataWithheld.during(() -> reader.get().readValue(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user who took the step, from the event's metadata (null when none is recorded). */
    public String actor(byte[] metadata) {
        if (metadata == null) {
            return null;
        }
        try {
            Object actor = mapper.readTree(metadata).path(Actor.USER_KEY).textValue();
            return (String) actor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
