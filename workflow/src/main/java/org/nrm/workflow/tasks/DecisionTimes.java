package org.nrm.workflow.tasks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code nrm.decision.duration{agency, task, outcome}}: how long each task waited in its queue, from its creation to
 * its completion, recorded once the completion has committed (a completion rolled back is no decision). Buckets from
 * an hour to ninety days, the range of the mechanism's statutory periods.
 */
@Component
class DecisionTimes {

    private static final Duration[] BUCKETS = {Duration.ofHours(1), Duration.ofHours(8), Duration.ofDays(1),
        Duration.ofDays(2), Duration.ofDays(5), Duration.ofDays(10), Duration.ofDays(30), Duration.ofDays(45),
        Duration.ofDays(90)};

    private final MeterRegistry meters;
    private final Clock clock;

    DecisionTimes(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    void record(java.time.Instant created, String taskKey, String agency, Object outcome) {
        if (created == null) {
            return;
        }
        Duration waited = Duration.between(created, clock.instant());
        Timer timer = Timer.builder("nrm.decision.duration")
                .description("From a task's creation to its completion, per agency, task key and outcome")
                .tag("agency", agency == null ? "none" : agency).tag("task", taskKey)
                .tag("outcome", outcome == null ? "none" : String.valueOf(outcome))
                .serviceLevelObjectives(BUCKETS).register(meters);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    timer.record(waited.isNegative() ? Duration.ZERO : waited);
                }
            });
        } else {
            timer.record(waited.isNegative() ? Duration.ZERO : waited);
        }
    }
}
