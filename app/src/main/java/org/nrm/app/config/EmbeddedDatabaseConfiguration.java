package org.nrm.app.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: real PostgreSQL binaries from the package registry, started inside the application, pooled
 * through Hikari. Only for trying and training: it runs with {@code synchronous_commit=off}. Setting
 * {@code SPRING_DATASOURCE_URL} switches to an external server and this configuration steps aside.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        // Spring closes the database after the event processors and the engine have stopped; PostgreSQL's own JVM
        // shutdown hook would race them and stop the database under their feet.
        var builder = EmbeddedPostgres.builder().setPort(properties.port()).setRegisterShutdownHook(false);
        if (properties.dataDir() == null || properties.dataDir().isBlank()) {
            builder.setCleanDataDirectory(true);
        } else {
            Path dir = Path.of(properties.dataDir()).toAbsolutePath();
            Files.createDirectories(dir);
            builder.setDataDirectory(dir).setCleanDataDirectory(false);
        }
        EmbeddedPostgres postgres = builder.start();
        log.warn("EMBEDDED DATABASE: PostgreSQL on port {} with data in {}. It runs with synchronous_commit=off and is "
                        + "for trying and training only; production sets SPRING_DATASOURCE_URL to a real server.",
                postgres.getPort(), properties.dataDir() == null || properties.dataDir().isBlank()
                        ? "a temporary folder" : Path.of(properties.dataDir()).toAbsolutePath());
        return postgres;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
        var config = new HikariConfig();
        config.setPoolName("nrm-embedded");
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(properties.maxPoolSize());
        return new HikariDataSource(config);
    }
}
