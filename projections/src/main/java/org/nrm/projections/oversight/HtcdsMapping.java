package org.nrm.projections.oversight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.nrm.referral.api.AgeBand;

/**
 * The one place where the platform's vocabulary becomes the Human Trafficking Case Data Standard's (IOM/UNMigration
 * HTCDS 2.0, {@code HTCDS Field Standards 2.0.ods}) and the CTDC global dataset's column set. Every Core field of the
 * standard is either mapped here ({@link #HTCDS}) or listed in {@link #NOT_COLLECTED} with the reason; the module
 * README's table is this class in words. An empty value means "not recorded" (never {@code 0}); a flag is {@code 1}
 * or empty, as in CTDC's published dataset.
 */
public final class HtcdsMapping {

    /** One column: its name in the standard and how it is derived from a case. */
    public record Column(String name, Function<Facts, String> value) {
    }

    /** A case together with the export's settings. */
    public record Facts(ExportCase c, String jurisdictionCountry, String decisionMakingOrg) {
    }

    private static final String FLAG = "1";

    /** HTCDS 2.0 exploitation types (vic_TypeOfExploitation) of each platform type. */
    static final Map<String, String> EXPLOITATION = Map.of(
            "SEXUAL", "SexualExploitation", "FORCED_LABOUR", "ForcedLabour", "FORCED_CRIMINALITY", "ForcedLabour",
            "DOMESTIC_SERVITUDE", "Servitude", "FORCED_MARRIAGE", "ForcedMarriage", "ORGAN_REMOVAL", "OrganRemoval",
            "BEGGING", "ForcedBegging", "ILLEGAL_ADOPTION", "ForcedAdoption", "SURROGACY", "Surrogacy",
            "OTHER", "Other");

    /** HTCDS 2.0 methods of control (vic_MethodsOfControl) of each indicator. */
    static final Map<String, String> CONTROL = Map.ofEntries(
            Map.entry("DEBT_BONDAGE", "DebtBondage"), Map.entry("DOCUMENTS_WITHHELD", "WithholdsDocuments"),
            Map.entry("THREATS", "PhysicalThreats"), Map.entry("THREATS_AGAINST_FAMILY", "ThreatensChildrenFamily"),
            Map.entry("PHYSICAL_VIOLENCE", "PhysicalAbuse"), Map.entry("SEXUAL_VIOLENCE", "SexualAbuse"),
            Map.entry("PSYCHOLOGICAL_ABUSE", "PsychologicalAbuse"), Map.entry("RESTRICTED_MOVEMENT", "Other"),
            Map.entry("WAGES_WITHHELD", "TakesEarnings"), Map.entry("FALSE_PROMISES", "FalsePromises"),
            Map.entry("EXCESSIVE_WORKING_HOURS", "ExcessiveWorkingHours"),
            Map.entry("SUBSTANCE_DEPENDENCE", "PsychoactiveSubstance"), Map.entry("ISOLATION", "Other"),
            Map.entry("DECEPTIVE_RECRUITMENT", "FalsePromises"), Map.entry("OTHER", "Other"),
            Map.entry("THREAT_OF_LAW_ENFORCEMENT", "ThreatsLawEnforcement"),
            Map.entry("RESTRICTED_FINANCIAL_ACCESS", "RestrictsFinancialAccess"),
            Map.entry("RESTRICTED_MEDICAL_CARE", "RestrictsMedicalCare"),
            Map.entry("NECESSITIES_WITHHELD", "WithholdsNecessities"),
            // HTCDS 2.0 has no value for it (CTDC has meansOfControlUsesChildren)
            Map.entry("USES_CHILDREN", "Other"));

    /*
     * The values below are HTCDS 2.0's picklists as "HTCDS Field Standards 2.0.ods" of UNMigration/HTCDS spells them
     * (vic_RelationshipToTrafficker: Familial, Acquainted, Unaquainted -- sic; vic_MethodOfRecruitment;
     * vic_ForcedLabourIndustry: the ISIC rev. 4 sections A_ to U_; vic_TypeOfSexExploitation), and CTDC's column
     * names as the 2021 global k-anonymised dataset has them (typeOfLabour*, typeOfSex*, recruiterRelation*,
     * ageBroad, majorityStatusAtExploit, CountryOfExploitation).
     */

