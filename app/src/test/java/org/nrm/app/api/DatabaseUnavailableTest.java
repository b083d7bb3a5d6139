package org.nrm.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are a database outage (503), however deeply Axon, Camunda or Spring wrap them. */
class DatabaseUnavailableTest {

    private static final SQLTransientConnectionException POOL_TIMEOUT =
            new SQLTransientConnectionException("nrm-embedded - Connection is not available, request timed out");

    @Test
    void connection_failures_are_recognised_through_every_wrapper() {
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(
                new CannotCreateTransactionException("no tx", POOL_TIMEOUT))).isTrue();
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(
                new CannotGetJdbcConnectionException("no connection", new SQLException("x")))).isTrue();
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(new CommandExecutionException("command failed",
                new IllegalStateException("append failed", new PSQLException("I/O error",
                        PSQLState.CONNECTION_FAILURE, new ConnectException("refused")))))).isTrue();
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(new ProcessEngineException("engine",
                new RuntimeException(new SQLException("terminating connection due to administrator command",
                        "57P01"))))).isTrue();
        // the rollback fails too when the connection is gone, and hides the first failure
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new IllegalStateException("handler", POOL_TIMEOUT));
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(rollbackFailed)).isTrue();
        // a rollback on a connection the pool closed when the server broke it off: Hikari's SQLException has no state
        SQLException closedByThePool = new SQLException("Connection is closed");
        closedByThePool.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0",
                "ProxyConnection.java", 520)});
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(new TransactionSystemException("JDBC rollback failed",
                closedByThePool))).isTrue();
        RuntimeException suppressing = new RuntimeException("outer");
        suppressing.addSuppressed(POOL_TIMEOUT);
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(suppressing)).isTrue();
    }

    @Test
    void other_failures_are_not_an_outage() {
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(new DataIntegrityViolationException("dup",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(new TransactionSystemException("commit failed",
                new SQLException("serialization failure", "40001")))).isFalse();
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).as("the same message from elsewhere").isFalse();
        RuntimeException cyclic = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", cyclic);
        cyclic.initCause(other);
        assertThat(DatabaseUnavailable.isDatabaseUnavailable(cyclic)).isFalse();
    }
}
