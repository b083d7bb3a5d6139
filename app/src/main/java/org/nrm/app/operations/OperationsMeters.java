package org.nrm.app.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.nrm.projections.operations.ProjectionOperations;
import org.nrm.projections.shelters.Shelters;
import org.nrm.workflow.EngineStatus;
import org.nrm.workflow.TaskKey;
import org.nrm.workflow.queue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The platform's state as meters, named for the domain ({@code nrm.}) with one tag vocabulary: {@code agency},
 * {@code task}, {@code processor}, {@code outcome} (and {@code shelter}, {@code type} where nothing else fits).
 *
 * <p>Figures that are counts of what the database holds (open and overdue tasks, beds, dead letters, the engine's jobs
 * and incidents, referrals) are read on a schedule ({@code nrm.metrics.refresh-millis}, 15 s) in a few count
 * statements and served from memory, so a scrape never queries the database and every node reports the same figure
 * (aggregate them with {@code max}, not {@code sum}). Meters that count what this node did (decisions, breaches)
 * are registered where it happens.
 */
@Component
public class OperationsMeters {

    private static final Logger log = LoggerFactory.getLogger(OperationsMeters.class);

    private final MeterRegistry meters;
    private final WorkQueue queue;
    private final Shelters shelters;
    private final ProjectionOperations projections;
    private final EventProcessingConfiguration processing;
    private final EngineStatus engine;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    private final MultiGauge tasksOpen;
    private final MultiGauge tasksOverdue;
    private final MultiGauge tasksOldest;
    private final MultiGauge shelterCapacity;
    private final MultiGauge shelterOccupied;
    private final MultiGauge shelterWaiting;
    private final MultiGauge deadLetters;
    private final MultiGauge incidents;
    private final AtomicLong jobsDue = new AtomicLong();
    private final AtomicLong jobsFailed = new AtomicLong();
    private final AtomicLong jobsLocked = new AtomicLong();
    private final Map<String, AtomicLong> referrals = new ConcurrentHashMap<>();
    private final AtomicLong refreshes = new AtomicLong();

    public OperationsMeters(MeterRegistry meters, WorkQueue queue, Shelters shelters, ProjectionOperations projections,
                            EventProcessingConfiguration processing, EngineStatus engine, JdbcTemplate jdbc,
                            Clock clock,
                            org.springframework.beans.factory.ObjectProvider<
                                    org.springframework.boot.actuate.health.HealthEndpoint> health) {
        this.meters = meters;
        this.queue = queue;
        this.shelters = shelters;
        this.projections = projections;
        this.processing = processing;
        this.engine = engine;
        this.jdbc = jdbc;
        this.clock = clock;
        this.tasksOpen = MultiGauge.builder("nrm.tasks.open").description("Open tasks per agency and task key")
                .register(meters);
        this.tasksOverdue = MultiGauge.builder("nrm.tasks.overdue")
                .description("Open tasks past their due date, per agency and task key").register(meters);
        this.tasksOldest = MultiGauge.builder("nrm.tasks.oldest.age").baseUnit("hours")
                .description("Age of the oldest open task, per agency and task key").register(meters);
        this.shelterCapacity = MultiGauge.builder("nrm.shelter.capacity").description("Beds per shelter in service")
                .register(meters);
        this.shelterOccupied = MultiGauge.builder("nrm.shelter.occupied").description("Occupied beds per shelter")
                .register(meters);
        this.shelterWaiting = MultiGauge.builder("nrm.shelter.waiting")
                .description("People waiting for a shelter placement, per shelter type asked for").register(meters);
        this.deadLetters = MultiGauge.builder("nrm.processor.dead.letters")
                .description("Sequences of events an event processor parked after failing, per processor")
                .register(meters);
        this.incidents = MultiGauge.builder("nrm.engine.incidents").description("Open engine incidents, per type")
                .register(meters);
        Gauge.builder("nrm.engine.jobs", jobsDue, AtomicLong::get).tag("state", "due")
                .description("Engine jobs (timers, asynchronous steps) by state: due now, failed with no retries "
                        + "left, locked by a node").register(meters);
        Gauge.builder("nrm.engine.jobs", jobsFailed, AtomicLong::get).tag("state", "failed").register(meters);
        Gauge.builder("nrm.engine.jobs", jobsLocked, AtomicLong::get).tag("state", "locked").register(meters);
        // the provider is referenced by nothing else: a gauge holds its object weakly and would read NaN once it is
        // collected (found from outside: nrm_node_ready was NaN on a running node)
        Gauge.builder("nrm.node.ready", health, h -> ready(h) ? 1 : 0)
                .description("1 while this node's readiness group is UP (database, event processors, job executor)")
                .strongReference(true).register(meters);
        Gauge.builder("nrm.engine.job.executor.active", engine, e -> e.jobExecutorActive() ? 1 : 0)
                .description("1 while this node's job executor runs").register(meters);
    }

