package org.nrm.projections.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.nrm.projections.ViewTables;
import org.nrm.projections.cases.CaseViewProjection;
import org.nrm.projections.cases.CaseViewRebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Running the read side: how far each projection lags behind the event store (exported as the gauge
 * {@code nrm.processor.lag.events}), the dead letters of each, retrying them, and rebuilding a projection from the
 * start while the old view keeps answering reads.
 */
@Component
public class ProjectionOperations {

    private static final Logger log = LoggerFactory.getLogger(ProjectionOperations.class);

    public record DeadLetterView(String processingGroup, String sequence, String eventId, String eventType,
                                 String cause, String enqueuedAt, String lastTouched) {
    }

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ViewTables tables;
    private final AtomicBoolean rebuildingCaseViews = new AtomicBoolean();
    private final Map<String, org.nrm.projections.SavepointPerEvent> projections = new LinkedHashMap<>();
    private final MeterRegistry meters;
    private final CaseViewRebuild bulk;
    private final AtomicBoolean bulkRebuilding = new AtomicBoolean();
    private volatile CaseViewRebuild.Result lastBulkRebuild;

    public ProjectionOperations(EventProcessingConfiguration processing, JdbcTemplate jdbc, ViewTables tables,
                                MeterRegistry meters, List<org.nrm.projections.SavepointPerEvent> projections,
                                CaseViewRebuild bulk) {
        this.bulk = bulk;
        this.processing = processing;
        this.jdbc = jdbc;
        this.tables = tables;
        for (var projection : projections) {
            this.projections.put(projection.processingGroup(), projection);
            writesCounter(meters, projection, "gathered", org.nrm.projections.SavepointPerEvent::writesGathered);
            writesCounter(meters, projection, "at-once", org.nrm.projections.SavepointPerEvent::writesAtOnce);
        }
        this.meters = meters;
    }

