package org.nrm.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.AgeGroup;
import org.nrm.referral.model.JurisdictionRules;

class JurisdictionRulesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void working_days_skip_weekends_and_public_holidays() {
        var rules = new JurisdictionRules("GB", LONDON, Duration.ofDays(1), 5,
                Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28)), 30, 30, 45, 14, 1, 60, List.of(3, 6, 12));
        // Tuesday 22 Dec: 23, 24 count; 25 (holiday), 26-27 (weekend), 28 (holiday) do not; 29, 30, 31 count
        assertThat(rules.workingDaysAfter(Instant.parse("2026-12-22T09:00:00Z"), 5))
                .isEqualTo(Instant.parse("2026-12-31T09:00:00Z"));
    }

    @Test
    void under_compressed_time_every_day_is_a_working_day_and_lasts_the_compressed_length() {
        var rules = JurisdictionRules.defaults("GB", LONDON).withDayLength(Duration.ofSeconds(1));
        Instant saturday = Instant.parse("2026-11-28T10:00:00Z");
        assertThat(rules.workingDaysAfter(saturday, 5)).isEqualTo(saturday.plusSeconds(5));
        assertThat(rules.daysAfter(saturday, 30)).isEqualTo(saturday.plusSeconds(30));
    }

    @Test
    void a_person_without_the_jurisdictions_citizenship_is_a_foreign_national() {
        var rules = JurisdictionRules.defaults("GB", LONDON);
        assertThat(rules.isForeignNational(List.of("VN"))).isTrue();
        assertThat(rules.isForeignNational(List.of("VN", "GB"))).isFalse();
        assertThat(rules.isForeignNational(List.of())).isTrue();
    }

    @Test
    void a_person_is_a_child_until_the_jurisdictions_age_of_majority() {
        LocalDate today = LocalDate.of(2026, 12, 2);
        LocalDate seventeen = LocalDate.of(2009, 6, 1);
        LocalDate eighteenToday = LocalDate.of(2008, 12, 2);
        var demo = JurisdictionRules.defaults("GB", LONDON);
        assertThat(demo.ageOfMajority()).isEqualTo(18);
        assertThat(demo.ageGroup(seventeen, today)).isEqualTo(AgeGroup.CHILD);
        assertThat(demo.ageGroup(eighteenToday, today)).isEqualTo(AgeGroup.ADULT);
        assertThat(demo.ageGroup(eighteenToday.plusDays(1), today)).isEqualTo(AgeGroup.CHILD);
        assertThat(demo.ageGroup(null, today)).isEqualTo(AgeGroup.UNKNOWN);

        var majorityAtSeventeen = new JurisdictionRules("XA", LONDON, Duration.ofDays(1), 5, Set.of(), 30, 30, 45,
                14, 1, 60, List.of(3), 17);
        assertThat(majorityAtSeventeen.ageGroup(seventeen, today)).isEqualTo(AgeGroup.ADULT);
        var majorityAtNineteen = new JurisdictionRules("XB", LONDON, Duration.ofDays(1), 5, Set.of(), 30, 30, 45,
                14, 1, 60, List.of(3), 19);
        assertThat(majorityAtNineteen.ageGroup(eighteenToday, today)).isEqualTo(AgeGroup.CHILD);
        assertThat(majorityAtNineteen.withDayLength(Duration.ofSeconds(1)).ageOfMajority()).isEqualTo(19);
    }
}
