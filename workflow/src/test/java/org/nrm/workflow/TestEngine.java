package org.nrm.workflow;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;

/**
 * One process engine per test JVM, on a real (embedded) PostgreSQL. The job executor is off: tests run jobs
 * themselves, after moving the engine clock, so nothing waits in real time. The engine creates its own schema here;
 * the application runs the same create scripts as a Flyway migration.
 */
public final class TestEngine {

    private static ProcessEngine engine;

    private TestEngine() {
    }

    public static synchronized ProcessEngine get() {
        if (engine == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                var hikari = new HikariConfig();
                hikari.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
                hikari.setUsername("postgres");
                hikari.setMaximumPoolSize(4);
                var configuration = new StandaloneProcessEngineConfiguration();
                configuration.setDataSource(new HikariDataSource(hikari));
                configuration.setDatabaseSchemaUpdate("true");
                configuration.setJobExecutorActivate(false);
                configuration.setHistory("full");
                configuration.setExpressionManager(new MockExpressionManager());
                configuration.setProcessEngineName("nrm-process-tests");
                engine = configuration.buildProcessEngine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return engine;
    }
}
