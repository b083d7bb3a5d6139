package org.nrm.app.referral;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** ISO 3166-1 alpha-2 country codes and ISO 639-2 language codes known to the platform. */
public final class IsoCodes {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Arrays.stream(Locale.getISOLanguages())
            .map(code -> Locale.forLanguageTag(code).getISO3Language())
            .filter(code -> !code.isEmpty())
            .collect(Collectors.toUnmodifiableSet());

    private IsoCodes() {
    }

    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    public static boolean isLanguage(String code) {
        return code != null && LANGUAGES.contains(code);
    }
}
