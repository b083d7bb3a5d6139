package org.nrm.projections.oversight;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * k-anonymity for the record-level exports (CTDC publishes with k = 11): over the quasi-identifiers gender, age band,
 * citizenship, year, exploitation type, country of exploitation (the jurisdiction's or the countries abroad), age band
 * at the start of the exploitation and its length, and the languages and referring agency the exports also carry, no exported combination describes fewer than k people. First by global generalisation, one attribute one level at a time, choosing each time the step that leaves
 * fewest people in too-small groups, until at most {@code maxSuppressedShare} of the records remain in such groups;
 * then by suppression: the records still in a group of fewer than k are left out. The {@link Report} says which
 * generalisations were applied and how many records were suppressed.
 */
public final class KAnonymity {

    /** What disclosure control did to one export. */
    public record Report(int k, int records, int exported, int suppressed, Map<String, String> generalised) {
    }

    /** The anonymised cases and the report. */
    public record Result(List<ExportCase> cases, Report report) {
    }

    private record Attribute(String name, List<String> levels) {
    }

    private static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute("gender", List.of("as recorded", "suppressed")),
            new Attribute("ageBand", List.of("as recorded", "suppressed")),
            new Attribute("citizenship", List.of("as recorded", "citizenships of fewer than k people suppressed",
                    "suppressed")),
            new Attribute("year", List.of("year", "5-year band", "suppressed")),
            new Attribute("exploitationType", List.of("as recorded", "main types only", "suppressed")),
            new Attribute("countryOfExploitation", List.of("as recorded",
                    "countries abroad of fewer than k people suppressed", "suppressed")),
            // exported beside the standard's quasi-identifiers, so protected like them: a rare language or a small
            // referring agency could otherwise single a person out
            new Attribute("languages", List.of("as recorded", "languages of fewer than k people suppressed",
                    "suppressed")),
            new Attribute("referringAgency", List.of("as recorded", "suppressed")),
            new Attribute("ageAtExploitation", List.of("as recorded", "majority status at exploitation only",
                    "suppressed")),
            new Attribute("lengthOfExploitation", List.of("as recorded", "suppressed")));

    /** The age at exploitation generalised to the majority status only. */
    static final String MINOR = "MINOR";
    static final String ADULT = "ADULT";

    private static final Map<String, String> MAIN_TYPE = Map.of("FORCED_CRIMINALITY", "FORCED_LABOUR",
            "DOMESTIC_SERVITUDE", "FORCED_LABOUR", "BEGGING", "FORCED_LABOUR", "ILLEGAL_ADOPTION", "OTHER",
            "SURROGACY", "OTHER");

    private final int k;
    private final double maxSuppressedShare;

    public KAnonymity(int k, double maxSuppressedShare) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        this.k = k;
        this.maxSuppressedShare = maxSuppressedShare;
    }

    public int k() {
        return k;
    }

    public Result apply(List<ExportCase> cases) {
        int[] levels = new int[ATTRIBUTES.size()];
        int allowed = (int) Math.floor(cases.size() * maxSuppressedShare);
        int small = inSmallGroups(generalise(cases, levels));
        while (small > allowed) {
            int best = -1;
            int bestSmall = Integer.MAX_VALUE;
            for (int a = 0; a < levels.length; a++) {
                if (levels[a] + 1 >= ATTRIBUTES.get(a).levels().size()) {
                    continue;
                }
                levels[a]++;
                int trial = inSmallGroups(generalise(cases, levels));
                levels[a]--;
                if (trial < bestSmall) {
                    best = a;
                    bestSmall = trial;
                }
            }
            if (best < 0) {
                break;
            }
            levels[best]++;
            small = bestSmall;
        }
        List<ExportCase> generalised = generalise(cases, levels);
        Map<String, Integer> sizes = groupSizes(generalised);
        List<ExportCase> kept = new ArrayList<>();
        for (ExportCase c : generalised) {
            if (sizes.get(key(c)) >= k) {
                kept.add(c);
            }
        }
        Map<String, String> report = new LinkedHashMap<>();
        for (int a = 0; a < levels.length; a++) {
            report.put(ATTRIBUTES.get(a).name(), ATTRIBUTES.get(a).levels().get(levels[a]));
        }
        return new Result(kept, new Report(k, cases.size(), kept.size(), cases.size() - kept.size(), report));
    }

    /** The combination of quasi-identifiers of a case, as the export shows them. */
    public static String key(ExportCase c) {
        return String.join("|", c.gender(), HtcdsMapping.majorityStatus(c), String.valueOf(c.nationality()),
                String.valueOf(c.yearOfRegistration()), String.join(";", new TreeSet<>(c.exploitationTypes())),
                String.valueOf(c.exploitationLocation()), String.join(";", c.details().countriesOfExploitation()),
                String.join(";", c.languages()), String.valueOf(c.referringAgency()),
                String.valueOf(c.details().ageAtExploitation()), String.valueOf(c.details().duration()));
    }

    private int inSmallGroups(List<ExportCase> cases) {
        Map<String, Integer> sizes = groupSizes(cases);
        return (int) cases.stream().filter(c -> sizes.get(key(c)) < k).count();
    }

    private static Map<String, Integer> groupSizes(List<ExportCase> cases) {
        Map<String, Integer> sizes = new HashMap<>();
        cases.forEach(c -> sizes.merge(key(c), 1, Integer::sum));
        return sizes;
    }

    private List<ExportCase> generalise(List<ExportCase> cases, int[] levels) {
        Map<String, Integer> citizenships = new HashMap<>();
        cases.forEach(c -> citizenships.merge(String.valueOf(c.nationality()), 1, Integer::sum));
        Map<List<String>, Integer> languages = new HashMap<>();
        cases.forEach(c -> languages.merge(c.languages(), 1, Integer::sum));
        Map<List<String>, Integer> abroad = new HashMap<>();
        cases.forEach(c -> abroad.merge(c.details().countriesOfExploitation(), 1, Integer::sum));
        Function<ExportCase, ExportCase> step = c -> new ExportCase(
                year(c.yearOfRegistration(), levels[3]),
                levels[0] == 0 ? c.gender() : "UNKNOWN",
                levels[1] == 0 ? c.ageGroup() : "UNKNOWN",
                levels[1] == 0 ? c.presumedChild() : true,
                switch (levels[2]) {
                    case 0 -> c.nationality();
                    case 1 -> citizenships.get(String.valueOf(c.nationality())) >= k ? c.nationality() : null;
                    default -> null;
                },
                levels[5] < 2 ? c.exploitationLocation() : null,
                types(c.exploitationTypes(), levels[4]),
                c.indicators(), c.reasonableGrounds(), c.conclusiveGrounds(), c.stage(), c.closureCategory(),
                levels[7] == 0 ? c.referringAgency() : null,
                switch (levels[6]) {
                    case 0 -> c.languages();
                    case 1 -> languages.get(c.languages()) >= k ? c.languages() : List.<String>of();
                    default -> List.<String>of();
                },
                c.consent(), c.anonymousNotification(),
                new ExportCase.Details(age(c.details().ageAtExploitation(), levels[8]),
                        levels[9] == 0 ? c.details().duration() : null,
                        switch (levels[5]) {
                            case 0 -> c.details().countriesOfExploitation();
                            case 1 -> abroad.get(c.details().countriesOfExploitation()) >= k
                                    ? c.details().countriesOfExploitation() : List.<String>of();
                            default -> List.<String>of();
                        },
                        c.details().recruiterRelations(), c.details().recruitmentMethods(),
                        c.details().labourSectors(), c.details().sexualExploitationForms()));
        return cases.stream().map(step).toList();
    }

    private static String age(String band, int level) {
        if (level == 0 || band == null) {
            return band;
        }
        if (level == 1) {
            String status = HtcdsMapping.majorityStatusAtExploit(new ExportCase(null, null, null, false, null, null,
                    Set.of(), Set.of(), null, null, null, null, null, List.of(), null, false,
                    new ExportCase.Details(band, null, null, null, null, null, null)));
            return "Minor".equals(status) ? MINOR : "Adult".equals(status) ? ADULT : null;
        }
        return null;
    }

    private static String year(String year, int level) {
        if (level == 0 || year == null || year.isEmpty()) {
            return year;
        }
        if (level == 1 && year.matches("\\d{4}")) {
            int from = Integer.parseInt(year) / 5 * 5;
            return from + "-" + (from + 4);
        }
        return "";
    }

    private static Set<String> types(Set<String> types, int level) {
        if (level == 0) {
            return types;
        }
        if (level == 1) {
            Set<String> main = new HashSet<>();
            types.forEach(t -> main.add(MAIN_TYPE.getOrDefault(t, t)));
            return Set.copyOf(main);
        }
        return Set.of();
    }
}
