package org.nrm.app.shelters;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.nrm.projections.shelters.Shelters;
import org.nrm.referral.api.Actor;
import org.nrm.referral.model.CaseRuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Registers the configured shelters that are not registered yet, at start (idempotent: a restart, or a second node
 * starting at the same moment, registers nothing twice). A configured shelter that breaks a rule stops the start,
 * naming the entry and the field.
 */
@Component
public class ConfiguredShelterLoader implements ApplicationRunner {

    static final Actor CONFIGURATION = new Actor("system", "jurisdiction-configuration");

    private static final Logger log = LoggerFactory.getLogger(ConfiguredShelterLoader.class);

    private final ConfiguredShelters configured;
    private final Shelters shelters;
    private final ShelterAdministration administration;
    private final Validator validator;

    ConfiguredShelterLoader(ConfiguredShelters configured, Shelters shelters, ShelterAdministration administration,
                            Validator validator) {
        this.configured = configured;
        this.shelters = shelters;
        this.administration = administration;
        this.validator = validator;
    }

    @Override
    public void run(ApplicationArguments args) {
        int index = 0;
        for (ConfiguredShelters.Entry entry : configured.shelters()) {
            String property = "nrm.jurisdiction.shelters[" + index++ + "]";
            if (entry.id() != null && shelters.find(entry.id()).isPresent()) {
                continue;
            }
            var registration = new ShelterRequests.Registration(entry.id(), entry.name(), entry.type(),
                    entry.capacity(), entry.groups(), entry.address());
            var violations = validator.validate(registration);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("Configured shelter " + property + " is invalid: " + violations.stream()
                        .map(ConfiguredShelterLoader::describe).sorted().collect(Collectors.joining("; ")));
            }
            try {
                administration.register(registration, CONFIGURATION);
                log.info("Registered configured shelter {} ({})", entry.id(), entry.type());
            } catch (AggregateStreamCreationException registeredConcurrently) {
                // another node registered it at the same moment
            } catch (CaseRuleViolation violation) {
                if (!"shelter-already-registered".equals(violation.rule())) {
                    throw new IllegalStateException("Configured shelter " + property + " breaks the rule "
                            + violation.rule() + ": " + violation.getMessage(), violation);
                }
            }
        }
    }

    private static String describe(ConstraintViolation<?> violation) {
        String field = violation.getPropertyPath().toString();
        field = field.endsWith("Valid") ? field.substring(0, field.length() - "Valid".length()) : field;
        return ("shelterId".equals(field) ? "id" : field) + " " + violation.getMessage();
    }
}
