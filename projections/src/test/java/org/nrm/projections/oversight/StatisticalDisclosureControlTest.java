package org.nrm.projections.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nrm.projections.oversight.StatisticalDisclosureControl.Figure;
import org.nrm.projections.oversight.StatisticalDisclosureControl.Sum;

class StatisticalDisclosureControlTest {

    private final StatisticalDisclosureControl sdc = new StatisticalDisclosureControl(5);

    private static String shown(List<Cell> cells) {
        return cells.stream().map(c -> c.category() + "=" + (c.suppressed() ? "*" : c.count()))
                .collect(Collectors.joining(" "));
    }

    @Test
    void a_breakdown_withholds_its_small_cells_and_enough_others_that_the_total_gives_none_away() {
        assertThat(shown(sdc.breakdown(List.of(Cell.of("a", 3), Cell.of("b", 6), Cell.of("c", 7)))))
                .isEqualTo("a=* b=* c=7");
        assertThat(shown(sdc.breakdown(List.of(Cell.of("a", 5), Cell.of("b", 0), Cell.of("c", 7)))))
                .isEqualTo("a=5 b=0 c=7");
        // two withheld ones of 1 each: the total would say they are 2 together, so each is 1; a third is withheld
        assertThat(shown(sdc.breakdown(List.of(Cell.of("a", 1), Cell.of("b", 1), Cell.of("c", 40), Cell.of("d", 9)))))
                .isEqualTo("a=* b=* c=40 d=*");
        // a breakdown of a too-small total: every non-zero cell is too small itself
        assertThat(shown(sdc.breakdown(List.of(Cell.of("a", 3), Cell.of("b", 0))))).isEqualTo("a=* b=0");
    }

    /**
     * The case found from outside: 8 referrals, 6 adults and 2 children. The age groups withhold both, but the type
     * and age table published its only adult row (6): the adults were 6 and, from the total, the children 2.
     */
    @Test
    void a_figure_that_would_give_a_withheld_one_away_is_withheld_with_it() {
        Cell withheld = Cell.of("POSITIVE", 3).suppress();
        Cell published = Cell.of("POSITIVE", 12);
        assertThat(shown(List.of(sdc.withheldWith(Cell.of("backlog", 9), withheld)))).isEqualTo("backlog=*");
        assertThat(shown(List.of(sdc.withheldWith(Cell.of("backlog", 9), published)))).isEqualTo("backlog=9");
        // too small of its own, whatever it reveals; and a 0 describes no one
        assertThat(shown(List.of(sdc.withheldWith(Cell.of("backlog", 2), published)))).isEqualTo("backlog=*");
        assertThat(shown(List.of(sdc.withheldWith(Cell.of("backlog", 0), withheld)))).isEqualTo("backlog=0");
    }

    @Test
    void a_table_of_types_and_age_groups_does_not_give_away_the_age_groups_withheld_elsewhere() {
        Map<String, List<Cell>> tables = new LinkedHashMap<>();
        tables.put("total", List.of(Cell.of("total", 8)));
        tables.put("byAge", List.of(Cell.of("ADULT", 6), Cell.of("CHILD", 2)));
        tables.put("byTypeAndAge", List.of(Cell.of("BEGGING/CHILD", 1), Cell.of("SEXUAL/ADULT", 6),
                Cell.of("SEXUAL/CHILD", 1)));
        List<Sum> sums = List.of(StatisticalDisclosureControl.sumOf("total", "total", "byAge", tables.get("byAge")),
                StatisticalDisclosureControl.sumOf("byAge", "ADULT", "byTypeAndAge", tables.get("byTypeAndAge")
                        .subList(1, 2)),
                StatisticalDisclosureControl.sumOf("byAge", "CHILD", "byTypeAndAge", List.of(
                        tables.get("byTypeAndAge").get(0), tables.get("byTypeAndAge").get(2))));
        Map<String, List<Cell>> published = sdc.linked(tables, sums);
        assertThat(shown(published.get("total"))).isEqualTo("total=8");
        assertThat(shown(published.get("byAge"))).isEqualTo("ADULT=* CHILD=*");
        assertThat(shown(published.get("byTypeAndAge"))).isEqualTo("BEGGING/CHILD=* SEXUAL/ADULT=* SEXUAL/CHILD=*");
    }

