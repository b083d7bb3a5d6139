package org.nrm.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of the projections. Events are handled with personal data withheld ({@link PersonalDataWithheld}).
 *
 * <p>In PostgreSQL a failed statement aborts the whole transaction, and the processor parks a failing event in the
 * dead-letter queue inside that same transaction. So after a failure each event's handler runs inside a savepoint of
 * the batch's transaction: rolling back to it keeps the transaction healthy for the dead letter and the next events.
 * Savepoints cost two round trips per event, so while nothing has failed for {@link #CAREFUL_FOR} they are left out:
 * the first failure then aborts its batch, the batch rolls back whole (nothing half-done) and the processor retries
 * it, now with a savepoint per event, which parks the failing event and applies the others.
 *
 * <p>While nothing has failed, the writes of a processor's batch are also gathered and sent together when the batch
 * commits ({@link #write}, {@link GatheredWrites}): a few round trips per batch instead of one per event. A write that
 * fails then fails the batch's commit, which rolls the batch back whole as above; the retry runs careful (every write
 * at once, in its event's savepoint), so the failing event is the one parked. Writes outside a processor's batch (a
 * dead letter's retry) always go at once.
 * Subclasses can ask which event is being handled ({@link #currentEvent()}).
 */
public abstract class SavepointPerEvent {

    /** How long after a failure every event runs in a savepoint. */
    public static final Duration CAREFUL_FOR = Duration.ofMinutes(10);

    private static final ThreadLocal<DomainEventMessage<?>> CURRENT = new ThreadLocal<>();

    private final String gathered = getClass().getName() + ".gathered";
    private final String processingGroup;
    private final AtomicLong writesGathered = new AtomicLong();
    private final AtomicLong writesAtOnce = new AtomicLong();

    private final TransactionTemplate savepoint;
    private final Clock clock = Clock.systemUTC();
    private volatile Instant carefulUntil = Instant.MIN;

    protected SavepointPerEvent(String processingGroup, PlatformTransactionManager transactions) {
        this.processingGroup = processingGroup;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Writes {@code sql} for the event being handled: gathered until its batch commits, or at once after a recent
     * failure or outside a batch. {@code key} names the rows it touches (writes of one key keep their order).
     */
    protected final void write(JdbcTemplate jdbc, String key, String sql, Object... arguments) {
        BatchingUnitOfWork<?> batch = CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> b ? b : null;
        // a batch that has begun gathering goes on gathering even if another batch fails meanwhile: a later event of
        // a case written at once would otherwise overtake an earlier one still waiting for the commit
        if (batch == null || (careful() && batch.getResource(gathered) == null)) {
            jdbc.update(sql, arguments);
            writesAtOnce.incrementAndGet();
            return;
        }
        writesGathered.incrementAndGet();
        batch.getOrComputeResource(gathered, k -> {
            GatheredWrites writes = new GatheredWrites();
            batch.onPrepareCommit(uow -> flush(jdbc, writes));
            return writes;
        }).add(key, sql, arguments);
    }

    public String processingGroup() {
        return processingGroup;
    }

    /** Whether a handler failed recently: every event then runs in a savepoint and writes at once. */
    public boolean careful() {
        return !clock.instant().isAfter(carefulUntil);
    }

    /** The operator has dealt with the failures (no dead letters left): back to gathered writes. */
    public void relax() {
        carefulUntil = Instant.MIN;
    }

    /** Writes gathered into their batch so far (see {@link #write}). */
    public long writesGathered() {
        return writesGathered.get();
    }

    /** Writes sent at once so far (careful, or outside a batch). */
    public long writesAtOnce() {
        return writesAtOnce.get();
    }

    private void flush(JdbcTemplate jdbc, GatheredWrites writes) {
        try {
            writes.flush(jdbc);
        } catch (RuntimeException e) {
            becomeCareful();
            throw e;
        }
    }

    /** A write or a handler failed: savepoints and writes at once for {@link #CAREFUL_FOR}. */
    private void becomeCareful() {
        carefulUntil = clock.instant().plus(CAREFUL_FOR);
    }

    /** The event being handled on this thread, when it comes from an aggregate (else null). */
    protected static DomainEventMessage<?> currentEvent() {
        return CURRENT.get();
    }

    @MessageHandlerInterceptor
    public Object inSavepoint(EventMessage<?> event, InterceptorChain chain) throws Exception {
        CURRENT.set(event instanceof DomainEventMessage<?> domain ? domain : null);
        try {
            return PersonalDataWithheld.during(() -> handle(chain));
        } finally {
            CURRENT.remove();
        }
    }

    private Object handle(InterceptorChain chain) throws Exception {
        try {
            if (!careful()) {
                return chain.proceed();
            }
            return savepoint.execute(status -> {
                try {
                    return chain.proceed();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new HandlerFailure(e);
                }
            });
        } catch (Exception e) {
            becomeCareful();
            throw e instanceof HandlerFailure failure ? failure.cause : e;
        }
    }

    private static final class HandlerFailure extends RuntimeException {
        private final Exception cause;

        private HandlerFailure(Exception cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
