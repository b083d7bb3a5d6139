package org.nrm.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is given. {@code dataDir} keeps the cases across
 * restarts; an empty {@code dataDir} means a fresh throw-away database (tests).
 */
@ConfigurationProperties("nrm.embedded-database")
public record EmbeddedDatabaseProperties(@DefaultValue("./data/postgres") String dataDir,
                                         @DefaultValue("0") int port,
                                         @DefaultValue("20") int maxPoolSize) {
}