    private static boolean ready(org.springframework.beans.factory.ObjectProvider<
            org.springframework.boot.actuate.health.HealthEndpoint> health) {
        var endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return false;
        }
        try {
            var readiness = endpoint.healthForPath("readiness");
            return readiness != null
                    && org.springframework.boot.actuate.health.Status.UP.equals(readiness.getStatus());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** How many refreshes have completed (for tests: wait for one after a change). */
    public long refreshes() {
        return refreshes.get();
    }

    @Scheduled(fixedDelayString = "${nrm.metrics.refresh-millis:15000}", initialDelay = 0)
    public void refresh() {
        try {
            refreshNow();
            refreshes.incrementAndGet();
        } catch (RuntimeException e) {
            // a database outage: keep the last figures (readiness says the rest)
            log.debug("Metrics not refreshed: {}", e.toString());
        }
    }

    void refreshNow() {
        List<MultiGauge.Row<?>> open = new ArrayList<>();
        List<MultiGauge.Row<?>> overdue = new ArrayList<>();
        List<MultiGauge.Row<?>> oldest = new ArrayList<>();
        for (var figures : queue.figures(null, clock.instant())) {
            Tags tags = Tags.of("agency", figures.agency(), "task", figures.key());
            open.add(MultiGauge.Row.of(tags, figures.open()));
            overdue.add(MultiGauge.Row.of(tags, figures.overdue()));
            oldest.add(MultiGauge.Row.of(tags, figures.oldestAgeHours()));
        }
        tasksOpen.register(open, true);
        tasksOverdue.register(overdue, true);
        tasksOldest.register(oldest, true);

        List<MultiGauge.Row<?>> capacity = new ArrayList<>();
        List<MultiGauge.Row<?>> occupied = new ArrayList<>();
        for (var shelter : shelters.all()) {
            Tags tags = Tags.of("shelter", shelter.shelterId(), "type", shelter.type());
            capacity.add(MultiGauge.Row.of(tags, shelter.capacity()));
            occupied.add(MultiGauge.Row.of(tags, shelter.occupied()));
        }
        shelterCapacity.register(capacity, true);
        shelterOccupied.register(occupied, true);
        shelterWaiting.register(queue.waiting(TaskKey.SHELTER_PLACEMENT).entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("type", e.getKey()), e.getValue())).toList(),
                true);

        List<MultiGauge.Row<?>> letters = new ArrayList<>();
        for (String processor : processing.eventProcessors().keySet()) {
            Tags tags = Tags.of("processor", processor);
            long parked = processing.deadLetterQueue(processor).map(q -> q.amountOfSequences()).orElse(0L);
            letters.add(MultiGauge.Row.of(tags, parked));
        }
        deadLetters.register(letters, true);

        EngineStatus.Jobs jobs = engine.jobs();
        jobsDue.set(jobs.due());
        jobsFailed.set(jobs.failed());
        jobsLocked.set(jobs.locked());
        incidents.register(engine.incidentsByType().entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("type", e.getKey()), e.getValue())).toList(),
                true);

        jdbc.query("SELECT referring_agency, count(*) AS n FROM case_view GROUP BY referring_agency", rs -> {
            String agency = rs.getString("referring_agency");
            long n = rs.getLong("n");
            referrals.computeIfAbsent(agency, a -> {
                AtomicLong total = new AtomicLong();
                FunctionCounter.builder("nrm.referrals", total, AtomicLong::get).tag("agency", a)
                        .description("Referrals recorded, per referring agency (from the case views: every node "
                                + "reports the same total)").register(meters);
                return total;
            }).set(n);
        });
    }
}
