package org.nrm.workflow;

import java.sql.SQLException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Recognises a lost race however deeply it is wrapped (by Camunda's command context, Axon's command bus, Spring's
 * transaction): the engine's optimistic locking, Axon's concurrency check on an aggregate's sequence, a task claimed
 * meanwhile, PostgreSQL's deadlock (40P01) and serialization (40001) failures, and the engine finding the execution
 * tree changed between its reads of it (ENGINE-03077, "perhaps it was deleted in the meantime": a timer of the same
 * instance committed while the tree was read). The step was not taken and nothing of it is stored.
 */
public final class LostRaces {

    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String TREE_CHANGED_MEANWHILE = "ENGINE-03077";

    private LostRaces() {
    }

    public static boolean isLostRace(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyException
                    || cause instanceof ConflictingModificationException
                    || cause instanceof TaskAlreadyClaimedException
                    || cause instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (cause instanceof ProcessEngineException engine && engine.getMessage() != null
                    && engine.getMessage().startsWith(TREE_CHANGED_MEANWHILE)) {
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