    /** HTCDS 2.0 vic_RelationshipToTrafficker of each relation (OTHER, UNKNOWN: none of the standard's values). */
    static final Map<String, String> RELATIONSHIP = Map.of("INTIMATE_PARTNER", "Acquainted", "FRIEND", "Acquainted",
            "FAMILY_MEMBER", "Familial", "STRANGER", "Unaquainted");

    /**
     * HTCDS 2.0 vic_TraffickingStatusDecisionMakingOrg's values: {@code nrm.oversight.export.decision-making-org} must
     * be one of them (the export refuses to start otherwise).
     */
    public static final List<String> DECISION_MAKING_ORGS = List.of("Police", "NGO", "CourtOrProsecution",
            "NonPoliceGovernmentalOrganization", "Other");

    /** HTCDS 2.0 vic_MethodOfRecruitment, value for value. */
    static final Map<String, String> RECRUITMENT = Map.of(
            "AT_A_PLACE_OF_BUSINESS", "AtAPlaceOfBusiness", "AT_AN_EDUCATIONAL_INSTITUTION", "AtAnEducationalInstitution",
            "AT_WORK", "AtWork", "THROUGH_ONLINE_SOCIAL_NETWORKS", "ThroughOnlineSocialNetworks",
            "THROUGH_AN_ONLINE_ADVERTISEMENT", "ThroughAnOnlineAdvertisement",
            "THROUGH_A_TELEVISION_ADVERT", "ThroughATelevisionAdvert",
            "THROUGH_A_NEWSPAPER_ADVERT", "ThroughANewspaperAdvert",
            "THROUGH_FAMILY_OR_FAMILY_EVENTS", "ThroughFamilyOrFamilyEvents",
            "THROUGH_FRIENDS_OR_SOCIAL_EVENTS", "ThroughFriendsOrSocialEvents", "OTHER", "Other");

    /**
     * HTCDS 2.0 vic_ForcedLabourIndustry (ISIC sections) of each CTDC sector; begging, illicit activities and other
     * are no industry of ISIC and have none.
     */
    static final Map<String, String> INDUSTRY = Map.of(
            "AGRICULTURE", "A_AgricultureForestryAndFishing", "AQUAFARMING", "A_AgricultureForestryAndFishing",
            "CONSTRUCTION", "F_Construction", "DOMESTIC_WORK", "T_ActivitiesOfHouseholdsAsEmployers",
            "HOSPITALITY", "I_AccommodationAndFoodServiceActivities", "MANUFACTURING", "C_Manufacturing",
            "MINING_OR_DRILLING", "B_MiningAndQuarrying",
            "PEDDLING", "G_WholesaleAndRetailTradeRepairOfMotorVehicles",
            "TRANSPORTATION", "H_TransportationAndStorage");

    /** CTDC's typeOfLabour* suffix of each sector, in CTDC's column order. */
    static final Map<String, String> LABOUR_SECTOR = ordered("AGRICULTURE", "Agriculture", "AQUAFARMING",
            "Aquafarming", "BEGGING", "Begging", "CONSTRUCTION", "Construction", "DOMESTIC_WORK", "DomesticWork",
            "HOSPITALITY", "Hospitality", "ILLICIT_ACTIVITIES", "IllicitActivities", "MANUFACTURING", "Manufacturing",
            "MINING_OR_DRILLING", "MiningOrDrilling", "PEDDLING", "Peddling", "TRANSPORTATION", "Transportation",
            "OTHER", "Other");

