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
 * application, a return): events carrying a {@code caseId} are sequenced by it, others by their aggregate.
 */
public class CaseSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final Map<Class<?>, Optional<Method>> ACCESSORS = new ConcurrentHashMap<>();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
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
