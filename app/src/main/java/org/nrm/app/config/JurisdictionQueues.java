package org.nrm.app.config;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which agencies' queues the jurisdiction gives a step to when the part that owns it is not enough
 * ({@code nrm.jurisdiction.task-queues.<task key>: [agency ids]}), and how long after its due date a step is overdue
 * ({@code nrm.jurisdiction.grace-days.<task key>: 14}, days of the jurisdiction), and how long after its task opens a
 * decision is due ({@code nrm.jurisdiction.target-days.conclusive-grounds-decision: 90}, the same for
 * {@code reconsideration-decision}; past it, a breach). Beside {@link JurisdictionProperties} (same prefix) so that
 * neither changes the other's shape.
 */
@ConfigurationProperties("nrm.jurisdiction")
public record JurisdictionQueues(Map<String, List<String>> taskQueues, Map<String, Integer> graceDays,
                                 Map<String, Integer> targetDays) {

    public JurisdictionQueues {
        taskQueues = taskQueues == null ? Map.of() : Map.copyOf(taskQueues);
        graceDays = graceDays == null ? Map.of() : Map.copyOf(graceDays);
        targetDays = targetDays == null ? Map.of() : Map.copyOf(targetDays);
    }
}