    /** HTCDS 2.0 vic_TypeOfSexExploitation and CTDC's typeOfSex* suffix of each form. */
    static final Map<String, String> SEX_FORM = Map.of("PROSTITUTION", "Prostitution", "PORNOGRAPHY", "Pornography",
            "REMOTE_INTERACTIVE_SERVICES", "RemoteInteractiveServices",
            "PRIVATE_SEXUAL_SERVICES", "PrivateSexualServices");

    /** CTDC's recruiterRelation* columns, each with the relations that set it. */
    static final Map<String, Set<String>> CTDC_RELATION = ordered(
            "IntimatePartner", Set.of("INTIMATE_PARTNER"), "Friend", Set.of("FRIEND"),
            "Family", Set.of("FAMILY_MEMBER"), "Other", Set.of("STRANGER", "OTHER"), "Unknown", Set.of("UNKNOWN"));

    /** CTDC's meansOfControl* columns, each with the indicators that set it. */
    static final Map<String, Set<String>> CTDC_CONTROL = ordered(
            "meansOfControlDebtBondage", Set.of("DEBT_BONDAGE"),
            "meansOfControlTakesEarnings", Set.of("WAGES_WITHHELD"),
            "meansOfControlRestrictsFinancialAccess", Set.of("RESTRICTED_FINANCIAL_ACCESS"),
            "meansOfControlThreats", Set.of("THREATS", "THREATS_AGAINST_FAMILY"),
            "meansOfControlPsychologicalAbuse", Set.of("PSYCHOLOGICAL_ABUSE"),
            "meansOfControlPhysicalAbuse", Set.of("PHYSICAL_VIOLENCE"),
            "meansOfControlSexualAbuse", Set.of("SEXUAL_VIOLENCE"),
            "meansOfControlFalsePromises", Set.of("FALSE_PROMISES", "DECEPTIVE_RECRUITMENT"),
            "meansOfControlPsychoactiveSubstances", Set.of("SUBSTANCE_DEPENDENCE"),
            "meansOfControlRestrictsMovement", Set.of("RESTRICTED_MOVEMENT", "ISOLATION"),
            "meansOfControlRestrictsMedicalCare", Set.of("RESTRICTED_MEDICAL_CARE"),
            "meansOfControlExcessiveWorkingHours", Set.of("EXCESSIVE_WORKING_HOURS"),
            "meansOfControlUsesChildren", Set.of("USES_CHILDREN"),
            "meansOfControlThreatOfLawEnforcement", Set.of("THREAT_OF_LAW_ENFORCEMENT"),
            "meansOfControlWithholdsNecessities", Set.of("NECESSITIES_WITHHELD"),
            "meansOfControlWithholdsDocuments", Set.of("DOCUMENTS_WITHHELD"),
            "meansOfControlOther", Set.of("OTHER"));

