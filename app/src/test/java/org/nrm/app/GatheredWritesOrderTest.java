package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;
import org.nrm.projections.SavepointPerEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Writes of a projection's batch are gathered until the batch commits; they must land in the order they were made,
 * also when the projection turns careful (another batch failed) halfway through the batch.
 */
class GatheredWritesOrderTest extends PlatformTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TransactionManager axonTransactions;

    /** A projection of its own, so that its careful period touches no other test. */
    private final class Probe extends SavepointPerEvent {
        Probe() {
            super("probe", transactions);
        }

        void insert(String key, int value) {
            write(jdbc, key, "INSERT INTO probe_write (key, value) VALUES (?, ?)", key, value);
        }

        /** A handler of this projection fails: it turns careful. */
        void fail() {
            assertThatThrownBy(() -> inSavepoint(GenericEventMessage.asEventMessage("boom"), () -> {
                throw new IllegalStateException("a handler failed");
            })).isInstanceOf(IllegalStateException.class);
        }
    }

    private List<Integer> written(String key) {
        return jdbc.queryForList("SELECT value FROM probe_write WHERE key = ? ORDER BY n", Integer.class, key);
    }

    @Test
    void a_batch_that_turns_careful_halfway_keeps_the_order_of_its_writes() throws Exception {
        jdbc.execute("CREATE TABLE IF NOT EXISTS probe_write (n BIGSERIAL PRIMARY KEY, key TEXT, value INT)");
        Probe probe = new Probe();

        // not careful: the first write is gathered; then a failure; the second must not overtake the first
        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(GenericEventMessage.asEventMessage("event"));
        batch.attachTransaction(axonTransactions);
        batch.executeWithResult(() -> {
            probe.insert("case-a", 1);
            assertThat(written("case-a")).isEmpty();
            probe.fail();
            assertThat(probe.careful()).isTrue();
            probe.insert("case-a", 2);
            return null;
        });
        assertThat(written("case-a")).containsExactly(1, 2);
        assertThat(probe.writesGathered()).isEqualTo(2);

        // careful from the start of a batch: every write at once, in order
        BatchingUnitOfWork<?> careful = new BatchingUnitOfWork<>(GenericEventMessage.asEventMessage("event"));
        careful.attachTransaction(axonTransactions);
        careful.executeWithResult(() -> {
            probe.insert("case-b", 1);
            assertThat(written("case-b")).containsExactly(1);
            probe.insert("case-b", 2);
            return null;
        });
        assertThat(written("case-b")).containsExactly(1, 2);
        assertThat(probe.writesAtOnce()).isEqualTo(2);

        // relaxed again, a batch of two cases: each case's writes in order, all of them at the commit
        probe.relax();
        BatchingUnitOfWork<?> mixed = new BatchingUnitOfWork<>(GenericEventMessage.asEventMessage("event"));
        mixed.attachTransaction(axonTransactions);
        mixed.executeWithResult(() -> {
            probe.insert("case-c", 1);
            probe.insert("case-d", 1);
            probe.insert("case-c", 2);
            probe.insert("case-c", 3);
            probe.insert("case-d", 2);
            assertThat(written("case-c")).isEmpty();
            return null;
        });
        assertThat(written("case-c")).containsExactly(1, 2, 3);
        assertThat(written("case-d")).containsExactly(1, 2);
    }
}
