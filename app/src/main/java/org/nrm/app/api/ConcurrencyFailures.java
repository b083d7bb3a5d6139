package org.nrm.app.api;

import java.sql.SQLException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Recognises a lost race however deeply it is wrapped (by Camunda's command context, Axon's command bus, Spring's
 * transaction): the engine's optimistic locking, Axon's concurrency check on an aggregate's sequence, a task claimed
 * meanwhile, and PostgreSQL's deadlock (40P01) and serialization (40001) failures. Each is a {@code 409}: the step was
 * not taken, nothing of it is stored, and the caller may reload and try again.
 */
final class ConcurrencyFailures {

    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    private ConcurrencyFailures() {
    }

    static boolean isConcurrencyFailure(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyException
                    || cause instanceof ConflictingModificationException
                    || cause instanceof TaskAlreadyClaimedException
                    || cause instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (SERIALIZATION_FAILURE.equals(next.getSQLState()) || DEADLOCK_DETECTED.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
