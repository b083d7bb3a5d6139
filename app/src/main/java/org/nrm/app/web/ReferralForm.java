package org.nrm.app.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nrm.app.referral.ReferralRequest;
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.Indicator;

/**
 * The referral form as the browser posts it (every field of the contract's referral body); turned into the API's
 * {@link ReferralRequest}, which carries the rules. Values that cannot even be read (a malformed date, an unknown
 * code) become field errors here.
 */
public class ReferralForm {

    private String givenName = "";
    private String familyName = "";
    private String birthDate = "";
    private boolean ageUncertain;
    private String gender = "";
    private String citizenships = "";
    private String languages = "";
    private List<String> exploitationTypes = new ArrayList<>();
    private String exploitationLocation = "";
    private List<String> indicators = new ArrayList<>();
    /** "yes", "no" or empty: asked explicitly, never preselected. */
    private String consentToReferral = "";
    private String needsAccommodation = "";
    private String narrative = "";

    /** The request, and the fields that could not be read into it. */
    public ReferralRequest toRequest(Map<String, String> errors, String unreadable) {
        LocalDate birth = null;
        if (!birthDate.isBlank()) {
            try {
                birth = LocalDate.parse(birthDate.strip());
            } catch (DateTimeParseException e) {
                errors.put("birthDate", unreadable);
            }
        }
        return new ReferralRequest(person(birth, errors, unreadable),
                enums(exploitationTypes, ExploitationType.class, "exploitationTypes", errors, unreadable),
                one(exploitationLocation, ExploitationLocation.class, "exploitationLocation", errors, unreadable),
                enums(indicators, Indicator.class, "indicators", errors, unreadable),
                yesNo(consentToReferral), yesNo(needsAccommodation), blankToNull(narrative));
    }

    ReferralRequest.Person person(LocalDate birth, Map<String, String> errors, String unreadable) {
        return new ReferralRequest.Person(blankToNull(givenName), blankToNull(familyName), birth, ageUncertain,
                one(gender, Gender.class, "gender", errors, unreadable), codes(citizenships, true),
                codes(languages, false));
    }

    private static Boolean yesNo(String value) {
        return switch (value == null ? "" : value) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** "vn, th" -> [VN, TH]; languages in lower case. */
    private static List<String> codes(String text, boolean upper) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank())
                .map(s -> upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static <E extends Enum<E>> E one(String value, Class<E> type, String field, Map<String, String> errors,
                                             String unreadable) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.put(field, unreadable);
            return null;
        }
    }

    private static <E extends Enum<E>> Set<E> enums(List<String> values, Class<E> type, String field,
                                                    Map<String, String> errors, String unreadable) {
        Set<E> out = new LinkedHashSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            E e = one(value, type, field, errors, unreadable);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    public String getGivenName() { return givenName; }
    public void setGivenName(String v) { givenName = v; }
    public String getFamilyName() { return familyName; }
    public void setFamilyName(String v) { familyName = v; }
    public String getBirthDate() { return birthDate; }
    public void setBirthDate(String v) { birthDate = v; }
    public boolean isAgeUncertain() { return ageUncertain; }
    public void setAgeUncertain(boolean v) { ageUncertain = v; }
    public String getGender() { return gender; }
    public void setGender(String v) { gender = v; }
    public String getCitizenships() { return citizenships; }
    public void setCitizenships(String v) { citizenships = v; }
    public String getLanguages() { return languages; }
    public void setLanguages(String v) { languages = v; }
    public List<String> getExploitationTypes() { return exploitationTypes; }
    public void setExploitationTypes(List<String> v) { exploitationTypes = v; }
    public String getExploitationLocation() { return exploitationLocation; }
    public void setExploitationLocation(String v) { exploitationLocation = v; }
    public List<String> getIndicators() { return indicators; }
    public void setIndicators(List<String> v) { indicators = v; }
    public String getConsentToReferral() { return consentToReferral; }
    public void setConsentToReferral(String v) { consentToReferral = v; }
    public String getNeedsAccommodation() { return needsAccommodation; }
    public void setNeedsAccommodation(String v) { needsAccommodation = v; }
    public String getNarrative() { return narrative; }
    public void setNarrative(String v) { narrative = v; }
}
