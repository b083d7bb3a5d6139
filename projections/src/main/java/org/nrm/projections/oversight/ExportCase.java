package org.nrm.projections.oversight;

import java.util.List;
import java.util.Set;

/**
 * The non-personal facts of one case the record-level exports draw on (from {@code case_view}): platform vocabulary,
 * before any mapping to a standard.
 */
public record ExportCase(String yearOfRegistration, String gender, String ageGroup, boolean presumedChild,
                         String nationality, String exploitationLocation, Set<String> exploitationTypes,
                         Set<String> indicators, String reasonableGrounds, String conclusiveGrounds, String stage,
                         String closureCategory, String referringAgency, List<String> languages, Boolean consent,
                         boolean anonymousNotification, Details details) {

    /**
     * The circumstances of the exploitation recorded at referral (V48), platform codes: the age band at its start
     * ({@code AgeBand}), the duration band, the countries abroad in the order given, the relationship to the recruiter,
     * the recruitment methods, the sectors of forced labour and the forms of sexual exploitation. Never the dates.
     */
    public record Details(String ageAtExploitation, String duration, List<String> countriesOfExploitation,
                          Set<String> recruiterRelations, Set<String> recruitmentMethods, Set<String> labourSectors,
                          Set<String> sexualExploitationForms) {

        /** None recorded (a referral from before these were kept, or one that gave none). */
        public static final Details NONE = new Details(null, null, List.of(), Set.of(), Set.of(), Set.of(), Set.of());

        public Details {
            countriesOfExploitation = countriesOfExploitation == null ? List.of() : List.copyOf(countriesOfExploitation);
            recruiterRelations = recruiterRelations == null ? Set.of() : Set.copyOf(recruiterRelations);
            recruitmentMethods = recruitmentMethods == null ? Set.of() : Set.copyOf(recruitmentMethods);
            labourSectors = labourSectors == null ? Set.of() : Set.copyOf(labourSectors);
            sexualExploitationForms = sexualExploitationForms == null ? Set.of() : Set.copyOf(sexualExploitationForms);
        }
    }

    public ExportCase {
        details = details == null ? Details.NONE : details;
    }

    /** A case with no circumstances of the exploitation recorded. */
    public ExportCase(String yearOfRegistration, String gender, String ageGroup, boolean presumedChild,
                      String nationality, String exploitationLocation, Set<String> exploitationTypes,
                      Set<String> indicators, String reasonableGrounds, String conclusiveGrounds, String stage,
                      String closureCategory, String referringAgency, List<String> languages, Boolean consent,
                      boolean anonymousNotification) {
        this(yearOfRegistration, gender, ageGroup, presumedChild, nationality, exploitationLocation, exploitationTypes,
                indicators, reasonableGrounds, conclusiveGrounds, stage, closureCategory, referringAgency, languages,
                consent, anonymousNotification, Details.NONE);
    }
}
