package org.nrm.projections.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.Indicator;
import org.nrm.referral.api.LabourSector;
import org.nrm.referral.api.RecruiterRelation;
import org.nrm.referral.api.RecruitmentMethod;
import org.nrm.referral.api.SexualExploitationForm;

class HtcdsMappingTest {

    private static ExportCase adult(String ageGroup, boolean presumedChild) {
        return new ExportCase("2025", "FEMALE", ageGroup, presumedChild, "VN", "DOMESTIC",
                Set.of("SEXUAL", "FORCED_LABOUR", "BEGGING"), Set.of("DEBT_BONDAGE", "DOCUMENTS_WITHHELD", "THREATS"),
                "POSITIVE", null, "RECOVERY_PERIOD", null, "police", List.of("vie", "fre"), true, false);
    }

    private static Map<String, String> row(List<HtcdsMapping.Column> columns, ExportCase c) {
        HtcdsMapping.Facts facts = new HtcdsMapping.Facts(c, "GB", "NonPoliceGovernmentalOrganization");
        return columns.stream().collect(Collectors.toMap(HtcdsMapping.Column::name, col -> col.value().apply(facts)));
    }

    @Test
    void the_standards_values_not_the_platforms() {
        Map<String, String> row = row(HtcdsMapping.HTCDS, adult("ADULT", false));
        assertThat(row).containsEntry("prs_Gender", "Feminine").containsEntry("majorityStatus", "Adult")
                .containsEntry("prs_Citizenship", "VN").containsEntry("prs_PrimaryLanguage", "vie")
                .containsEntry("prs_SecondaryLanguage", "fre")
                .containsEntry("vic_TraffickingStatus", "PossibleVictimOfTrafficking")
                .containsEntry("vic_TraffickingStatusDecisionMakingOrg", "NonPoliceGovernmentalOrganization")
                .containsEntry("vic_MethodsOfControl", "DebtBondage;PhysicalThreats;WithholdsDocuments")
                .containsEntry("vic_TypeOfExploitation", "ForcedBegging;ForcedLabour;SexualExploitation")
                .containsEntry("isSexAndLabour", "1").containsEntry("typeOfLabourBegging", "1")
                .containsEntry("typeOfLabourDomesticWork", "").containsEntry("CountryOfExploitation", "GB")
                .containsEntry("cas_Status", "Active").containsEntry("cas_ReasonForCaseClosure", "")
                .containsEntry("con_Consent", "true");
        assertThat(HtcdsMapping.caseStatus(new ExportCase("2025", "MALE", "ADULT", false, null, null, Set.of(),
                Set.of(), "POSITIVE", "POSITIVE", "CLOSED", "TRANSFERRED", "ngo", List.of(), null, false)))
                .isEqualTo("ClosedReferred");
        assertThat(HtcdsMapping.gender("UNKNOWN")).isEqualTo("NonSpecifiedUnknown");
        assertThat(HtcdsMapping.gender("MALE")).isEqualTo("Masculine");
    }

    @Test
    void an_adult_of_uncertain_age_is_not_exported_as_a_minor() {
        assertThat(HtcdsMapping.majorityStatus(adult("ADULT", true))).isEqualTo("Unknown");
        assertThat(HtcdsMapping.majorityStatus(adult("CHILD", true))).isEqualTo("Minor");
        assertThat(HtcdsMapping.majorityStatus(adult("UNKNOWN", true))).isEqualTo("Unknown");
        assertThat(HtcdsMapping.majorityStatus(adult("ADULT", false))).isEqualTo("Adult");
    }

    @Test
    void flags_are_one_or_empty_never_zero() {
        for (List<HtcdsMapping.Column> columns : List.of(HtcdsMapping.HTCDS, HtcdsMapping.CTDC)) {
            assertThat(row(columns, adult("ADULT", false)).values()).doesNotContain("0");
        }
        Map<String, String> ctdc = row(HtcdsMapping.CTDC, adult("ADULT", false));
        assertThat(ctdc).containsEntry("meansOfControlDebtBondage", "1").containsEntry("meansOfControlThreats", "1")
                .containsEntry("meansOfControlSexualAbuse", "").containsEntry("isSexualExploit", "1")
                .containsEntry("isForcedLabour", "1").containsEntry("isOrganRemoval", "")
                .containsEntry("gender", "Female").containsEntry("typeOfLabourBegging", "1");
    }

