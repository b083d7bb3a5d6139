package org.nrm.workflow;

import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * What operations need to know of the engine, for health and metrics, without anyone outside {@code workflow}
 * touching it: whether its job executor runs, its jobs (due now, failed with no retries left, locked by a node), and
 * its open incidents per type. Each figure is one count query on the engine's own tables.
 */
@Component
public class EngineStatus {

    /** The engine's jobs at one moment: due and waiting for the executor, failed for good, held by a node. */
    public record Jobs(long due, long failed, long locked) {
    }

    private final ProcessEngine engine;
    private final ManagementService management;
    private final RuntimeService runtime;

    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    public EngineStatus(ProcessEngine engine, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.management = engine.getManagementService();
        this.runtime = engine.getRuntimeService();
    }

    /** Whether this node's job executor is acquiring and running jobs (timers, asynchronous continuations). */
    public boolean jobExecutorActive() {
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        return executor != null && executor.isActive();
    }

    /** This node's lock owner: the name it writes into the jobs it has acquired. */
    public String lockOwner() {
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        return executor == null ? null : executor.getLockOwner();
    }

    public Jobs jobs() {
        long due = management.createJobQuery().executable().count();
        long failed = management.createJobQuery().noRetriesLeft().count();
        return new Jobs(due, failed, lockedCount());
    }

    private long lockedCount() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM act_ru_job WHERE lock_owner_ IS NOT NULL "
                + "AND lock_exp_time_ > CURRENT_TIMESTAMP", Long.class);
        return n == null ? 0 : n;
    }

    /** Open incidents of the engine's two built-in types: a failed job, a failed external task. */
    public Map<String, Long> incidentsByType() {
        Map<String, Long> out = new TreeMap<>();
        for (String type : new String[] {Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE}) {
            out.put(type, runtime.createIncidentQuery().incidentType(type).count());
        }
        return out;
    }
}
