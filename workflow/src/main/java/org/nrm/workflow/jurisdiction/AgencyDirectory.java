package org.nrm.workflow.jurisdiction;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.nrm.referral.api.AgencyRole;

/**
 * The jurisdiction's agencies by the part they play, and the steps it gives to named agencies. Supplied by the
 * application from its configuration ({@code nrm.jurisdiction.*}); the model reads it through
 * {@link MechanismJurisdiction}.
 */
public interface AgencyDirectory {

    /** The ids of the agencies that play {@code role}, in a stable order. */
    List<String> playing(AgencyRole role);

    /** The agencies the jurisdiction names for one responsibility (a task key), if it names any. */
    default Optional<List<String>> queueOf(String responsibility) {
        return Optional.empty();
    }

    /** How many of the jurisdiction's days after its due date a step of {@code responsibility} is overdue, if it says. */
    default OptionalInt graceDays(String responsibility) {
        return OptionalInt.empty();
    }

    /**
     * How many of the jurisdiction's days after its task opened a decision of {@code responsibility} is due (past it,
     * a breach), if it says.
     */
    default OptionalInt targetDays(String responsibility) {
        return OptionalInt.empty();
    }

    /** One day of the jurisdiction's clocks (24 hours; compressed for training runs). */
    default Duration dayLength() {
        return Duration.ofDays(1);
    }
}
