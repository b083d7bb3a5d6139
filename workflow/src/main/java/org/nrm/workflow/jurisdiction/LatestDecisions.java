package org.nrm.workflow.jurisdiction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The jurisdiction's decision tables (the shelter type, the shelter admission) in their latest deployed version,
 * evaluated by the engine's own DMN engine on the table it keeps parsed. Which version is the latest is asked of the
 * engine's repository at most once every {@link #FRESH_FOR}: a table a jurisdiction deploys applies on every node within
 * that time. Asking on every evaluation (a business rule task's {@code decisionRef}, the decision service by key) cost
 * a query of the decision definitions on every decision that opens a shelter placement and on every placement
 * (issue #19). The evaluation writes no history, as the engine's writes none at this installation's history level.
 */
@Component
public class LatestDecisions {

    /** How long a table's latest version is taken as known. */
    public static final Duration FRESH_FOR = Duration.ofMinutes(1);

    private record Known(String definitionId, DmnDecision decision, Instant askedAt) {
    }

    private final RepositoryService repository;
    private final DmnEngine dmn;
    private final CommandExecutor commands;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    @Autowired
    LatestDecisions(@Lazy ProcessEngine engine, Clock clock) {
        this((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration(), clock);
    }

    public LatestDecisions(ProcessEngineConfigurationImpl engine, Clock clock) {
        this.repository = engine.getRepositoryService();
        this.dmn = engine.getDmnEngine();
        this.commands = engine.getCommandExecutorTxRequired();
        this.clock = clock;
    }

    /**
     * Evaluates the latest deployed version of the decision table {@code key} on {@code variables}, in an engine
     * command (the table's expressions are the engine's; inside a running command, as a delegate is, that one).
     */
    public DmnDecisionTableResult evaluate(String key, Map<String, Object> variables) {
        return commands.execute(context -> dmn.evaluateDecisionTable(latest(key), variables));
    }

    private DmnDecision latest(String key) {
        Instant now = clock.instant();
        Known current = known.get(key);
        if (current != null && now.isBefore(current.askedAt().plus(FRESH_FOR))) {
            return current.decision();
        }
        DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .withoutTenantId().latestVersion().singleResult();
        if (definition == null) {
            throw new ProcessEngineException("No decision table '" + key + "' is deployed");
        }
        DmnDecision decision = current != null && current.definitionId().equals(definition.getId())
                ? current.decision()
                : (DmnDecision) repository.getDecisionDefinition(definition.getId());
        known.put(key, new Known(definition.getId(), decision, now));
        return decision;
    }
}
