package org.nrm.workflow;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.nrm.referral.api.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends a command on behalf of an actor and waits for it: the actor travels in the command's metadata and, through
 * the correlation data providers, into every event the command causes. Joins the caller's transaction.
 *
 * <p>Before the command is dispatched, the caller's transaction takes PostgreSQL's transaction-scoped advisory lock of
 * the command's aggregate. Steps on one case from different transactions (two tasks of the case completed at once, a
 * task and a case action, on one node or several) therefore take turns at the database: the later one loads the
 * aggregate after the earlier one committed and decides on the current state. Without it, the later command took
 * Axon's in-memory aggregate lock and then waited on the earlier transaction's uncommitted event row, while the
 * earlier transaction could wait for that in-memory lock: a deadlock the database cannot see (it ended only when Axon
 * interrupted the unit of work a minute later). Every wait is now a database wait, which PostgreSQL resolves.
 */
@Component
public class CommandSender {

    private static final CommandTargetResolver TARGETS = AnnotationCommandTargetResolver.builder().build();

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;

    public CommandSender(CommandGateway gateway, JdbcTemplate jdbc) {
        this.gateway = gateway;
        this.jdbc = jdbc;
    }

    public <R> R send(Object command, Actor actor) {
        CommandMessage<?> message = message(command, actor);
        lockAggregate(message, true);
        return gateway.sendAndWait(message);
    }

    /**
     * Sends a command that creates its aggregate under an identifier the caller's transaction has just made (a new
     * random case id): no other transaction can name the aggregate before this one commits, so there is nobody to
     * take turns with and no lock is taken; later commands of the transaction on the aggregate take none either.
     */
    public <R> R sendCreating(Object command, Actor actor) {
        CommandMessage<?> message = message(command, actor);
        lockAggregate(message, false);
        return gateway.sendAndWait(message);
    }

    private static CommandMessage<?> message(Object command, Actor actor) {
        return GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(Actor.USER_KEY, actor.userId(), Actor.AGENCY_KEY, actor.agency()));
    }

    private void lockAggregate(CommandMessage<?> message, boolean lock) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        String aggregateId;
        try {
            aggregateId = TARGETS.resolveTarget(message).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return; // a command without a target identifier: Axon refuses it as it did before
        }
        // the lock is the transaction's until it ends: a second command on the aggregate takes it once only
        if (heldInThisTransaction().add(aggregateId) && lock) {
            jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> { }, "aggregate:" + aggregateId);
        }
    }

    /** The aggregates the current transaction holds the lock of (or created). */
    private static Set<String> heldInThisTransaction() {
        return TransactionScoped.state(HELD_LOCKS, HashSet::new);
    }

    private static final Object HELD_LOCKS = new Object();
}
