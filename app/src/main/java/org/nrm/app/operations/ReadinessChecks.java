package org.nrm.app.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.nrm.workflow.EngineStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What readiness needs beyond the database ({@code management.endpoint.health.group.readiness}): every event
 * processor of this node running, and the engine's job executor active (when the node runs jobs at all). A node
 * whose projections or timers have stopped should get no traffic; liveness stays with the process alone, so a
 * stopped processor does not get the pod killed in a loop.
 */
@Configuration(proxyBeanMethods = false)
public class ReadinessChecks {

    /** UP while every event processor runs; a processor retrying after an error still runs (its detail says so). */
    @Bean
    HealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        return () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            boolean allRunning = true;
            for (var entry : processing.eventProcessors().entrySet()) {
                var processor = entry.getValue();
                boolean running = processor.isRunning();
                allRunning &= running;
                String state = !running ? "stopped" : processor.isError() ? "retrying after an error" : "running";
                if (processor instanceof StreamingEventProcessor streaming && streaming.isReplaying()) {
                    state += ", replaying";
                }
                details.put(entry.getKey(), state);
            }
            return (allRunning ? Health.up() : Health.down()).withDetails(details).build();
        };
    }

    /** UP while this node's job executor runs; a node configured to run no jobs is ready without it. */
    @Bean
    HealthIndicator jobExecutorHealthIndicator(EngineStatus engine,
                                              @Value("${camunda.bpm.job-execution.enabled:true}") boolean runsJobs) {
        return () -> {
            if (!runsJobs) {
                return Health.up().withDetail("jobExecution", "disabled on this node").build();
            }
            boolean active = engine.jobExecutorActive();
            return (active ? Health.up() : Health.down()).withDetail("lockOwner", String.valueOf(engine.lockOwner()))
                    .build();
        };
    }
}
