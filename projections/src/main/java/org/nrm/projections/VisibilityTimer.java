package org.nrm.projections;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * How long an event takes from being recorded to being visible in a read model: measured when the projection's
 * transaction commits, from the event's timestamp (taken when the event was applied, a little before its own commit,
 * so the figure errs on the long side). Replays are not counted (their events are old by design). Published as the
 * timer {@code nrm.projection.visibility} per processing group, with buckets from 5 ms to 30 s, so the benchmark can
 * read the distribution over a phase of load.
 */
public class VisibilityTimer implements MessageHandlerInterceptor<EventMessage<?>> {

    static final Duration[] BUCKETS = Arrays.stream(new long[] {5, 10, 20, 50, 100, 200, 300, 500, 750, 1000, 2000,
            5000, 10000, 30000}).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private final Timer timer;
    private final Clock clock;

    public VisibilityTimer(String processingGroup, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.timer = Timer.builder("nrm.projection.visibility")
                .description("From an event being recorded to its projection committing")
                .tag("processor", processingGroup)
                .serviceLevelObjectives(BUCKETS)
                .register(meters);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Object result = chain.proceed();
        if (!(event instanceof TrackedEventMessage<?> tracked && ReplayToken.isReplay(tracked))) {
            List<EventMessage<?>> committed = unitOfWork.root().getOrComputeResource("nrm.visibility",
                    key -> {
                        List<EventMessage<?>> events = new ArrayList<>();
                        unitOfWork.root().afterCommit(u -> {
                            var now = clock.instant();
                            events.forEach(e -> timer.record(Duration.between(e.getTimestamp(), now)));
                        });
                        return events;
                    });
            committed.add(event);
        }
        return result;
    }
}