    /**
     * Random referral tables shaped as the rapporteur's (a total, age groups, and types within each age group): an
     * attacker who fills in every sum with a single unknown, again and again, learns no withheld figure, and the
     * withheld parts of a sum with a published total are never a small group together.
     */
    @Test
    void no_withheld_figure_follows_from_the_published_ones_in_thousands_of_random_tables() {
        Random random = new Random(20261203L);
        String[] ages = {"ADULT", "CHILD", "UNKNOWN"};
        String[] types = {"SEXUAL", "FORCED_LABOUR", "BEGGING", "FORCED_CRIMINALITY"};
        for (int round = 0; round < 5000; round++) {
            Map<String, List<Cell>> tables = new LinkedHashMap<>();
            List<Cell> byAge = new ArrayList<>();
            List<Cell> byType = new ArrayList<>();
            Map<String, List<Cell>> typesOfAge = new HashMap<>();
            long total = 0;
            for (String age : ages) {
                long ageSum = 0;
                for (String type : types) {
                    long n = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 6 : 30);
                    Cell cell = Cell.of(type + "/" + age, n);
                    byType.add(cell);
                    typesOfAge.computeIfAbsent(age, a -> new ArrayList<>()).add(cell);
                    ageSum += n;
                }
                byAge.add(Cell.of(age, ageSum));
                total += ageSum;
            }
            tables.put("total", List.of(Cell.of("total", total)));
            tables.put("byAge", byAge);
            tables.put("byType", byType);
            List<Sum> sums = new ArrayList<>();
            sums.add(StatisticalDisclosureControl.sumOf("total", "total", "byAge", byAge));
            for (String age : ages) {
                sums.add(StatisticalDisclosureControl.sumOf("byAge", age, "byType", typesOfAge.get(age)));
            }
            Map<String, List<Cell>> published = sdc.linked(tables, sums);

            Map<Figure, Long> known = new HashMap<>();
            Map<Figure, Long> truth = new HashMap<>();
            published.forEach((table, cells) -> cells.forEach(c -> {
                if (!c.suppressed()) {
                    known.put(new Figure(table, c.category()), c.count());
                }
            }));
            tables.forEach((table, cells) -> cells.forEach(c -> truth.put(new Figure(table, c.category()), c.raw())));
            assertThat(published.get("byType")).allSatisfy(c -> assertThat(c.suppressed() || c.count() >= 5
                    || c.count() == 0).isTrue());
            for (Sum sum : sums) {
                if (known.containsKey(sum.total())) {
                    long hidden = sum.parts().stream().filter(p -> !known.containsKey(p)).mapToLong(truth::get).sum();
                    assertThat(hidden == 0 || hidden >= 5).as("withheld parts of %s: %d", sum.total(), hidden)
                            .isTrue();
                }
            }
            boolean learnt = true;
            while (learnt) {
                learnt = false;
                for (Sum sum : sums) {
                    List<Figure> unknown = new ArrayList<>(sum.parts().stream().filter(p -> !known.containsKey(p))
                            .toList());
                    boolean totalKnown = known.containsKey(sum.total());
                    long partsKnown = sum.parts().stream().filter(known::containsKey).mapToLong(known::get).sum();
                    if (totalKnown && unknown.size() == 1) {
                        known.put(unknown.get(0), known.get(sum.total()) - partsKnown);
                        learnt = true;
                    } else if (!totalKnown && unknown.isEmpty()) {
                        known.put(sum.total(), partsKnown);
                        learnt = true;
                    }
                }
            }
            Map<String, List<Cell>> round0 = published;
            round0.forEach((table, cells) -> cells.stream().filter(Cell::suppressed).forEach(c -> assertThat(
                    known).as("%s %s worked out from %s", table, c.category(), tables)
                    .doesNotContainKey(new Figure(table, c.category()))));
        }
    }
}