    @Test
    void every_platform_value_has_a_standard_value() {
        for (ExploitationType type : ExploitationType.values()) {
            assertThat(HtcdsMapping.EXPLOITATION).containsKey(type.name());
        }
        for (Indicator indicator : Indicator.values()) {
            assertThat(HtcdsMapping.CONTROL).containsKey(indicator.name());
        }
        for (RecruitmentMethod method : RecruitmentMethod.values()) {
            assertThat(HtcdsMapping.RECRUITMENT).containsKey(method.name());
        }
        for (LabourSector sector : LabourSector.values()) {
            assertThat(HtcdsMapping.LABOUR_SECTOR).containsKey(sector.name());
        }
        for (SexualExploitationForm form : SexualExploitationForm.values()) {
            assertThat(HtcdsMapping.SEX_FORM).containsKey(form.name());
        }
        for (RecruiterRelation relation : RecruiterRelation.values()) {
            assertThat(HtcdsMapping.CTDC_RELATION.values().stream().anyMatch(r -> r.contains(relation.name())))
                    .as(relation.name()).isTrue();
        }
        // every means of control of the standards is now reachable from an indicator
        assertThat(HtcdsMapping.CTDC_CONTROL.values()).noneMatch(Set::isEmpty);
        assertThat(Set.copyOf(HtcdsMapping.CONTROL.values())).contains("ThreatsLawEnforcement",
                "RestrictsFinancialAccess", "RestrictsMedicalCare", "WithholdsNecessities");
    }

    private static ExportCase withDetails(String location, List<String> countries) {
        return new ExportCase("2025", "FEMALE", "ADULT", false, "VN", location,
                Set.of("SEXUAL", "FORCED_LABOUR"), Set.of("THREAT_OF_LAW_ENFORCEMENT", "USES_CHILDREN"),
                null, null, "AWAITING_REASONABLE_GROUNDS", null, "police", List.of("vie"), true, false,
                new ExportCase.Details("AGE_9_17", "YEARS_1_TO_2", countries, Set.of("FAMILY_MEMBER", "STRANGER"),
                        Set.of("THROUGH_ONLINE_SOCIAL_NETWORKS", "AT_WORK"), Set.of("AGRICULTURE", "HOSPITALITY"),
                        Set.of("PROSTITUTION", "REMOTE_INTERACTIVE_SERVICES")));
    }

    @Test
    void the_circumstances_of_the_exploitation_in_both_vocabularies() {
        Map<String, String> htcds = row(HtcdsMapping.HTCDS, withDetails("OVERSEAS", List.of("DE", "XK")));
        assertThat(htcds).containsEntry("ageBroad", "9--17").containsEntry("majorityStatusAtExploit", "Minor")
                .containsEntry("vic_RelationshipToTrafficker", "Familial;Unaquainted")
                .containsEntry("vic_MethodOfRecruitment", "AtWork;ThroughOnlineSocialNetworks")
                .containsEntry("vic_MethodsOfControl", "Other;ThreatsLawEnforcement")
                .containsEntry("vic_ForcedLabourIndustry",
                        "A_AgricultureForestryAndFishing;I_AccommodationAndFoodServiceActivities")
                .containsEntry("vic_TypeOfSexExploitation", "Prostitution;RemoteInteractiveServices")
                .containsEntry("CountryOfExploitation", "DE;XK").containsEntry("lengthOfExploitation", "YEARS_1_TO_2");
        Map<String, String> ctdc = row(HtcdsMapping.CTDC, withDetails("OVERSEAS", List.of("DE", "XK")));
        assertThat(ctdc).containsEntry("ageBroad", "9--17").containsEntry("majorityStatusAtExploit", "Minor")
                .containsEntry("CountryOfExploitation", "DE")
                .containsEntry("typeOfLabourAgriculture", "1").containsEntry("typeOfLabourHospitality", "1")
                .containsEntry("typeOfLabourConstruction", "").containsEntry("typeOfLabourNotSpecified", "")
                .containsEntry("typeOfLabourConcatenated", "Agriculture;Hospitality")
                .containsEntry("typeOfSexProstitution", "1").containsEntry("typeOfSexRemoteInteractiveServices", "1")
                .containsEntry("typeOfSexPornography", "")
                .containsEntry("typeOfSexConcatenated", "Prostitution;RemoteInteractiveServices")
                .containsEntry("recruiterRelationFamily", "1").containsEntry("recruiterRelationOther", "1")
                .containsEntry("recruiterRelationFriend", "").containsEntry("recruiterRelationUnknown", "")
                .containsEntry("meansOfControlThreatOfLawEnforcement", "1")
                .containsEntry("meansOfControlUsesChildren", "1").containsEntry("RecruiterRelationship", "");
        assertThat(row(HtcdsMapping.HTCDS, withDetails("DOMESTIC_AND_OVERSEAS", List.of("DE"))))
                .containsEntry("CountryOfExploitation", "DE;GB");
        assertThat(row(HtcdsMapping.CTDC, withDetails("DOMESTIC", List.of())))
                .containsEntry("CountryOfExploitation", "GB");
    }

