package org.nrm.app.api;

import org.nrm.workflow.LostRaces;

/**
 * A lost race, however deeply it is wrapped ({@link LostRaces}): a {@code 409}: the step was not taken, nothing of it
 * is stored, and the caller may reload and try again.
 */
final class ConcurrencyFailures {

    private ConcurrencyFailures() {
    }

    static boolean isConcurrencyFailure(Throwable failure) {
        return LostRaces.isLostRace(failure);
    }
}
