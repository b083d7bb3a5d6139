package org.nrm.projections;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Handles all events of one case in order, whichever aggregate recorded them (the case itself, a shelter, a permit
 * application, a return): events carrying a {@code caseId} are sequenced by it, others by their aggregate. The case's
 * own events are sequenced by their aggregate identifier, which is the case id, without deserializing the payload
 * (the processor's coordinator asks this for every event before any handler runs).
 */
public class CaseSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final Map<Class<?>, Optional<Method>> ACCESSORS = new ConcurrentHashMap<>();

    /** The aggregate type of a case in the event store, whose identifier is the case id. */
    public static final String CASE_AGGREGATE = "ReferralCase";

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain && CASE_AGGREGATE.equals(domain.getType())) {
            return domain.getAggregateIdentifier();
        }
        Object caseId = caseIdOf(event.getPayload());
        if (caseId != null) {
            return caseId;
        }
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    /** The payload's {@code caseId}, or null when it has none. */
    public static Object caseIdOf(Object payload) {
        if (payload == null) {
            return null;
        }
        Optional<Method> accessor = ACCESSORS.computeIfAbsent(payload.getClass(), type -> {
            if (!type.isRecord()) {
                return Optional.empty();
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("caseId")) {
                    return Optional.of(component.getAccessor());
                }
            }
            return Optional.empty();
        });
        try {
            return accessor.isPresent() ? accessor.get().invoke(payload) : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
