package org.nrm.app.shelters;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.nrm.referral.api.ChangeShelter;
import org.nrm.referral.api.ChangeShelterCapacity;
import org.nrm.referral.api.EndPlacement;
import org.nrm.referral.api.PlacePerson;
import org.nrm.referral.api.RegisterShelter;
import org.nrm.referral.api.RetireShelter;
import org.nrm.projections.shelters.Shelters;
import org.nrm.workflow.tasks.PlacementInput;
import org.nrm.workflow.tasks.WorkflowException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every command on a shelter first takes the shelter's lock for the rest of its transaction (a PostgreSQL advisory
 * lock), so steps on one shelter run one after the other: two placements racing for the last bed do not both load
 * the shelter with a free bed and collide on the event's sequence number; the second waits, then finds the shelter
 * full and is refused by the rule ({@code shelter-full}). A placement in a shelter that does not exist names the
 * field ({@code shelterId}, 400).
 */
@Configuration(proxyBeanMethods = false)
class ShelterCommandGuard {

    /** The first key of the two-key advisory locks: shelters. */
    static final int SHELTER_LOCKS = 0x5E17;

    /** Takes the shelters' locks until the transaction ends, in id order (so two transfers never wait on each other). */
    static void lock(JdbcTemplate jdbc, String... shelterIds) {
        for (String shelterId : java.util.Arrays.stream(shelterIds).sorted().distinct().toList()) {
            jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", rs -> null, SHELTER_LOCKS, shelterId);
        }
    }

    @Bean
    ConfigurerModule shelterCommandsInTurn(JdbcTemplate jdbc, Shelters shelters) {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = (unitOfWork, chain) -> {
            String shelterId = shelterOf(unitOfWork.getMessage().getPayload());
            if (shelterId != null) {
                lock(jdbc, shelterId);
                if (unitOfWork.getMessage().getPayload() instanceof PlacePerson && shelters.find(shelterId).isEmpty()) {
                    throw WorkflowException.invalid(PlacementInput.SHELTER_ID,
                            "'" + PlacementInput.SHELTER_ID + "' names no registered shelter.");
                }
            }
            return chain.proceed();
        };
        return configurer -> configurer.onInitialize(config -> config.onStart(() -> config.commandBus()
                .registerHandlerInterceptor(interceptor)));
    }

    static String shelterOf(Object command) {
        if (command instanceof PlacePerson c) {
            return c.shelterId();
        } else if (command instanceof EndPlacement c) {
            return c.shelterId();
        } else if (command instanceof ChangeShelterCapacity c) {
            return c.shelterId();
        } else if (command instanceof ChangeShelter c) {
            return c.shelterId();
        } else if (command instanceof RetireShelter c) {
            return c.shelterId();
        } else if (command instanceof RegisterShelter c) {
            return c.shelterId();
        }
        return null;
    }
}
