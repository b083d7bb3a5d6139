package org.nrm.workflow;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The mechanism's process-level variables as a case's instance ended, in the platform's own table
 * ({@code process_end_state}, V102): what the reopening of a closed case restores ({@link #lastOf}). A built-in end
 * listener of the mechanism's process writes them in the transaction that ends the instance, however it ends (its
 * end event, a closure's cancellation, an operator's deletion in Cockpit). The engine's history keeps no variable
 * (LeanHistory): writing them there cost two statements on nearly every step of every case, for a read made only
 * when a case reopens (issue #19).
 *
 * <p>Beside the variables, the user tasks the instance still held as it ended ({@link #openTasksOf}, V103): the keys
 * of the mechanism's tasks cancelled in the transaction that ended it, recorded by a built-in delete listener of each
 * of its user tasks. A task that completes is not cancelled, so a closure's own task is not among them.
 */
@Component
public class ProcessEndState extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(ProcessEndState.class);

    /** The transaction's cancelled tasks, per process instance id. */
    private static final Object CANCELLED_TASKS = new Object();

    private final JdbcTemplate jdbc;

    public ProcessEndState(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        ExecutionListener ended = this::ended;
        TaskListener cancelled = ProcessEndState::cancelled;
        configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                if (MechanismProcess.PROCESS_KEY.equals(processDefinition.getKey())) {
                    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, ended);
                }
            }

            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                // the process's key is set before its activities are parsed
                if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                        && MechanismProcess.PROCESS_KEY.equals(definition.getKey())) {
                    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                            .addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, cancelled);
                }
            }
        });
    }

    /**
     * The process-level variables the case's last instance ended with (not the ones the reopening sets from its own
     * event: {@link ProcessVariables#restoredOnReopening}); empty when no instance of the case ended since this
     * record began (then the engine's history of an older instance holds them).
     */
    public Optional<Map<String, Object>> lastOf(String caseId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT v.key, v.value FROM process_end_state s "
                + "LEFT JOIN LATERAL jsonb_each_text(s.variables) v ON true WHERE s.case_id = ?", caseId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> variables = new HashMap<>();
        for (Map<String, Object> row : rows) {
            if (row.get("key") == null) {
                continue; // an instance that ended without a variable to restore
            }
            variables.put((String) row.get("key"), decode((String) row.get("value")));
        }
        return Optional.of(variables);
    }

    /**
     * The keys of the user tasks the case's last instance still held when it ended (cancelled with it, not
     * completed); empty when none was, or when the instance ended before this record began.
     */
    public Set<String> openTasksOf(String caseId) {
        return new LinkedHashSet<>(jdbc.queryForList(
                "SELECT unnest(open_tasks) FROM process_end_state WHERE case_id = ?", String.class, caseId));
    }

    private static void cancelled(DelegateTask task) {
        TransactionScoped.state(CANCELLED_TASKS, HashMap<String, Set<String>>::new)
                .computeIfAbsent(task.getProcessInstanceId(), id -> new LinkedHashSet<>())
                .add(task.getTaskDefinitionKey());
    }

    private void ended(DelegateExecution execution) {
        if (!execution.getId().equals(execution.getProcessInstanceId())) {
            return;
        }
        Set<String> openTasks = TransactionScoped.state(CANCELLED_TASKS, HashMap<String, Set<String>>::new)
                .getOrDefault(execution.getProcessInstanceId(), Set.of());
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        execution.getVariablesLocal().forEach((name, value) -> {
            if (!ProcessVariables.restoredOnReopening(name)) {
                return;
            }
            String encoded = encode(value);
            if (encoded == null) {
                log.warn("Variable {} of case {} is a {}, which the reopening cannot restore: not kept", name,
                        execution.getProcessBusinessKey(), value.getClass().getName());
                return;
            }
            names.add(name);
            values.add(encoded);
        });
        jdbc.update("""
                INSERT INTO process_end_state (case_id, process_instance_id, ended_at, variables, open_tasks)
                VALUES (?, ?, now(), jsonb_object(?::text[], ?::text[]), ?::text[])
                ON CONFLICT (case_id) DO UPDATE SET process_instance_id = excluded.process_instance_id,
                                                    ended_at = excluded.ended_at, variables = excluded.variables,
                                                    open_tasks = excluded.open_tasks""",
                execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
                names.toArray(String[]::new), values.toArray(String[]::new), openTasks.toArray(String[]::new));
    }

    /** A value as text tagged with its type; null for a type the reopening cannot restore. */
    static String encode(Object value) {
        if (value == null) {
            return "n:";
        }
        if (value instanceof Boolean b) {
            return "b:" + b;
        }
        if (value instanceof String s) {
            return "s:" + s;
        }
        if (value instanceof Date d) {
            return "d:" + d.getTime();
        }
        if (value instanceof Integer i) {
            return "i:" + i;
        }
        if (value instanceof Long l) {
            return "l:" + l;
        }
        return null;
    }

    static Object decode(String encoded) {
        String text = encoded.substring(2);
        return switch (encoded.charAt(0)) {
            case 'n' -> null;
            case 'b' -> Boolean.valueOf(text);
            case 's' -> text;
            case 'd' -> new Date(Long.parseLong(text));
            case 'i' -> Integer.valueOf(text);
            case 'l' -> Long.valueOf(text);
            default -> throw new IllegalStateException("Unknown variable type in process_end_state: " + encoded);
        };
    }
}
