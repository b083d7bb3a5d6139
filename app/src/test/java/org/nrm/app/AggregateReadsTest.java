package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nrm.app.config.AxonConfiguration;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The platform's storage engine ends an aggregate's read at its first batch of fewer than a batch's worth of events
 * (AxonConfiguration, issue #19: one read per command, not a second, empty one). Checked on an event table of its own
 * in the test database, with statements counted at the connection: every event of an aggregate is read whatever its
 * length around the batch's size, and a short aggregate costs one statement.
 */
class AggregateReadsTest extends PlatformTest {

    @Autowired
    DataSource dataSource;

    private final AtomicInteger statements = new AtomicInteger();
    private JdbcEventStorageEngine engine;

    @BeforeEach
    void engineOnATableOfItsOwn() throws Exception {
        EventSchema schema = EventSchema.builder().eventTable("aggregate_reads_test_event")
                .snapshotTable("aggregate_reads_test_snapshot").build();
        ConnectionProvider counted = () -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) {
                            statements.incrementAndGet();
                        }
                        if (method.getName().equals("close")) {
                            DataSourceUtils.releaseConnection(connection, dataSource);
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        var serializer = JacksonSerializer.defaultSerializer();
        engine = AxonConfiguration.endingAggregateReadsAtAShortBatch(JdbcEventStorageEngine.builder())
                .connectionProvider(counted).transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer).snapshotSerializer(serializer).schema(schema).build();
        jdbc.execute("DROP TABLE IF EXISTS aggregate_reads_test_event");
        jdbc.execute("DROP TABLE IF EXISTS aggregate_reads_test_snapshot");
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
    }

    @Test
    void every_event_of_an_aggregate_is_read_around_the_batch_size_and_a_short_one_in_one_statement() {
        int batch = AxonConfiguration.AGGREGATE_BATCH;
        for (int length : new int[] {1, batch - 1, batch, batch + 1, 2 * batch, 2 * batch + 7}) {
            String aggregate = UUID.randomUUID().toString();
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                events.add(new GenericDomainEventMessage<>("Test", aggregate, i, "event " + i));
            }
            engine.appendEvents(events);
            statements.set(0);
            List<Long> read = engine.readEvents(aggregate).asStream().map(DomainEventMessage::getSequenceNumber)
                    .toList();
            assertThat(read).as("%d events", length).hasSize(length);
            assertThat(read.get(length - 1)).isEqualTo(length - 1);
            // one statement per batch the events fill, one more when they fill their last batch exactly
            assertThat(statements.get()).as("statements to read %d events", length)
                    .isEqualTo(length / batch + 1);
        }
    }
}