    /** The HTCDS 2.0 columns of the export, in the standard's names and values. */
    public static final List<Column> HTCDS = List.of(
            new Column("prs_Gender", f -> gender(f.c().gender())),
            new Column("majorityStatus", f -> majorityStatus(f.c())),
            new Column("prs_Citizenship", f -> empty(f.c().nationality())),
            new Column("prs_PrimaryLanguage", f -> f.c().languages().isEmpty() ? "" : f.c().languages().get(0)),
            new Column("prs_SecondaryLanguage", f -> f.c().languages().size() < 2 ? "" : f.c().languages().get(1)),
            new Column("ageBroad", f -> ageBroad(f.c())),
            new Column("majorityStatusAtExploit", f -> majorityStatusAtExploit(f.c())),
            new Column("vic_TraffickingStatus", f -> traffickingStatus(f.c())),
            new Column("vic_TraffickingStatusDecisionMakingOrg", f -> decided(f.c()) ? f.decisionMakingOrg() : ""),
            new Column("vic_RelationshipToTrafficker", f -> joined(f.c().details().recruiterRelations(), RELATIONSHIP)),
            new Column("vic_MethodOfRecruitment", f -> joined(f.c().details().recruitmentMethods(), RECRUITMENT)),
            new Column("vic_MethodsOfControl", f -> joined(f.c().indicators(), CONTROL)),
            new Column("vic_TypeOfExploitation", f -> joined(f.c().exploitationTypes(), EXPLOITATION)),
            new Column("vic_ForcedLabourIndustry",
                    f -> labour(f.c()) ? joined(f.c().details().labourSectors(), INDUSTRY) : ""),
            new Column("vic_TypeOfSexExploitation", f -> sexForms(f.c()).stream().map(SEX_FORM::get).sorted()
                    .reduce((a, b) -> a + ";" + b).orElse("")),
            new Column("isSexAndLabour", f -> flag(sexAndLabour(f.c()))),
            new Column("typeOfLabourBegging", f -> labourColumn(f.c(), "Begging")),
            new Column("typeOfLabourDomesticWork", f -> labourColumn(f.c(), "DomesticWork")),
            new Column("typeOfLabourIllicitActivities", f -> labourColumn(f.c(), "IllicitActivities")),
            new Column("CountryOfExploitation", f -> String.join(";", countriesOfExploitation(f))),
            new Column("lengthOfExploitation", f -> empty(f.c().details().duration())),
            new Column("cas_Status", f -> caseStatus(f.c())),
            new Column("cas_ReasonForCaseClosure", f -> empty(f.c().closureCategory())),
            new Column("cas_ReferringOrganisation", f -> empty(f.c().referringAgency())),
            new Column("cas_IncomingReferralYear", f -> f.c().yearOfRegistration()),
            new Column("con_Consent", f -> f.c().consent() == null ? "" : f.c().consent() ? "true" : "false"));

    /** HTCDS 2.0 Core fields the export leaves out, and why. */
    public static final Map<String, String> NOT_COLLECTED = ordered(
            "prs_Salutation", "personal data: never exported",
            "prs_FirstName", "personal data: never exported",
            "prs_SecondName", "personal data: never exported",
            "prs_Birthdate", "personal data: never exported (majorityStatus instead)",
            "prs_Title", "personal data: never exported",
            "prs_Email", "not collected",
            "prs_HomePhone", "not collected",
            "prs_MobilePhone", "not collected",
            "prs_MailingCity", "not collected (and personal data)",
            "prs_MailingCountry", "not collected",
            "prs_MailingState", "not collected",
            "prs_MailingStreet", "not collected",
            "prs_MailingPostalCode", "not collected",
            "vic_LocationOfRecruitment", "not collected",
            "vic_LocationOfExploitation", "a lookup to an organisation: CountryOfExploitation (ISO codes) instead",
            "vic_Vulnerabilities", "deprecated in HTCDS 2.0",
            "vic_DetailsOfVulnerabilities", "deprecated in HTCDS 2.0; free text",
            "cas_CaseOwner", "identifies a case worker: never exported",
            "cas_IncomingReferralDate", "exported as its year only (cas_IncomingReferralYear)",
            "cas_ReferringPrimaryCaseWorker", "identifies a case worker: never exported",
            "cas_ReasonForIncomingReferral", "not collected",
            "cas_IncomingReferralDetails", "free text: never exported",
            "cas_ReferredOrganisation", "not collected",
            "cas_ReferredPrimaryCaseWorker", "identifies a case worker: never exported",
            "cas_ReasonForOutgoingReferral", "not collected",
            "cas_OutgoingReferralDate", "not collected",
            "cas_OutgoingReferralDetails", "free text: never exported");

    /**
     * The columns of the HTCDS export that are neither an HTCDS 2.0 field nor a CTDC column, and why (every other
     * column bears the standard's name to the letter, HtcdsMappingTest compares them with both lists).
     */
    public static final Map<String, String> EXTENSIONS = ordered(
            "lengthOfExploitation", "the platform's own: neither HTCDS 2.0 nor CTDC's 2021 dataset has a length of "
                    + "exploitation (a duration band, derived at referral; the dates are never exported)",
            "cas_IncomingReferralYear", "HTCDS 2.0's cas_IncomingReferralDate as its year only (a date is a "
                    + "quasi-identifier)");

