package org.nrm.app.referral;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The code lists the platform accepts, from maintained sources rather than a hand-made list.
 *
 * <ul>
 *   <li>Countries: every ISO 3166-1 alpha-2 code the JDK ships ({@link Locale#getISOCountries()}, maintained with
 *       each Java release from the ISO 3166 Maintenance Agency's list), plus the user-assigned {@code XK} (Kosovo, as
 *       used by ICAO, the European Commission and every European NRM).</li>
 *   <li>Languages: ISO 639-2 bibliographic and terminologic codes ({@code ger} and {@code deu}, {@code fre} and
 *       {@code fra}, {@code alb} and {@code sqi}, {@code chi} and {@code zho}, {@code rom} Romany, ...) from the
 *       Library of Congress's registration authority file ({@code iso-639-2.tsv}), and the ISO 639-3 individual
 *       languages ({@code prs} Dari, {@code rmy} Vlax Romani, ...) from SIL's registration authority tables
 *       ({@code iso-639-3.tsv}); each file names its origin and the date it was generated. The reserved range
 *       {@code qaa-qtz} (local use) is not accepted.</li>
 * </ul>
 */
public final class IsoCodes {

    /** ISO 3166-1 user-assigned codes the platform accepts beside the official list. */
    public static final Set<String> USER_ASSIGNED_COUNTRIES = Set.of("XK");

    private static final Set<String> COUNTRIES;
    private static final Set<String> LANGUAGES;
    /** Per ISO 639 alpha-3 code (B and T): its ISO 639-1 alpha-2 code where it has one, else its English name. */
    private static final java.util.Map<String, String> LANGUAGE_NAMES;

    static {
        Set<String> countries = new HashSet<>(Set.of(Locale.getISOCountries()));
        countries.addAll(USER_ASSIGNED_COUNTRIES);
        COUNTRIES = Set.copyOf(countries);
        Set<String> languages = new HashSet<>();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        read("iso-639-2.tsv", columns -> {
            String name = columns.length > 2 && columns[2].matches("[a-z]{2}") ? columns[2]
                    : columns.length > 3 ? columns[3].split(";")[0].strip() : null;
            for (int i = 0; i < Math.min(2, columns.length); i++) {
                if (columns[i].matches("[a-z]{3}")) {
                    languages.add(columns[i]);
                    if (name != null) {
                        names.put(columns[i], name);
                    }
                }
            }
        });
        read("iso-639-3.tsv", columns -> {
            languages.add(columns[0]);
            if (columns.length > 3) {
                names.putIfAbsent(columns[0], columns[3].strip());
            }
        });
        LANGUAGES = Set.copyOf(languages);
        LANGUAGE_NAMES = java.util.Map.copyOf(names);
    }

    private IsoCodes() {
    }

    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    public static boolean isLanguage(String code) {
        return code != null && LANGUAGES.contains(code);
    }

    /**
     * A language's name for a reader in {@code locale}: by its ISO 639-1 code where it has one (so "deu" and "ger"
     * both read "German", in the reader's language), else the code list's English name; the code itself when unknown.
     */
    public static String languageName(String code, java.util.Locale locale) {
        String name = code == null ? null : LANGUAGE_NAMES.get(code);
        if (name == null) {
            return code;
        }
        if (name.matches("[a-z]{2}")) {
            String display = new java.util.Locale(name).getDisplayLanguage(locale);
            return display.isBlank() || display.equals(name) ? code : display;
        }
        return name;
    }

    static int countries() {
        return COUNTRIES.size();
    }

    static int languages() {
        return LANGUAGES.size();
    }

    private static void read(String resource, Consumer<String[]> row) {
        try (InputStream in = IsoCodes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing code list " + resource);
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", -1))
                    .forEach(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