    @Test
    void a_case_without_the_circumstances_exports_empty_cells() {
        ExportCase none = adult("ADULT", false);
        Map<String, String> htcds = row(HtcdsMapping.HTCDS, none);
        for (String column : List.of("ageBroad", "majorityStatusAtExploit", "vic_RelationshipToTrafficker",
                "vic_MethodOfRecruitment", "vic_ForcedLabourIndustry", "vic_TypeOfSexExploitation",
                "lengthOfExploitation")) {
            assertThat(htcds).containsEntry(column, "");
        }
        Map<String, String> ctdc = row(HtcdsMapping.CTDC, none);
        for (String column : List.of("ageBroad", "majorityStatusAtExploit", "typeOfSexProstitution",
                "typeOfSexConcatenated", "recruiterRelationIntimatePartner", "recruiterRelationFriend",
                "recruiterRelationFamily", "recruiterRelationOther", "recruiterRelationUnknown",
                "typeOfLabourAgriculture")) {
            assertThat(ctdc).containsEntry(column, "");
        }
        // forced labour without a sector recorded stays NotSpecified, begging still sets its column
        assertThat(ctdc).containsEntry("typeOfLabourBegging", "1").containsEntry("typeOfLabourConcatenated", "Begging");
    }

    // --- the standards themselves, as committed in src/test/resources/standards (copies of the reference files:
    // HTCDS Field Standards 2.0.ods of UNMigration/HTCDS as a table, and CTDC's 2021 global dataset's column list)

