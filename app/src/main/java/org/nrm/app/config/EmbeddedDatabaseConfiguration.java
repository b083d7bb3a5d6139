package org.nrm.app.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import org.nrm.app.config.embedded.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: real PostgreSQL binaries from the package registry, run by the application
 * ({@link EmbeddedPostgresServer}: durable, loopback only, password-protected, stopped with the application, and
 * restarted cleanly after a crash), pooled through Hikari. Setting {@code SPRING_DATASOURCE_URL} switches to an
 * external server and this configuration steps aside.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        // Spring closes the database after the event processors and the engine have stopped.
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Settings(
                properties.dataDir(), properties.port(), properties.durable(), properties.password(), null));
        if (postgres.durable()) {
            log.warn("EMBEDDED DATABASE: PostgreSQL on 127.0.0.1:{} with data in {} (fsync and synchronous commit "
                    + "on). It runs inside this installation for trying, training and small deployments on one "
                    + "machine; production sets SPRING_DATASOURCE_URL to a managed server with backups.",
                    postgres.port(), postgres.dataDirectory());
        } else {
            log.warn("EMBEDDED DATABASE WITHOUT DURABILITY (nrm.embedded-database.durable=false: fsync and "
                    + "synchronous commit off): for tests only, a machine failure loses acknowledged steps");
        }
        return postgres;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgresServer postgres, EmbeddedDatabaseProperties properties) {
        var config = new HikariConfig();
        config.setPoolName("nrm-embedded");
        config.setJdbcUrl(postgres.jdbcUrl("postgres"));
        config.setUsername(EmbeddedPostgresServer.SUPERUSER);
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(properties.maxPoolSize());
        // during an outage a request waits this long for a connection, then gets 503 (DatabaseUnavailableResolver)
        config.setConnectionTimeout(properties.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(properties.connectionTimeout().toMillis(), 2000));
        // as spring.datasource.hikari.data-source-properties does for an external server (application.yml)
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}
