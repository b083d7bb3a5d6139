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
