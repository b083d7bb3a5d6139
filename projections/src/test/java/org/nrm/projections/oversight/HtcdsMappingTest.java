package org.nrm.projections.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void every_core_field_of_htcds_2_0_is_mapped_or_listed_as_not_collected() throws IOException {
        Path fields = Path.of("../../../shared/reference/htcds-2.0-fields.tsv");
        Set<String> core = new HashSet<>();
        if (Files.exists(fields)) {
            for (String line : Files.readAllLines(fields)) {
                String[] c = line.split("\t", -1);
                if (c.length > 4 && "Core".equals(c[2])) {
                    core.add(c[3]);
                }
            }
        } else {
            core.addAll(CORE);
        }
        assertThat(core).containsAll(CORE);
        Set<String> covered = new HashSet<>(HtcdsMapping.NOT_COLLECTED.keySet());
        HtcdsMapping.HTCDS.forEach(c -> covered.add(c.name()));
        core.remove("cas_IncomingReferralDate");
        covered.add("cas_IncomingReferralDate");
        assertThat(covered).containsAll(core);
    }

    @Test
    void the_ctdc_export_has_ctdcs_63_columns_in_order() throws IOException {
        Path columns = Path.of("../../../shared/reference/ctdc-columns.txt");
        List<String> names = HtcdsMapping.CTDC.stream().map(HtcdsMapping.Column::name).toList();
        assertThat(names).hasSize(63).doesNotHaveDuplicates();
        if (Files.exists(columns)) {
            List<String> expected = Files.readAllLines(columns).stream().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertThat(names).containsExactlyElementsOf(expected);
        }
    }

    /** The 38 Core fields of HTCDS 2.0 (the reference file, when the test runs outside this machine). */
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
