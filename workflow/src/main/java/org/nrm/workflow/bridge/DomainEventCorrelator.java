package org.nrm.workflow.bridge;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.nrm.workflow.ConsentRequiredTurn;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.ProcessVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivers a domain event to the case's process as a message. Idempotent by event id. When the case's process is
 * not waiting for the message the correlation fails, so the job is retried and then shows as an incident. When the
 * case has no running process any more (it was closed and ended), there is nothing to deliver.
 */
@Component("domainEventCorrelator")
class DomainEventCorrelator implements JavaDelegate {

    private static final String VARIABLE_PREFIX = ProcessVariables.CORRELATED_VARIABLE_PREFIX;

    private static final Logger log = LoggerFactory.getLogger(DomainEventCorrelator.class);

    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    DomainEventCorrelator(RuntimeService runtime, JdbcTemplate jdbc, Clock clock) {
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The variables of a correlation job: the case, the message, the event (its idempotency key) and its variables. */
    static Map<String, Object> job(String caseId, String messageName, String eventId, Map<String, Object> variables) {
        Map<String, Object> job = ProcessVariables.variables();
        ProcessVariables.TARGET_CASE_ID.put(job, caseId);
        ProcessVariables.MESSAGE.put(job, messageName);
        ProcessVariables.EVENT_ID.put(job, eventId);
        variables.forEach((name, value) -> job.put(VARIABLE_PREFIX + name, value));
        return job;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = ProcessVariables.TARGET_CASE_ID.from(execution);
        String message = ProcessVariables.MESSAGE.from(execution);
        String eventId = ProcessVariables.EVENT_ID.from(execution);
        ProcessInstance target = runtime.createProcessInstanceQuery()
                .processDefinitionKey(MechanismProcess.PROCESS_KEY)
                .processInstanceBusinessKey(caseId)
                .singleResult();
        if (target == null && "case-closed".equals(message)) {
            // a returning national's case runs its own process, which listens for its closure only
            target = runtime.createProcessInstanceQuery()
                    .processDefinitionKey(MechanismProcess.RETURNING_NATIONAL_PROCESS_KEY)
                    .processInstanceBusinessKey(caseId)
                    .singleResult();
        }
        String outcome = target == null ? "no-running-process" : "correlated";
        int fresh = jdbc.update("INSERT INTO correlated_event (event_id, case_id, message, correlated_at, outcome) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING", eventId, caseId, message,
                Timestamp.from(clock.instant()), outcome);
        if (fresh == 0) {
            return;
        }
        if (target == null) {
            log.info("Case {} has no running process; message {} needs no delivery", caseId, message);
            return;
        }
        if (ConsentRequiredTurn.NAME.equals(message)) {
            ConsentRequiredTurn.take(runtime, target.getId());
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        execution.getVariableNames().stream().filter(name -> name.startsWith(VARIABLE_PREFIX))
                .forEach(name -> variables.put(name.substring(VARIABLE_PREFIX.length()), execution.getVariable(name)));
        runtime.createMessageCorrelation(message)
                .processInstanceId(target.getId())
                .setVariables(variables)
                .correlateWithResult();
    }
}
