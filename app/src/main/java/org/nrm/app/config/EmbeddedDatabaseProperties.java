package org.nrm.app.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is given. {@code dataDir} keeps the cases across
 * restarts; an empty {@code dataDir} means a fresh throw-away database (tests). {@code durable} (fsync, synchronous
 * commit, full page writes) is on unless a test turns it off. {@code password} is the superuser's; empty means one
 * generated on first start and kept in the data directory (owner-only). {@code connectionTimeout} is how long a
 * request waits for a connection before it is refused with 503 (an outage fails fast).
 */
@ConfigurationProperties("nrm.embedded-database")
public record EmbeddedDatabaseProperties(@DefaultValue("./data/postgres") String dataDir,
                                         @DefaultValue("0") int port,
                                         @DefaultValue("20") int maxPoolSize,
                                         @DefaultValue("true") boolean durable,
                                         @DefaultValue("") String password,
                                         @DefaultValue("3s") Duration connectionTimeout) {
}