    private static List<String> resource(String name) throws IOException {
        try (var in = HtcdsMappingTest.class.getResourceAsStream("/standards/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    /** HTCDS 2.0's fields: name -> {section, status, core, field, type, values}. */
    private static Map<String, String[]> htcdsFields() throws IOException {
        Map<String, String[]> fields = new java.util.LinkedHashMap<>();
        for (String line : resource("htcds-2.0-fields.tsv").subList(1, resource("htcds-2.0-fields.tsv").size())) {
            String[] c = line.split("\t", -1);
            if (c.length > 4 && !"N/A".equals(c[3])) {
                fields.put(c[3], c);
            }
        }
        return fields;
    }

    /** HTCDS 2.0's picklists with listed values (not "use ISO ..."): field -> its values. */
    private static Map<String, Set<String>> picklists() throws IOException {
        Map<String, Set<String>> picklists = new java.util.HashMap<>();
        htcdsFields().forEach((name, c) -> {
            if (c[4].contains("Picklist") && c.length > 5 && !c[5].isBlank() && !c[5].startsWith("Use ISO")) {
                picklists.put(name, java.util.Arrays.stream(c[5].split("/")).map(String::trim)
                        .filter(v -> !v.isEmpty()).collect(Collectors.toSet()));
            }
        });
        return picklists;
    }

    private static List<String> ctdcColumns() throws IOException {
        return resource("ctdc-columns.txt").stream().map(String::trim).toList();
    }

    @Test
    void every_core_field_of_htcds_2_0_is_mapped_or_listed_as_not_collected() throws IOException {
        Set<String> core = htcdsFields().values().stream().filter(c -> "Core".equals(c[2])).map(c -> c[3])
                .collect(Collectors.toSet());
        assertThat(core).hasSize(40).containsAll(CORE);
        Set<String> covered = new HashSet<>(HtcdsMapping.NOT_COLLECTED.keySet());
        HtcdsMapping.HTCDS.forEach(c -> covered.add(c.name()));
        assertThat(covered).containsAll(core);
        // and every field listed as not collected is spelt as the standard spells it
        assertThat(htcdsFields().keySet()).containsAll(HtcdsMapping.NOT_COLLECTED.keySet());
    }

    @Test
    void the_module_readme_documents_every_core_field_and_every_column_of_the_htcds_export() throws IOException {
        // the field-by-field table of the README is this mapping in words: a field it leaves out is undocumented
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String table = readme.substring(readme.indexOf("#### HTCDS 2.0 Core fields"));
        Set<String> core = htcdsFields().values().stream().filter(c -> "Core".equals(c[2])).map(c -> c[3])
                .collect(Collectors.toSet());
        for (String field : core) {
            assertThat(table).as(field).containsPattern("\\b" + field + "\\b");
        }
        for (HtcdsMapping.Column column : HtcdsMapping.HTCDS) {
            assertThat(table).as(column.name()).containsPattern("\\b" + column.name() + "\\b");
        }
    }

    @Test
    void the_ctdc_export_has_ctdcs_63_columns_in_order() throws IOException {
        List<String> names = HtcdsMapping.CTDC.stream().map(HtcdsMapping.Column::name).toList();
        assertThat(ctdcColumns()).hasSize(63);
        assertThat(names).doesNotHaveDuplicates().containsExactlyElementsOf(ctdcColumns());
    }

    @Test
    void every_column_of_the_htcds_export_is_a_field_of_htcds_2_0_a_ctdc_column_or_a_listed_extension()
            throws IOException {
        Set<String> htcds = htcdsFields().keySet();
        List<String> ctdc = ctdcColumns();
        List<String> names = HtcdsMapping.HTCDS.stream().map(HtcdsMapping.Column::name).toList();
        assertThat(names).doesNotHaveDuplicates();
        for (String name : names) {
            assertThat(htcds.contains(name) || ctdc.contains(name) || HtcdsMapping.EXTENSIONS.containsKey(name))
                    .as(name + ": neither an HTCDS 2.0 field, nor a CTDC column, nor a listed extension").isTrue();
        }
        // an extension is one because neither standard has the field, not because its name is misspelt
        for (String extension : HtcdsMapping.EXTENSIONS.keySet()) {
            assertThat(htcds).doesNotContain(extension);
            assertThat(ctdc).doesNotContain(extension);
            assertThat(names).contains(extension);
        }
        // the prefixed names (prs_, vic_, cas_, con_) are the standard's, to the letter
        assertThat(names.stream().filter(n -> n.matches("^(prs|vic|cas|con)_.*"))
                .filter(n -> !HtcdsMapping.EXTENSIONS.containsKey(n))).allMatch(htcds::contains);
    }

    @Test
    void every_value_the_htcds_export_writes_in_a_picklist_field_is_one_of_the_standards_values() throws IOException {
        Map<String, Set<String>> picklists = picklists();
        assertThat(picklists).containsKeys("prs_Gender", "vic_TraffickingStatus",
                "vic_TraffickingStatusDecisionMakingOrg", "vic_RelationshipToTrafficker", "vic_MethodOfRecruitment",
                "vic_MethodsOfControl", "vic_TypeOfExploitation", "vic_ForcedLabourIndustry",
                "vic_TypeOfSexExploitation", "cas_Status");
        java.util.Random random = new java.util.Random(15);
        Map<String, Set<String>> written = new java.util.TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            ExportCase c = randomCase(random);
            HtcdsMapping.Facts facts = new HtcdsMapping.Facts(c, "GB", "NonPoliceGovernmentalOrganization");
            for (HtcdsMapping.Column column : HtcdsMapping.HTCDS) {
                if (picklists.containsKey(column.name())) {
                    for (String value : column.value().apply(facts).split(";")) {
                        if (!value.isEmpty()) {
                            written.computeIfAbsent(column.name(), k -> new java.util.TreeSet<>()).add(value);
                        }
                    }
                }
            }
        }
        assertThat(written.keySet()).as("picklist fields of the export").containsAll(picklists.keySet().stream()
                .filter(f -> HtcdsMapping.HTCDS.stream().anyMatch(c -> c.name().equals(f))).toList());
        written.forEach((field, values) -> assertThat(picklists.get(field)).as(field).containsAll(values));
        // every value of the platform's vocabularies reaches the standard's picklist (none left unmapped by chance)
        assertThat(written.get("vic_MethodOfRecruitment")).hasSameSizeAs(Set.copyOf(HtcdsMapping.RECRUITMENT.values()));
        assertThat(written.get("prs_Gender")).containsExactlyInAnyOrder("Feminine", "Masculine", "NonConforming",
                "NonSpecifiedUnknown");
        assertThat(written.get("cas_Status")).containsExactlyInAnyOrder("Active", "FollowUp", "Closed",
                "ClosedReferred");
    }

    @Test
    void the_configured_deciding_organisation_must_be_one_of_the_standards_values() throws IOException {
        assertThat(Set.copyOf(HtcdsMapping.DECISION_MAKING_ORGS))
                .isEqualTo(picklists().get("vic_TraffickingStatusDecisionMakingOrg"));
        new HtcdsExport(null, null, 11, 0.05, "CourtOrProsecution");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HtcdsExport(null, null, 11, 0.05, "Court"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vic_TraffickingStatusDecisionMakingOrg");
    }

    private static <E extends Enum<E>> Set<String> some(java.util.Random random, Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).filter(e -> random.nextInt(3) == 0).map(Enum::name)
                .collect(Collectors.toSet());
    }

    private static <E extends Enum<E>> String one(java.util.Random random, Class<E> type) {
        E[] values = type.getEnumConstants();
        return values[random.nextInt(values.length)].name();
    }

    private static ExportCase randomCase(java.util.Random random) {
        String[] grounds = {null, "POSITIVE", "NEGATIVE"};
        String stage = one(random, org.nrm.referral.api.CaseStage.class);
        return new ExportCase("2025", one(random, org.nrm.referral.api.Gender.class),
                one(random, org.nrm.referral.api.AgeGroup.class), random.nextBoolean(), "VN",
                one(random, org.nrm.referral.api.ExploitationLocation.class), some(random, ExploitationType.class),
                some(random, Indicator.class), grounds[random.nextInt(3)], grounds[random.nextInt(3)], stage,
                random.nextBoolean() ? one(random, org.nrm.referral.api.ClosureCategory.class) : null, "police",
                List.of("vie"), random.nextBoolean(), random.nextInt(5) == 0,
                new ExportCase.Details(one(random, org.nrm.referral.api.AgeBand.class),
                        one(random, org.nrm.referral.api.ExploitationDuration.class), List.of("DE"),
                        some(random, RecruiterRelation.class), some(random, RecruitmentMethod.class),
                        some(random, LabourSector.class), some(random, SexualExploitationForm.class)));
    }

    /** The Core fields of HTCDS 2.0 (38 live, and two deprecated ones still marked Core), as a second reading. */
    private static final Set<String> CORE = Set.of("prs_Salutation", "prs_FirstName", "prs_SecondName",
            "prs_Birthdate", "prs_Gender", "prs_Citizenship", "prs_Title", "prs_Email", "prs_HomePhone",
            "prs_MobilePhone", "prs_MailingCity", "prs_MailingCountry", "prs_MailingState", "prs_MailingStreet",
            "prs_MailingPostalCode", "vic_TraffickingStatus", "vic_TraffickingStatusDecisionMakingOrg",
            "vic_MethodOfRecruitment", "vic_LocationOfRecruitment", "vic_MethodsOfControl", "vic_TypeOfExploitation",
            "vic_ForcedLabourIndustry", "vic_TypeOfSexExploitation", "vic_LocationOfExploitation",
            "vic_Vulnerabilities", "vic_DetailsOfVulnerabilities", "cas_Status", "cas_ReasonForCaseClosure",
            "cas_CaseOwner", "cas_ReferringOrganisation", "cas_IncomingReferralDate", "cas_ReferringPrimaryCaseWorker",
            "cas_ReasonForIncomingReferral", "cas_IncomingReferralDetails", "cas_ReferredOrganisation",
            "cas_ReferredPrimaryCaseWorker", "cas_ReasonForOutgoingReferral", "cas_OutgoingReferralDate",
            "cas_OutgoingReferralDetails", "con_Consent");
}
