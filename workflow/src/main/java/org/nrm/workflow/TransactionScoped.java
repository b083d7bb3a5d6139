package org.nrm.workflow;

import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * State that lives as long as the current transaction, kept by a synchronization of the transaction: a transaction
 * suspended for a new one (REQUIRES_NEW) takes its synchronizations with it, so the new one starts without the state.
 * Outside a transaction's synchronization every call gets fresh state (nothing is remembered).
 */
public final class TransactionScoped {

    private TransactionScoped() {
    }

    /** The current transaction's state under {@code key}, made by {@code fresh} on its first use. */
    @SuppressWarnings("unchecked")
    public static <T> T state(Object key, Supplier<T> fresh) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return fresh.get();
        }
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Held held && held.key == key) {
                return (T) held.value;
            }
        }
        T value = fresh.get();
        TransactionSynchronizationManager.registerSynchronization(new Held(key, value));
        return value;
    }

    private record Held(Object key, Object value) implements TransactionSynchronization {
    }
}
