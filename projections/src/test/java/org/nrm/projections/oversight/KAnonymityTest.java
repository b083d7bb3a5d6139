package org.nrm.projections.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KAnonymityTest {

    private static final String[] GENDERS = {"FEMALE", "MALE", "TRANSGENDER", "OTHER", "UNKNOWN"};
    private static final String[] LANGUAGES = {"vie", "alb", "rum", "eng", "prs", "rom", "tir", "ukr"};
    private static final String[] AGENCIES = {"police", "border-police", "ngo-outreach", "labour-inspectorate"};
    private static final String[] AGES = {"CHILD", "ADULT", "UNKNOWN"};
    private static final String[] COUNTRIES = {"VN", "AL", "RO", "NG", "ER", "GB", "XK", "SD", "CN", "IN", "UA"};
    private static final String[] BANDS = {"AGE_18_20", "AGE_21_23", "AGE_9_17", "AGE_30_38", "AGE_0_8", "AGE_48_PLUS"};
    private static final String[] DURATIONS = {"MONTHS_1_TO_6", "YEARS_1_TO_2", "LESS_THAN_1_MONTH",
        "MORE_THAN_5_YEARS"};
    private static final String[] TYPES = {"SEXUAL", "FORCED_LABOUR", "FORCED_CRIMINALITY", "DOMESTIC_SERVITUDE",
        "FORCED_MARRIAGE", "ORGAN_REMOVAL", "BEGGING", "ILLEGAL_ADOPTION", "SURROGACY", "OTHER"};

    /** Skewed like real data: a few frequent values and a long tail of rare ones. */
    private static String pick(Random random, String[] values) {
        double u = random.nextDouble();
        return values[(int) Math.min(values.length - 1, Math.floor(values.length * u * u * u))];
    }

    static List<ExportCase> generated(Random random, int n) {
        List<ExportCase> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String age = pick(random, AGES);
            Set<String> types = random.nextInt(5) == 0 ? new java.util.HashSet<>(List.of(pick(random, TYPES), pick(random, TYPES)))
                    : Set.of(pick(random, TYPES));
            cases.add(new ExportCase(String.valueOf(2015 + random.nextInt(11)), pick(random, GENDERS), age,
                    !"ADULT".equals(age) || random.nextInt(10) == 0, random.nextInt(20) == 0 ? null
                    : pick(random, COUNTRIES), random.nextBoolean() ? "DOMESTIC" : "ABROAD", types,
                    Set.of("DEBT_BONDAGE"), null, null, "SUPPORT", null, pick(random, AGENCIES),
                    random.nextInt(3) == 0 ? List.of(pick(random, LANGUAGES), pick(random, LANGUAGES))
                    : List.of(pick(random, LANGUAGES)), true, false,
                    new ExportCase.Details(random.nextInt(3) == 0 ? null : pick(random, BANDS),
                            random.nextInt(2) == 0 ? null : pick(random, DURATIONS),
                            random.nextInt(3) == 0 ? List.of(pick(random, COUNTRIES)) : List.of(),
                            Set.of("FRIEND"), Set.of(), Set.of(), Set.of())));
        }
        return cases;
    }

    @Test
    void no_exported_combination_of_quasi_identifiers_describes_fewer_than_k_people() {
        for (int seed = 0; seed < 60; seed++) {
            Random random = new Random(seed);
            int k = new int[] {2, 5, 11, 20}[seed % 4];
            int n = new int[] {0, 7, 60, 400, 2500}[seed % 5];
            List<ExportCase> input = generated(random, n);
            KAnonymity.Result result = new KAnonymity(k, 0.05).apply(input);
            Map<String, Integer> groups = new HashMap<>();
            result.cases().forEach(c -> groups.merge(KAnonymity.key(c), 1, Integer::sum));
            assertThat(groups.values()).as("seed %d, k %d, n %d", seed, k, n).allMatch(size -> size >= k);
            assertThat(result.report().exported()).isEqualTo(result.cases().size());
            assertThat(result.report().exported() + result.report().suppressed()).isEqualTo(n);
            assertThat(result.report().generalised()).containsOnlyKeys(HtcdsMapping.QUASI_IDENTIFIERS);
            // the exported rows keep what is not a quasi-identifier
            assertThat(result.cases()).allSatisfy(c -> assertThat(c.indicators()).containsExactly("DEBT_BONDAGE"));
            assertThat(result.cases()).allSatisfy(c -> assertThat(c.details().recruiterRelations())
                    .containsExactly("FRIEND"));
        }
    }

    @Test
    void large_enough_groups_are_exported_as_recorded_and_a_lone_case_is_suppressed() {
        List<ExportCase> input = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            input.add(new ExportCase("2024", "FEMALE", "ADULT", false, "VN", "DOMESTIC", Set.of("SEXUAL"), Set.of(),
                    null, null, "SUPPORT", null, "police", List.of(), true, false));
        }
        input.add(new ExportCase("2024", "MALE", "CHILD", true, "ER", "ABROAD", Set.of("ORGAN_REMOVAL"), Set.of(),
                null, null, "SUPPORT", null, "police", List.of(), true, false));
        KAnonymity.Result result = new KAnonymity(11, 0.05).apply(input);
        assertThat(result.report().suppressed()).isEqualTo(1);
        assertThat(result.report().generalised().values()).containsOnly("as recorded", "year");
        assertThat(result.cases()).hasSize(30).allSatisfy(c -> assertThat(c.nationality()).isEqualTo("VN"));
    }

    @Test
    void generalisation_is_preferred_to_suppressing_many_people() {
        List<ExportCase> input = new ArrayList<>();
        for (int year = 2020; year < 2025; year++) {
            for (int i = 0; i < 4; i++) {
                input.add(new ExportCase(String.valueOf(year), "FEMALE", "ADULT", false, "AL", "DOMESTIC",
                        Set.of("SEXUAL"), Set.of(), null, null, "SUPPORT", null, "police", List.of(), true, false));
            }
        }
        KAnonymity.Result result = new KAnonymity(11, 0.05).apply(input);
        assertThat(result.report().suppressed()).isZero();
        assertThat(result.report().generalised()).containsEntry("year", "5-year band");
        assertThat(result.cases()).hasSize(20).allSatisfy(c -> assertThat(c.yearOfRegistration()).isEqualTo("2020-2024"));
    }

    @Test
    void a_rare_language_does_not_single_a_person_out() {
        List<ExportCase> input = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            input.add(new ExportCase("2024", "FEMALE", "ADULT", false, "AF", "DOMESTIC", Set.of("SEXUAL"), Set.of(),
                    null, null, "SUPPORT", null, "police", List.of("per"), true, false));
        }
        // the one person who speaks Dari is otherwise like the thirty
        input.add(new ExportCase("2024", "FEMALE", "ADULT", false, "AF", "DOMESTIC", Set.of("SEXUAL"), Set.of(),
                null, null, "SUPPORT", null, "police", List.of("prs"), true, false));
        KAnonymity.Result result = new KAnonymity(11, 0.05).apply(input);
        assertThat(result.cases()).noneMatch(c -> c.languages().contains("prs"));
        Map<String, Integer> groups = new HashMap<>();
        result.cases().forEach(c -> groups.merge(KAnonymity.key(c), 1, Integer::sum));
        assertThat(groups.values()).allMatch(size -> size >= 11);
    }

    private static ExportCase abroad(String country, String band, String duration) {
        return new ExportCase("2024", "FEMALE", "ADULT", false, "VN", "OVERSEAS", Set.of("FORCED_LABOUR"), Set.of(),
                null, null, "SUPPORT", null, "police", List.of(), true, false,
                new ExportCase.Details(band, duration, List.of(country), Set.of(), Set.of(), Set.of("AGRICULTURE"),
                        Set.of()));
    }

    @Test
    void a_rare_country_of_exploitation_age_band_or_length_does_not_single_a_person_out() {
        for (ExportCase lone : List.of(abroad("KP", "AGE_21_23", "YEARS_1_TO_2"),
                abroad("DE", "AGE_48_PLUS", "YEARS_1_TO_2"), abroad("DE", "AGE_21_23", "MORE_THAN_5_YEARS"))) {
            List<ExportCase> input = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                input.add(abroad("DE", "AGE_21_23", "YEARS_1_TO_2"));
            }
            input.add(lone);
            KAnonymity.Result result = new KAnonymity(11, 0.05).apply(input);
            Map<String, Integer> groups = new HashMap<>();
            result.cases().forEach(c -> groups.merge(KAnonymity.key(c), 1, Integer::sum));
            assertThat(groups.values()).allMatch(size -> size >= 11);
            assertThat(result.cases()).noneMatch(c -> c.details().countriesOfExploitation().contains("KP"))
                    .noneMatch(c -> "AGE_48_PLUS".equals(c.details().ageAtExploitation()))
                    .noneMatch(c -> "MORE_THAN_5_YEARS".equals(c.details().duration()));
            // the thirty keep their country, age band and length as recorded
            assertThat(result.cases()).hasSize(30).allSatisfy(c -> {
                assertThat(c.details().countriesOfExploitation()).containsExactly("DE");
                assertThat(c.details().ageAtExploitation()).isEqualTo("AGE_21_23");
                assertThat(c.details().duration()).isEqualTo("YEARS_1_TO_2");
                assertThat(c.details().labourSectors()).containsExactly("AGRICULTURE");
            });
            assertThat(result.report().generalised()).containsKeys("countryOfExploitation", "ageAtExploitation",
                    "lengthOfExploitation");
        }
    }

    @Test
    void age_bands_generalise_to_the_majority_status_at_exploitation() {
        List<ExportCase> input = new ArrayList<>();
        String[] adultBands = {"AGE_18_20", "AGE_21_23", "AGE_24_26", "AGE_27_29", "AGE_30_38", "AGE_39_47"};
        for (int i = 0; i < 60; i++) {
            input.add(abroad("DE", adultBands[i % adultBands.length], null));
        }
        KAnonymity.Result result = new KAnonymity(11, 0.05).apply(input);
        assertThat(result.report().suppressed()).isZero();
        assertThat(result.report().generalised()).containsEntry("ageAtExploitation",
                "majority status at exploitation only");
        assertThat(result.cases()).hasSize(60).allSatisfy(c -> {
            assertThat(HtcdsMapping.ageBroad(c)).isEmpty();
            assertThat(HtcdsMapping.majorityStatusAtExploit(c)).isEqualTo("Adult");
        });
    }
}
