package org.nrm.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/**
 * Issue 14, item 5: only a real conflict (unique violation, lock or serialization failure) is a 409 "concurrent
 * change"; any other refusal of the database (NUL byte 22021, timestamp out of range 22008, text too long 22001) is
 * input that escaped validation and must never read "try again".
 */
class ProblemHandlerDatabaseErrorsTest {

    private final ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(ProblemHandler.class);

    private String handlerOf(Exception ex) {
        return resolver.resolveMethod(ex).getName();
    }

    @Test
    void data_errors_are_not_concurrent_changes() {
        for (String state : new String[] {"22021", "22008", "22001", "23502", "23514"}) {
            var ex = new DataIntegrityViolationException("refused", new SQLException("refused", state));
            assertThat(handlerOf(ex)).as(state).isEqualTo("unexpected");
        }
    }

    @Test
    void unique_and_lock_conflicts_are() {
        assertThat(handlerOf(new DuplicateKeyException("dup", new SQLException("dup", "23505"))))
                .isEqualTo("concurrent");
        assertThat(handlerOf(new CannotAcquireLockException("40001"))).isEqualTo("concurrent");
    }
}
