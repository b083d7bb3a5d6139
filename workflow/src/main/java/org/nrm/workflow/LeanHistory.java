package org.nrm.workflow;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's history level {@code nrm-lean} (id {@value #ID}, written into {@code act_ge_property} by migration
 * V90): the engine writes only the history an operator's work in Cockpit and the platform's reopening of a closed
 * case read (docs/adr/008-lean-engine-history.md). The event store is the legal record of a case; the engine's
 * history of every task, variable update, identity link, job and DMN evaluation duplicated it at a cost of most of a
 * step's SQL statements (issue #19).
 *
 * <p>Written: incidents, failed jobs, user operations (Cockpit's own actions), batches; the mechanism's process
 * instances; the activity instances of the steps a reopening resumes at ({@link #REOPENING_READS}). Not written:
 * variables (the reopening restores the ones the last instance ended with from the platform's own
 * {@link ProcessEndState}), task instances (a repeated completion reads the platform's own {@code completed_task}),
 * identity links, variable details, other activity instances, job creation and success, DMN evaluations, external
 * tasks, cases, form properties, and anything of the asynchronous correlation process.
 */
@Component
public class LeanHistory extends AbstractProcessEnginePlugin {

    public static final int ID = 19;
    public static final String NAME = "nrm-lean";

    /**
     * The mechanism's activities whose instances the reopening of a closed case reads from the history: the permit
     * held in force, and the voluntary return's steps (where a reopened return resumes).
     */
    public static final Set<String> REOPENING_READS = Set.of("permit-in-force", "request-voluntary-return",
            TaskKey.RETURN_RISK_ASSESSMENT.key(), "abandon-voluntary-return", TaskKey.RETURN_DEPARTURE.key(),
            "follow-up-due", TaskKey.REINTEGRATION_FOLLOW_UP.key(), "complete-voluntary-return");

    private static final Set<HistoryEventTypes> ALWAYS = EnumSet.of(
            HistoryEventTypes.INCIDENT_CREATE, HistoryEventTypes.INCIDENT_MIGRATE, HistoryEventTypes.INCIDENT_DELETE,
            HistoryEventTypes.INCIDENT_RESOLVE, HistoryEventTypes.INCIDENT_UPDATE, HistoryEventTypes.JOB_FAIL,
            HistoryEventTypes.USER_OPERATION_LOG, HistoryEventTypes.BATCH_START, HistoryEventTypes.BATCH_END,
            HistoryEventTypes.BATCH_UPDATE);
    private static final Set<HistoryEventTypes> PROCESS_INSTANCE = EnumSet.of(
            HistoryEventTypes.PROCESS_INSTANCE_START, HistoryEventTypes.PROCESS_INSTANCE_UPDATE,
            HistoryEventTypes.PROCESS_INSTANCE_MIGRATE, HistoryEventTypes.PROCESS_INSTANCE_END);
    private static final Set<HistoryEventTypes> ACTIVITY_INSTANCE = EnumSet.of(
            HistoryEventTypes.ACTIVITY_INSTANCE_START, HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE,
            HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE, HistoryEventTypes.ACTIVITY_INSTANCE_END);
    private static final Map<String, Boolean> MECHANISM_DEFINITIONS = new ConcurrentHashMap<>();

    /** The level itself. */
    public static final class Level extends AbstractHistoryLevel {

        @Override
        public int getId() {
            return ID;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (!(eventType instanceof HistoryEventTypes type)) {
                return false;
            }
            if (ALWAYS.contains(type)) {
                return true;
            }
            if (PROCESS_INSTANCE.contains(type)) {
                return entity == null || entity instanceof ExecutionEntity execution && ofTheMechanism(execution);
            }
            if (ACTIVITY_INSTANCE.contains(type)) {
                return entity == null || readByTheReopening(entity);
            }
            return false;
        }

        private static boolean readByTheReopening(Object entity) {
            String activityId;
            String definitionId;
            if (entity instanceof ExecutionEntity execution) {
                activityId = execution.getActivityId();
                definitionId = execution.getProcessDefinitionId();
            } else if (entity instanceof TaskEntity task) {
                activityId = task.getTaskDefinitionKey();
                definitionId = task.getProcessDefinitionId();
            } else {
                return false;
            }
            return activityId != null && REOPENING_READS.contains(activityId) && ofTheMechanism(definitionId);
        }

        private static boolean ofTheMechanism(ExecutionEntity execution) {
            var definition = execution.getProcessDefinition();
            return definition != null ? MechanismProcess.PROCESS_KEY.equals(definition.getKey())
                    : ofTheMechanism(execution.getProcessDefinitionId());
        }

        /**
         * Whether a process definition is the mechanism's. Its id is not always {@code key:version:uuid} (Camunda
         * uses the bare uuid when that would be longer than 64 characters, as the mechanism's is): the key comes
         * from the engine's deployment cache, remembered per id.
         */
        private static boolean ofTheMechanism(String processDefinitionId) {
            if (processDefinitionId == null) {
                return false;
            }
            Boolean known = MECHANISM_DEFINITIONS.get(processDefinitionId);
            if (known != null) {
                return known;
            }
            ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
            if (configuration == null) {
                return processDefinitionId.startsWith(MechanismProcess.PROCESS_KEY + ":");
            }
            ProcessDefinitionEntity definition = configuration.getDeploymentCache()
                    .findDeployedProcessDefinitionById(processDefinitionId);
            boolean mechanism = definition != null && MechanismProcess.PROCESS_KEY.equals(definition.getKey());
            MECHANISM_DEFINITIONS.put(processDefinitionId, mechanism);
            return mechanism;
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomHistoryLevels() == null) {
            configuration.setCustomHistoryLevels(new ArrayList<>());
        }
        configuration.getCustomHistoryLevels().add(new Level());
    }
}
