package org.nrm.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.nrm.referral.api.AgencyRole;
import org.nrm.workflow.jurisdiction.AgencyDirectory;
import org.nrm.workflow.jurisdiction.MechanismJurisdiction;
import org.springframework.stereotype.Component;

/**
 * The mechanism's agencies by part, from {@code nrm.jurisdiction.agencies}, and the steps given to named agencies
 * ({@code nrm.jurisdiction.task-queues}). A queue naming an unknown step or agency stops the start: a task put into a
 * queue nobody reads would never be seen.
 */
@Component
class JurisdictionAgencies implements AgencyDirectory {

    private final JurisdictionProperties jurisdiction;
    private final JurisdictionQueues queues;

    JurisdictionAgencies(JurisdictionProperties jurisdiction, JurisdictionQueues queues) {
        this.jurisdiction = jurisdiction;
        this.queues = queues;
        check("task-queues", queues.taskQueues());
        check("grace-days", queues.graceDays());
        queues.targetDays().forEach((step, days) -> {
            if (!MechanismJurisdiction.targetedSteps().contains(step)) {
                throw new IllegalStateException("nrm.jurisdiction.target-days." + step
                        + " is not a step with a target; known: " + MechanismJurisdiction.targetedSteps());
            }
            if (days == null || days < 1) {
                throw new IllegalStateException("nrm.jurisdiction.target-days." + step + " must be at least 1 day");
            }
        });
        queues.taskQueues().forEach((step, agencies) -> agencies.forEach(agency -> {
            if (!jurisdiction.agencies().containsKey(agency)) {
                throw new IllegalStateException("nrm.jurisdiction.task-queues." + step + " names " + agency
                        + ", which is not one of nrm.jurisdiction.agencies");
            }
        }));
    }

    private static void check(String key, Map<String, ?> entries) {
        entries.keySet().stream().filter(step -> !MechanismJurisdiction.owners().containsKey(step)).findFirst()
                .ifPresent(step -> {
                    throw new IllegalStateException("nrm.jurisdiction." + key + "." + step
                            + " is not a step of the mechanism; known: " + MechanismJurisdiction.owners().keySet());
                });
    }

    @Override
    public List<String> playing(AgencyRole role) {
        return jurisdiction.agencies().entrySet().stream().filter(entry -> entry.getValue().contains(role))
                .map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public Optional<List<String>> queueOf(String responsibility) {
        return Optional.ofNullable(queues.taskQueues().get(responsibility)).map(List::copyOf);
    }

    @Override
    public OptionalInt graceDays(String responsibility) {
        Integer days = queues.graceDays().get(responsibility);
        return days == null ? OptionalInt.empty() : OptionalInt.of(days);
    }

    @Override
    public OptionalInt targetDays(String responsibility) {
        Integer days = queues.targetDays().get(responsibility);
        return days == null ? OptionalInt.empty() : OptionalInt.of(days);
    }

    @Override
    public Duration dayLength() {
        return jurisdiction.dayLength();
    }
}
