package org.nrm.projections.cases;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.nrm.referral.api.Actor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Every event of a case, oldest first, read from the event store itself (the legal record). */
@Component
public class CaseHistory {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final EventStore eventStore;
    private final ObjectMapper mapper;

    public CaseHistory(EventStore eventStore, @Qualifier("defaultAxonObjectMapper") ObjectMapper mapper) {
        this.eventStore = eventStore;
        this.mapper = mapper;
    }

    public List<HistoryEntry> of(String caseId) {
        return eventStore.readEvents(caseId).asStream().map(this::entry).toList();
    }

    private HistoryEntry entry(DomainEventMessage<?> event) {
        var meta = event.getMetaData();
        return new HistoryEntry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                event.getTimestamp(), (String) meta.get(Actor.USER_KEY), (String) meta.get(Actor.AGENCY_KEY),
                mapper.convertValue(event.getPayload(), MAP));
    }
}
