package org.nrm.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.Screening;
import org.nrm.referral.api.ScreeningResult;

/** The screening aid's rule (UN Trafficking Protocol, article 3, and the smuggling indicators), without the platform. */
class ScreeningTradeOffTest {

    private static final Set<String> NONE = Set.of();

    @Test
    void an_adult_smuggled_without_exploitation_shows_smuggling_only() {
        var s = new Screening(Set.of("TRANSPORT"), NONE, NONE,
                Set.of("CONSENT_TO_CROSSING", "RELATIONSHIP_ENDS_AT_BORDER", "PAYMENT_FOR_PASSAGE_ONLY"));
        assertThat(s.result(false)).isEqualTo(ScreeningResult.SMUGGLING);
    }

    @Test
    void an_exploited_adult_needs_an_act_a_means_and_a_purpose() {
        assertThat(new Screening(Set.of("RECRUITMENT"), Set.of("DECEPTION"), Set.of("FORCED_LABOUR"), NONE)
                .result(false)).isEqualTo(ScreeningResult.TRAFFICKING);
        assertThat(new Screening(NONE, Set.of("DECEPTION"), Set.of("FORCED_LABOUR"), NONE).result(false))
                .as("no act").isEqualTo(ScreeningResult.NEITHER);
        assertThat(new Screening(Set.of("RECRUITMENT"), Set.of("DECEPTION"), NONE, NONE).result(false))
                .as("no purpose").isEqualTo(ScreeningResult.NEITHER);
    }

    @Test
    void for_a_child_the_means_are_not_needed() {
        var withoutMeans = new Screening(Set.of("HARBOURING"), NONE, Set.of("SEXUAL_EXPLOITATION"), NONE);
        assertThat(withoutMeans.result(true)).isEqualTo(ScreeningResult.TRAFFICKING);
        assertThat(withoutMeans.result(false)).isEqualTo(ScreeningResult.NEITHER);
    }

    @Test
    void both_when_a_consented_crossing_ends_in_exploitation() {
        assertThat(new Screening(Set.of("TRANSPORT"), Set.of("COERCION"), Set.of("FORCED_LABOUR"),
                Set.of("CONSENT_TO_CROSSING")).result(false)).isEqualTo(ScreeningResult.BOTH);
        assertThat(new Screening(null, null, null, null).result(true)).isEqualTo(ScreeningResult.NEITHER);
    }
}
