package org.nrm.workflow;

import java.lang.management.ManagementFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The engine's job locks of this node. Its job executor writes the node's name ({@code pid@host}, as Axon names the
 * owner of a token claim) into the jobs it acquires, so an operator and the other nodes can tell whose lock a job
 * carries. On a graceful shutdown the job executor is stopped first (the jobs running finish) and the locks the node
 * still holds on jobs it acquired but did not run are released at once, so another node runs them now rather than
 * after the lock time ({@code camunda.bpm.job-execution.lock-time-in-millis}); a killed node's locks expire as before.
 */
@Component
public class NodeJobLocks extends AbstractProcessEnginePlugin
        implements org.springframework.beans.factory.DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NodeJobLocks.class);

    /** This JVM's name for itself: {@code pid@host}. */
    public static final String OWNER = ManagementFactory.getRuntimeMXBean().getName();

    private final ObjectProvider<ProcessEngine> engine;
    private final JdbcTemplate jdbc;

    public NodeJobLocks(ObjectProvider<ProcessEngine> engine, JdbcTemplate jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(OWNER);
        }
    }

    @Override
    public void destroy() {
        release();
    }

    /** Stops this node's job executor and releases the locks it still holds; returns how many were released. */
    public int release() {
        ProcessEngine processEngine = engine.getIfAvailable();
        if (processEngine == null) {
            return 0;
        }
        JobExecutor executor = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .getJobExecutor();
        if (executor == null) {
            return 0;
        }
        if (executor.isActive()) {
            executor.shutdown();
        }
        try {
            int released = jdbc.update("UPDATE act_ru_job SET lock_owner_ = NULL, lock_exp_time_ = NULL, rev_ = rev_ + 1 "
                    + "WHERE lock_owner_ = ?", executor.getLockOwner());
            log.info("Job executor stopped; {} job lock(s) of {} released", released, executor.getLockOwner());
            return released;
        } catch (RuntimeException e) {
            log.warn("Job locks of {} not released (they expire on their own): {}", executor.getLockOwner(),
                    e.toString());
            return 0;
        }
    }
}
