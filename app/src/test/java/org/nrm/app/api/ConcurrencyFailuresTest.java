package org.nrm.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/** A lost race is recognised however it is wrapped, and nothing else is taken for one. */
class ConcurrencyFailuresTest {

    @Test
    void lost_races_wrapped_by_the_engine_the_command_bus_or_the_transaction_are_recognised() {
        assertThat(ConcurrencyFailures.isConcurrencyFailure(new CommandExecutionException("x",
                new OptimisticLockingException("task updated meanwhile")))).isTrue();
        assertThat(ConcurrencyFailures.isConcurrencyFailure(new ProcessEngineException("flush failed",
                new ConcurrencyException("sequence taken")))).isTrue();
        var deadlock = new BatchUpdateException("batch", new int[0]);
        deadlock.setNextException(new SQLException("deadlock detected", "40P01"));
        assertThat(ConcurrencyFailures.isConcurrencyFailure(new ProcessEngineException("flush", deadlock))).isTrue();
        assertThat(ConcurrencyFailures.isConcurrencyFailure(new TransactionSystemException("commit",
                new SQLException("could not serialize access", "40001")))).isTrue();
    }

    @Test
    void other_failures_are_not_taken_for_a_lost_race() {
        assertThat(ConcurrencyFailures.isConcurrencyFailure(new IllegalStateException("bug"))).isFalse();
        assertThat(ConcurrencyFailures.isConcurrencyFailure(new ProcessEngineException("x",
                new SQLException("syntax error", "42601")))).isFalse();
    }
}
