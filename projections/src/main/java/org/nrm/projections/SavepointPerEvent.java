package org.nrm.projections;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of the projections: each event's handler runs inside a savepoint of the batch's transaction. In PostgreSQL a
 * failed statement aborts the whole transaction; rolling back to the savepoint instead lets the processor park the
 * failing event in the dead-letter queue (in the same, still healthy, transaction) and go on with the next events.
 * Subclasses can ask which event is being handled ({@link #currentEvent()}).
 */
public abstract class SavepointPerEvent {

    private static final ThreadLocal<DomainEventMessage<?>> CURRENT = new ThreadLocal<>();

    private final TransactionTemplate savepoint;

    protected SavepointPerEvent(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The event being handled on this thread, when it comes from an aggregate (else null). */
    protected static DomainEventMessage<?> currentEvent() {
        return CURRENT.get();
    }

    @MessageHandlerInterceptor
    public Object inSavepoint(EventMessage<?> event, InterceptorChain chain) throws Exception {
        CURRENT.set(event instanceof DomainEventMessage<?> domain ? domain : null);
        try {
            return savepoint.execute(status -> {
                try {
                    return chain.proceed();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new HandlerFailure(e);
                }
            });
        } catch (HandlerFailure failure) {
            throw failure.cause;
        } finally {
            CURRENT.remove();
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