    /** CTDC's column set (2021 global k-anonymised dataset), in its order. */
    public static final List<Column> CTDC = ctdc();

    /** The quasi-identifiers of disclosure control, as columns of {@link #HTCDS} / {@link #CTDC}. */
    public static final List<String> QUASI_IDENTIFIERS = List.of("gender", "ageBand", "citizenship", "year",
            "exploitationType", "countryOfExploitation", "languages", "referringAgency", "ageAtExploitation",
            "lengthOfExploitation");

    private HtcdsMapping() {
    }

    private static List<Column> ctdc() {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("yearOfRegistration", f -> f.c().yearOfRegistration()));
        columns.add(new Column("Datasource", f -> "Case Management"));
        columns.add(new Column("gender", f -> ctdcGender(f.c().gender())));
        columns.add(new Column("ageBroad", f -> ageBroad(f.c())));
        columns.add(new Column("majorityStatus", f -> majorityStatus(f.c())));
        columns.add(new Column("majorityStatusAtExploit", f -> majorityStatusAtExploit(f.c())));
        columns.add(new Column("majorityEntry", f -> ""));
        columns.add(new Column("citizenship", f -> empty(f.c().nationality())));
        CTDC_CONTROL.forEach((name, indicators) -> columns.add(new Column(name,
                f -> indicators.isEmpty() ? "" : flag(f.c().indicators().stream().anyMatch(indicators::contains)))));
        columns.add(new Column("meansOfControlNotSpecified", f -> flag(f.c().indicators().isEmpty())));
        columns.add(new Column("meansOfControlConcatenated", f -> String.join(";", CTDC_CONTROL.entrySet().stream()
                .filter(e -> f.c().indicators().stream().anyMatch(e.getValue()::contains))
                .map(e -> e.getKey().substring("meansOfControl".length())).toList())));
        columns.add(new Column("isForcedLabour", f -> flag(labour(f.c()))));
        columns.add(new Column("isSexualExploit", f -> flag(f.c().exploitationTypes().contains("SEXUAL"))));
        columns.add(new Column("isOtherExploit", f -> flag(f.c().exploitationTypes().stream()
                .anyMatch(t -> Set.of("ILLEGAL_ADOPTION", "SURROGACY", "OTHER").contains(t)))));
        columns.add(new Column("isSexAndLabour", f -> flag(sexAndLabour(f.c()))));
        columns.add(new Column("isForcedMarriage", f -> flag(f.c().exploitationTypes().contains("FORCED_MARRIAGE"))));
        columns.add(new Column("isForcedMilitary", f -> ""));
        columns.add(new Column("isOrganRemoval", f -> flag(f.c().exploitationTypes().contains("ORGAN_REMOVAL"))));
        columns.add(new Column("isSlaveryAndPractices", f -> ""));
        columns.add(new Column("typeOfExploitConcatenated", f -> ctdcTypes(f.c())));
        for (String labour : List.of("Agriculture", "Aquafarming", "Begging", "Construction", "DomesticWork",
                "Hospitality", "IllicitActivities", "Manufacturing", "MiningOrDrilling", "Peddling", "Transportation",
                "Other", "NotSpecified")) {
            columns.add(new Column("typeOfLabour" + labour, f -> labourColumn(f.c(), labour)));
        }
        columns.add(new Column("typeOfLabourConcatenated", f -> String.join(";", labourTypes(f.c()))));
        for (String sex : List.of("Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices")) {
            columns.add(new Column("typeOfSex" + sex,
                    f -> flag(sexForms(f.c()).stream().map(SEX_FORM::get).anyMatch(sex::equals))));
        }
        columns.add(new Column("typeOfSexConcatenated", f -> String.join(";", SEX_FORM.entrySet().stream()
                .filter(e -> sexForms(f.c()).contains(e.getKey())).map(Map.Entry::getValue).sorted().toList())));
        columns.add(new Column("isAbduction", f -> ""));
        // its values could not be verified from the stored sources: left empty, the recruiterRelation* flags say it
        columns.add(new Column("RecruiterRelationship", f -> ""));
        columns.add(new Column("CountryOfExploitation", f -> {
            List<String> countries = countriesOfExploitation(f);
            return countries.isEmpty() ? "" : countries.get(0);
        }));
        CTDC_RELATION.forEach((relation, relations) -> columns.add(new Column("recruiterRelation" + relation,
                f -> flag(f.c().details().recruiterRelations().stream().anyMatch(relations::contains)))));
        return List.copyOf(columns);
    }

    static String gender(String gender) {
        return switch (gender == null ? "UNKNOWN" : gender) {
            case "FEMALE" -> "Feminine";
            case "MALE" -> "Masculine";
            // the platform does not record the direction of a transition: HTCDS's nearest value
            case "TRANSGENDER", "OTHER" -> "NonConforming";
            default -> "NonSpecifiedUnknown";
        };
    }

    static String ctdcGender(String gender) {
        return switch (gender == null ? "UNKNOWN" : gender) {
            case "FEMALE" -> "Female";
            case "MALE" -> "Male";
            case "TRANSGENDER", "OTHER" -> "Transgender/NonConforming";
            default -> "";
        };
    }

    /**
     * Minor only for a person assessed or declared a child; an adult whose age is uncertain is presumed a child for
     * protection, but is not known to be one: Unknown.
     */
    static String majorityStatus(ExportCase c) {
        if ("CHILD".equals(c.ageGroup())) {
            return "Minor";
        }
        if ("ADULT".equals(c.ageGroup())) {
            return c.presumedChild() ? "Unknown" : "Adult";
        }
        return "Unknown";
    }

    static String traffickingStatus(ExportCase c) {
        if ("POSITIVE".equals(c.conclusiveGrounds())) {
            return "ActualVictimOfTrafficking";
        }
        if ("NEGATIVE".equals(c.conclusiveGrounds()) || "NEGATIVE".equals(c.reasonableGrounds())) {
            return "NotAVictimOfTrafficking";
        }
        return "PossibleVictimOfTrafficking";
    }

    /**
     * The trafficking status of a decision taken abroad (a returning national's, platform codes {@code DecisionKind}
     * and {@code GroundsOutcome}), mapped as a decision taken here would be.
     */
    public static String traffickingStatusAbroad(String kind, String outcome) {
        if ("NEGATIVE".equals(outcome)) {
            return "NotAVictimOfTrafficking";
        }
        if ("POSITIVE".equals(outcome) && "CONCLUSIVE_GROUNDS".equals(kind)) {
            return "ActualVictimOfTrafficking";
        }
        return "PossibleVictimOfTrafficking";
    }

    private static boolean decided(ExportCase c) {
        return c.conclusiveGrounds() != null || c.reasonableGrounds() != null;
    }

    static String caseStatus(ExportCase c) {
        if ("CLOSED".equals(c.stage())) {
            return "TRANSFERRED".equals(c.closureCategory()) ? "ClosedReferred" : "Closed";
        }
        return "RETURN".equals(c.stage()) ? "FollowUp" : "Active";
    }

    /**
     * The countries of exploitation: the jurisdiction's for domestic exploitation, the countries abroad as given for
     * exploitation abroad, both (abroad first) for both; CTDC's single column takes the first.
     */
    static List<String> countriesOfExploitation(Facts f) {
        String location = f.c().exploitationLocation();
        List<String> countries = new ArrayList<>();
        if ("OVERSEAS".equals(location) || "DOMESTIC_AND_OVERSEAS".equals(location)) {
            countries.addAll(f.c().details().countriesOfExploitation());
        }
        if (("DOMESTIC".equals(location) || "DOMESTIC_AND_OVERSEAS".equals(location))
                && f.jurisdictionCountry() != null && !f.jurisdictionCountry().isEmpty()) {
            countries.add(f.jurisdictionCountry());
        }
        return countries.stream().distinct().toList();
    }

    /** CTDC's ageBroad of the age at the start of the exploitation; empty when unknown or generalised away. */
    static String ageBroad(ExportCase c) {
        AgeBand band = band(c.details().ageAtExploitation());
        return band == null ? "" : band.ctdc();
    }

    /** Minor or Adult at the start of the exploitation (also when k-anonymity kept only that), else empty. */
    static String majorityStatusAtExploit(ExportCase c) {
        String age = c.details().ageAtExploitation();
        if (KAnonymity.MINOR.equals(age)) {
            return "Minor";
        }
        if (KAnonymity.ADULT.equals(age)) {
            return "Adult";
        }
        AgeBand band = band(age);
        return band == null ? "" : band.minor() ? "Minor" : "Adult";
    }

    private static AgeBand band(String name) {
        if (name == null) {
            return null;
        }
        try {
            return AgeBand.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The forms of sexual exploitation, for a case of sexual exploitation. */
    private static Set<String> sexForms(ExportCase c) {
        return c.exploitationTypes().contains("SEXUAL") ? c.details().sexualExploitationForms() : Set.of();
    }

    private static boolean labour(ExportCase c) {
        return c.exploitationTypes().stream().anyMatch(t -> Set.of("FORCED_LABOUR", "DOMESTIC_SERVITUDE", "BEGGING",
                "FORCED_CRIMINALITY").contains(t));
    }

    private static boolean sexAndLabour(ExportCase c) {
        return c.exploitationTypes().contains("SEXUAL") && labour(c);
    }

    /**
     * CTDC's sectors of labour: those the exploitation types imply (begging, domestic servitude, forced criminality)
     * and those recorded at referral, in CTDC's column order; NotSpecified for forced labour without any.
     */
    private static List<String> labourTypes(ExportCase c) {
        Set<String> types = new java.util.HashSet<>();
        if (c.exploitationTypes().contains("BEGGING")) {
            types.add("Begging");
        }
        if (c.exploitationTypes().contains("DOMESTIC_SERVITUDE")) {
            types.add("DomesticWork");
        }
        if (c.exploitationTypes().contains("FORCED_CRIMINALITY")) {
            types.add("IllicitActivities");
        }
        if (labour(c)) {
            c.details().labourSectors().stream().map(LABOUR_SECTOR::get).filter(java.util.Objects::nonNull)
                    .forEach(types::add);
        }
        List<String> ordered = LABOUR_SECTOR.values().stream().filter(types::contains).toList();
        if (ordered.isEmpty() && c.exploitationTypes().contains("FORCED_LABOUR")) {
            return List.of("NotSpecified");
        }
        return ordered;
    }

    private static String labourColumn(ExportCase c, String labour) {
        if (!labour(c)) {
            return "";
        }
        return labourTypes(c).contains(labour) ? FLAG : "";
    }

    private static String ctdcTypes(ExportCase c) {
        List<String> types = new ArrayList<>();
        if (labour(c)) {
            types.add("Forced labour");
        }
        if (c.exploitationTypes().contains("SEXUAL")) {
            types.add("Sexual exploitation");
        }
        if (c.exploitationTypes().contains("FORCED_MARRIAGE")) {
            types.add("Forced marriage");
        }
        if (c.exploitationTypes().contains("ORGAN_REMOVAL")) {
            types.add("Organ removal");
        }
        if (c.exploitationTypes().stream().anyMatch(t -> Set.of("ILLEGAL_ADOPTION", "SURROGACY", "OTHER").contains(t))) {
            types.add("Other");
        }
        return String.join(";", types);
    }

    private static String joined(Set<String> values, Map<String, String> vocabulary) {
        return String.join(";", values.stream().map(vocabulary::get).filter(java.util.Objects::nonNull).distinct()
                .sorted().toList());
    }

    private static String flag(boolean value) {
        return value ? FLAG : "";
    }

    private static String empty(String value) {
        return value == null ? "" : value;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... pairs) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (V) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
