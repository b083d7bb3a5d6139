package org.nrm.app.config;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nrm.referral.api.AgencyRole;
import org.nrm.referral.model.JurisdictionRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The jurisdiction this installation serves: its country, its statutory periods and its agencies (id to the parts
 * the agency plays). The demo profile supplies the demo jurisdiction; production supplies its own. Also read under
 * {@code nrm.jurisdiction}, by the projections: {@code suppression-threshold} (small cells of the published statistics).
 */
@ConfigurationProperties("nrm.jurisdiction")
public record JurisdictionProperties(@DefaultValue("GB") String countryCode,
                                     @DefaultValue("Europe/London") ZoneId zone,
                                     @DefaultValue("P1D") Duration dayLength,
                                     @DefaultValue("5") int reasonableGroundsTargetWorkingDays,
                                     Set<LocalDate> publicHolidays,
                                     @DefaultValue("30") int recoveryPeriodMinimumDays,
                                     @DefaultValue("30") int reconsiderationWindowDays,
                                     @DefaultValue("45") int moveOnDaysAfterPositive,
                                     @DefaultValue("14") int moveOnDaysAfterNegative,
                                     @DefaultValue("1") int guardianAppointmentDays,
                                     @DefaultValue("60") int permitReminderDays,
                                     @DefaultValue({"3", "6", "12"}) List<Integer> reintegrationFollowUpMonths,
                                     @DefaultValue("18") int ageOfMajority,
                                     Map<String, Set<AgencyRole>> agencies) {

    public JurisdictionProperties {
        agencies = agencies == null ? Map.of() : Map.copyOf(agencies);
    }

    public JurisdictionRules rules() {
        return new JurisdictionRules(countryCode, zone, dayLength, reasonableGroundsTargetWorkingDays, publicHolidays,
                recoveryPeriodMinimumDays, reconsiderationWindowDays, moveOnDaysAfterPositive, moveOnDaysAfterNegative,
                guardianAppointmentDays, permitReminderDays, reintegrationFollowUpMonths, ageOfMajority);
    }

    public boolean agencyPlays(String agency, AgencyRole role) {
        return agencies.getOrDefault(agency, Set.of()).contains(role);
    }
}
