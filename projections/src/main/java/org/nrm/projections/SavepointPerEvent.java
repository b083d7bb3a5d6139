package org.nrm.projections;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of the projections: each event's handler runs inside a savepoint of the batch's transaction. In PostgreSQL a
 * failed statement aborts the whole transaction; rolling back to the savepoint instead lets the processor park the
 * failing event in the dead-letter queue (in the same, still healthy, transaction) and go on with the next events.
 */
public abstract class SavepointPerEvent {

    private final TransactionTemplate savepoint;

    protected SavepointPerEvent(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @MessageHandlerInterceptor
    public Object inSavepoint(InterceptorChain chain) throws Exception {
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
