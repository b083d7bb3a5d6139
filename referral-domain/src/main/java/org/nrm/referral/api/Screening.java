package org.nrm.referral.api;

import java.util.Set;
import java.util.TreeSet;

/**
 * A screening at referral, trafficking or smuggling: the indicators found of each element of the UN Trafficking
 * Protocol's article 3 definition (the {@code acts}: recruitment, transport, ...; the {@code means}: threat, force,
 * deception, ...; the {@code purposes}: exploitation by type) and the smuggling indicators (consent to the crossing,
 * the relationship ends at the border, payment for passage only). The codes are the jurisdiction's configured lists.
 */
public record Screening(Set<String> acts, Set<String> means, Set<String> purposes, Set<String> smuggling) {

    public Screening {
        acts = acts == null ? Set.of() : Set.copyOf(new TreeSet<>(acts));
        means = means == null ? Set.of() : Set.copyOf(new TreeSet<>(means));
        purposes = purposes == null ? Set.of() : Set.copyOf(new TreeSet<>(purposes));
        smuggling = smuggling == null ? Set.of() : Set.copyOf(new TreeSet<>(smuggling));
    }

    /**
     * Indicators of trafficking: an act, and a purpose of exploitation, and (for an adult) a means; for a child the
     * means are not needed (article 3(c)). Indicators of smuggling: any smuggling indicator.
     */
    public boolean indicatesTrafficking(boolean child) {
        return !acts.isEmpty() && !purposes.isEmpty() && (child || !means.isEmpty());
    }

    public boolean indicatesSmuggling() {
        return !smuggling.isEmpty();
    }

    /** The result for a person who is (or may be) a child, or an adult. */
    public ScreeningResult result(boolean child) {
        boolean trafficking = indicatesTrafficking(child);
        boolean smuggled = indicatesSmuggling();
        return trafficking && smuggled ? ScreeningResult.BOTH
                : trafficking ? ScreeningResult.TRAFFICKING
                : smuggled ? ScreeningResult.SMUGGLING
                : ScreeningResult.NEITHER;
    }
}