    /**
     * Every event processor Axon runs, as Axon registered them (so a new {@code @ProcessingGroup} is listed, measured
     * and checked without being named here): the streaming ones first (the case views), then the subscribing ones,
     * each by name.
     */
    public List<String> processingGroups() {
        Map<String, EventProcessor> all = processing.eventProcessors();
        return all.keySet().stream()
                .sorted(Comparator.comparing((String name) -> !(all.get(name) instanceof StreamingEventProcessor))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    public boolean knows(String group) {
        return processing.eventProcessors().containsKey(group);
    }

    /** A streaming processor keeps a token and can be replayed; a subscribing one runs in each step's transaction. */
    public boolean replayable(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).isPresent();
    }

    /**
     * The lag gauge of each processor, once Axon has built them (they do not exist yet while the beans are made); a
     * gauge registered again is the same gauge.
     */
    @EventListener(ContextRefreshedEvent.class)
    public void registerLagGauges() {
        for (String group : processingGroups()) {
            Gauge.builder("nrm.processor.lag.events", () -> lag(group))
                    .description("Events stored but not yet handled, per event processor (projections and the "
                            + "workflow bridge; a subscribing processor is never behind)").tag("processor", group)
                    .register(meters);
        }
    }

    private static void writesCounter(MeterRegistry meters, org.nrm.projections.SavepointPerEvent projection,
                                      String sent,
                                      java.util.function.ToDoubleFunction<org.nrm.projections.SavepointPerEvent> count) {
        FunctionCounter.builder("nrm.projection.writes", projection, count)
                .description("Statements written by the projection's handlers, gathered per batch or at once")
                .tag("processor", projection.processingGroup()).tag("sent", sent).register(meters);
    }

    /**
     * Events in the store beyond the position of the projection's slowest segment. A subscribing projection (the
     * shelters) handles each event in the transaction that stores it, so it is never behind and has no token.
     */
    public long lag(String group) {
        if (processing.eventProcessor(group, StreamingEventProcessor.class).isEmpty()) {
            return 0;
        }
        Long lag = jdbc.queryForObject("""
                SELECT coalesce((SELECT max(globalindex) FROM domainevententry), 0)
                     - coalesce(min(coalesce((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint,
                                             (convert_from(token, 'UTF8')::jsonb -> 'currentToken' ->> 'index')::bigint,
                                             0)), 0)
                  FROM tokenentry WHERE processorname = ?""", Long.class, group);
        return lag == null ? 0 : Math.max(0, lag);
    }

    public List<Map<String, Object>> status() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String group : processingGroups()) {
            var status = new LinkedHashMap<String, Object>();
            status.put("processingGroup", group);
            var streaming = processing.eventProcessor(group, StreamingEventProcessor.class);
            // a subscribing projection (the shelters) runs inside each command's transaction: always running, never
            // replaying, no segments
            status.put("mode", streaming.isPresent() ? "streaming" : "subscribing");
            status.put("running", streaming.map(StreamingEventProcessor::isRunning).orElse(true));
            boolean bulkRebuild = CaseViewProjection.PROCESSING_GROUP.equals(group) && bulkRebuilding.get();
            status.put("replaying", bulkRebuild || streaming.map(StreamingEventProcessor::isReplaying).orElse(false));
            if (CaseViewProjection.PROCESSING_GROUP.equals(group)) {
                status.put("rebuild", bulkRebuild ? "bulk" : lastBulkRebuild == null ? "none" : "done");
                if (lastBulkRebuild != null) {
                    status.put("lastRebuildEvents", lastBulkRebuild.events());
                    status.put("lastRebuildEventsPerSecond", Math.round(lastBulkRebuild.eventsPerSecond()));
                    status.put("lastRebuildMillis", lastBulkRebuild.millis());
                }
            }
            status.put("segments", streaming.map(p -> p.processingStatus().size()).orElse(0));
            status.put("lagEvents", lag(group));
            status.put("servingSnapshot", CaseViewProjection.PROCESSING_GROUP.equals(group) && tables.servingSnapshot());
            status.put("deadLetters", deadLetters(group).size());
            var projection = projections.get(group);
            status.put("writes", projection == null ? "in-transaction" : projection.careful() ? "careful" : "gathered");
            out.add(status);
        }
        return out;
    }

    public List<DeadLetterView> deadLetters(String group) {
        List<DeadLetterView> out = new ArrayList<>();
        processing.deadLetterQueue(group).ifPresent(queue -> {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    EventMessage<?> message = letter.message();
                    out.add(new DeadLetterView(group, String.valueOf(
                            org.nrm.projections.CaseSequencingPolicy.caseIdOf(message.getPayload())),
                            message.getIdentifier(), message.getPayloadType().getSimpleName(),
                            letter.cause().map(c -> c.type() + ": " + c.message()).orElse(null),
                            String.valueOf(letter.enqueuedAt()), String.valueOf(letter.lastTouched())));
                }
            }
        });
        return out;
    }

    /**
     * Retries every dead-lettered sequence once; returns how many sequences now went through. A subscribing projection
     * (the shelters) has no dead-letter queue: it runs inside each command's transaction, so a failure fails the
     * command and nothing is ever parked; there is nothing to retry (as {@link #deadLetters} lists nothing).
     */
    public int retryDeadLetters(String group) {
        var found = processing.<EventMessage<?>>sequencedDeadLetterProcessor(group);
        if (found.isEmpty()) {
            return 0;
        }
        SequencedDeadLetterProcessor<EventMessage<?>> processor = found.get();
        int sequences = deadLetters(group).size();
        int succeeded = 0;
        for (int i = 0; i < sequences; i++) {
            if (processor.processAny()) {
                succeeded++;
            }
        }
        var projection = projections.get(group);
        if (projection != null && deadLetters(group).isEmpty()) {
            projection.relax();
        }
        return succeeded;
    }

    /**
     * Rebuilds the projection from the first event. The case views are rebuilt in bulk ({@link CaseViewRebuild}: the
     * events streamed by JDBC and folded per case, the rows copied into new tables, switched in with the processor's
     * tokens), in the background, the live views answering reads meanwhile; should the bulk rebuild fail, they are
     * replayed event by event instead. Another streaming projection is reset and replays every event.
     */
    public void replay(String group) {
        StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("No streaming processor " + group));
        boolean caseViews = CaseViewProjection.PROCESSING_GROUP.equals(group);
        if (caseViews) {
            if (!bulkRebuilding.compareAndSet(false, true)) {
                return; // one rebuild at a time
            }
            Thread rebuild = new Thread(() -> {
                try {
                    lastBulkRebuild = bulk.rebuild();
                } catch (RuntimeException e) {
                    log.warn("Bulk rebuild of the case views failed ({}); replaying them event by event", e.toString(), e);
                    bulk.abandon();
                    replayEventByEvent(processor);
                } finally {
                    bulkRebuilding.set(false);
                }
            }, "case-views-rebuild");
            rebuild.setDaemon(true);
            rebuild.start();
            log.info("Replaying projection {} from the start (a bulk rebuild, the live views answering meanwhile)",
                    group);
            return;
        }
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        log.info("Replaying projection {} from the start", group);
    }

    /** The replay of the case views through the processor, readers on a snapshot of the old view meanwhile. */
    private void replayEventByEvent(StreamingEventProcessor processor) {
        tables.serveSnapshot();
        rebuildingCaseViews.set(true);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        log.info("Replaying projection {} event by event, the bulk rebuild having failed",
                CaseViewProjection.PROCESSING_GROUP);
    }

    /** Hands reads back to the live case views once their replay has caught up. */
    @Scheduled(fixedDelay = 500)
    public void finishRebuilds() {
        if (!rebuildingCaseViews.get() && !tables.servingSnapshot()) {
            return;
        }
        processing.eventProcessor(CaseViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class).ifPresent(p -> {
            if (p.isRunning() && !p.isReplaying() && lag(CaseViewProjection.PROCESSING_GROUP) == 0) {
                tables.serveLive();
                rebuildingCaseViews.set(false);
                log.info("Case views rebuilt; reads served from the live views again");
            }
        });
    }

    public boolean rebuilding() {
        return bulkRebuilding.get() || tables.servingSnapshot();
    }
}
