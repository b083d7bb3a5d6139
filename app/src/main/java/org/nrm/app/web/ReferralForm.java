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
import org.nrm.referral.api.AgeBand;
import org.nrm.referral.api.ExploitationDuration;
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.Indicator;
import org.nrm.referral.api.LabourSector;
import org.nrm.referral.api.RecruiterRelation;
import org.nrm.referral.api.RecruitmentMethod;
import org.nrm.referral.api.SexualExploitationForm;

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
    // the circumstances of the exploitation (the contract's exploitationDetails), each optional
    private String ageAtExploitation = "";
    private String startedOn = "";
    private String endedOn = "";
    private String duration = "";
    private String countriesOfExploitation = "";
    private List<String> recruiterRelations = new ArrayList<>();
    private List<String> recruitmentMethods = new ArrayList<>();
    private List<String> labourSectors = new ArrayList<>();
    private List<String> sexualExploitationForms = new ArrayList<>();
    // the screening aid (the contract's screening), each list optional: codes of nrm.jurisdiction.screening.*
    private List<String> screeningActs = new ArrayList<>();
    private List<String> screeningMeans = new ArrayList<>();
    private List<String> screeningPurposes = new ArrayList<>();
    private List<String> screeningSmuggling = new ArrayList<>();

    public List<String> getScreeningActs() { return screeningActs; }
    public void setScreeningActs(List<String> v) { screeningActs = v; }
    public List<String> getScreeningMeans() { return screeningMeans; }
    public void setScreeningMeans(List<String> v) { screeningMeans = v; }
    public List<String> getScreeningPurposes() { return screeningPurposes; }
    public void setScreeningPurposes(List<String> v) { screeningPurposes = v; }
    public List<String> getScreeningSmuggling() { return screeningSmuggling; }
    public void setScreeningSmuggling(List<String> v) { screeningSmuggling = v; }

    /** The screening, or null when the form ticked none of its indicators. */
    ReferralRequest.ScreeningRequest screening() {
        boolean none = screeningActs.isEmpty() && screeningMeans.isEmpty() && screeningPurposes.isEmpty()
                && screeningSmuggling.isEmpty();
        return none ? null : new ReferralRequest.ScreeningRequest(new java.util.TreeSet<>(screeningActs),
                new java.util.TreeSet<>(screeningMeans), new java.util.TreeSet<>(screeningPurposes),
                new java.util.TreeSet<>(screeningSmuggling));
    }

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
                yesNo(consentToReferral, "consentToReferral", errors, unreadable),
                yesNo(needsAccommodation, "needsAccommodation", errors, unreadable), blankToNull(narrative),
                details(errors, unreadable), screening());
    }

    /** The exploitation details, or null when the form gave none of them. */
    ReferralRequest.ExploitationDetails details(Map<String, String> errors, String unreadable) {
        var details = new ReferralRequest.ExploitationDetails(
                one(ageAtExploitation, AgeBand.class, "ageAtExploitation", errors, unreadable),
                date(startedOn, "startedOn", errors, unreadable), date(endedOn, "endedOn", errors, unreadable),
                one(duration, ExploitationDuration.class, "duration", errors, unreadable),
                codes(countriesOfExploitation, true),
                enums(recruiterRelations, RecruiterRelation.class, "recruiterRelations", errors, unreadable),
                enums(recruitmentMethods, RecruitmentMethod.class, "recruitmentMethods", errors, unreadable),
                enums(labourSectors, LabourSector.class, "labourSectors", errors, unreadable),
                enums(sexualExploitationForms, SexualExploitationForm.class, "sexualExploitationForms", errors,
                        unreadable));
        boolean none = details.ageAtExploitation() == null && details.startedOn() == null && details.endedOn() == null
                && details.duration() == null && details.countriesOfExploitation().isEmpty()
                && details.recruiterRelations().isEmpty() && details.recruitmentMethods().isEmpty()
                && details.labourSectors().isEmpty() && details.sexualExploitationForms().isEmpty();
        return none ? null : details;
    }

    private static LocalDate date(String text, String field, Map<String, String> errors, String unreadable) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, unreadable);
            return null;
        }
    }

    ReferralRequest.Person person(LocalDate birth, Map<String, String> errors, String unreadable) {
        return new ReferralRequest.Person(blankToNull(givenName), blankToNull(familyName), birth, ageUncertain,
                one(gender, Gender.class, "gender", errors, unreadable), codes(citizenships, true),
                codes(languages, false));
    }

    /** "yes", "no", or not answered (null); anything else is the field's error, never read as "no". */
    private static Boolean yesNo(String value, String field, Map<String, String> errors, String unreadable) {
        return switch (value == null ? "" : value.strip()) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            case "" -> null;
            default -> {
                errors.put(field, unreadable);
                yield null;
            }
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
    public String getAgeAtExploitation() { return ageAtExploitation; }
    public void setAgeAtExploitation(String v) { ageAtExploitation = v; }
    public String getStartedOn() { return startedOn; }
    public void setStartedOn(String v) { startedOn = v; }
    public String getEndedOn() { return endedOn; }
    public void setEndedOn(String v) { endedOn = v; }
    public String getDuration() { return duration; }
    public void setDuration(String v) { duration = v; }
    public String getCountriesOfExploitation() { return countriesOfExploitation; }
    public void setCountriesOfExploitation(String v) { countriesOfExploitation = v; }
    public List<String> getRecruiterRelations() { return recruiterRelations; }
    public void setRecruiterRelations(List<String> v) { recruiterRelations = v; }
    public List<String> getRecruitmentMethods() { return recruitmentMethods; }
    public void setRecruitmentMethods(List<String> v) { recruitmentMethods = v; }
    public List<String> getLabourSectors() { return labourSectors; }
    public void setLabourSectors(List<String> v) { labourSectors = v; }
    public List<String> getSexualExploitationForms() { return sexualExploitationForms; }
    public void setSexualExploitationForms(List<String> v) { sexualExploitationForms = v; }
}
