package org.nrm.referral.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.nrm.referral.api.AgeGroup;

/**
 * The statutory numbers of one jurisdiction: every period and window the mechanism uses comes from here,
 * never from constants in the aggregates. {@code dayLength} is one day in real time (24 hours); training and
 * end-to-end runs compress it (one second), and working days then count as days. {@code ageOfMajority} is the age
 * from which a person referred is an adult ({@link #ageGroup}); the demo's is 18.
 */
public record JurisdictionRules(String countryCode,
                                ZoneId zone,
                                Duration dayLength,
                                int reasonableGroundsTargetWorkingDays,
                                Set<LocalDate> publicHolidays,
                                int recoveryPeriodMinimumDays,
                                int reconsiderationWindowDays,
                                int moveOnDaysAfterPositive,
                                int moveOnDaysAfterNegative,
                                int guardianAppointmentDays,
                                int permitReminderDays,
                                List<Integer> reintegrationFollowUpMonths,
                                int ageOfMajority) {

    /** The age of majority of the demo jurisdiction (and of most: CRC article 1). */
    public static final int DEFAULT_AGE_OF_MAJORITY = 18;

    public JurisdictionRules {
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dayLength, "dayLength");
        publicHolidays = publicHolidays == null ? Set.of() : Set.copyOf(publicHolidays);
        reintegrationFollowUpMonths = reintegrationFollowUpMonths == null ? List.of() : List.copyOf(reintegrationFollowUpMonths);
        if (dayLength.isNegative() || dayLength.isZero()) {
            throw new IllegalArgumentException("dayLength must be positive");
        }
        if (ageOfMajority < 1) {
            throw new IllegalArgumentException("ageOfMajority must be positive");
        }
    }

    /** The rules with the {@linkplain #DEFAULT_AGE_OF_MAJORITY default age of majority}. */
    public JurisdictionRules(String countryCode, ZoneId zone, Duration dayLength, int reasonableGroundsTargetWorkingDays,
                             Set<LocalDate> publicHolidays, int recoveryPeriodMinimumDays, int reconsiderationWindowDays,
                             int moveOnDaysAfterPositive, int moveOnDaysAfterNegative, int guardianAppointmentDays,
                             int permitReminderDays, List<Integer> reintegrationFollowUpMonths) {
        this(countryCode, zone, dayLength, reasonableGroundsTargetWorkingDays, publicHolidays, recoveryPeriodMinimumDays,
                reconsiderationWindowDays, moveOnDaysAfterPositive, moveOnDaysAfterNegative, guardianAppointmentDays,
                permitReminderDays, reintegrationFollowUpMonths, DEFAULT_AGE_OF_MAJORITY);
    }

    /** Defaults drawn from public practice (UK guidance, CETS 197); a jurisdiction overrides them in configuration. */
    public static JurisdictionRules defaults(String countryCode, ZoneId zone) {
        return new JurisdictionRules(countryCode, zone, Duration.ofDays(1), 5, Set.of(), 30, 30, 45, 14, 1, 60,
                List.of(3, 6, 12), DEFAULT_AGE_OF_MAJORITY);
    }

    public JurisdictionRules withDayLength(Duration newDayLength) {
        return new JurisdictionRules(countryCode, zone, newDayLength, reasonableGroundsTargetWorkingDays, publicHolidays,
                recoveryPeriodMinimumDays, reconsiderationWindowDays, moveOnDaysAfterPositive, moveOnDaysAfterNegative,
                guardianAppointmentDays, permitReminderDays, reintegrationFollowUpMonths, ageOfMajority);
    }

    public boolean compressedTime() {
        return dayLength.compareTo(Duration.ofDays(1)) < 0;
    }

    /** {@code days} calendar days after {@code from}. */
    public Instant daysAfter(Instant from, int days) {
        return from.plus(dayLength.multipliedBy(days));
    }

    /** {@code months} calendar months after {@code from}; under compressed time a month is 30 days. */
    public Instant monthsAfter(Instant from, int months) {
        if (compressedTime()) {
            return daysAfter(from, months * 30);
        }
        return from.atZone(zone).plusMonths(months).toInstant();
    }

    /** When to remind of a permit's end: {@code permitReminderDays} before it, but never in the past of {@code now}. */
    public Instant permitReminder(Instant now, Instant validUntil) {
        Instant reminder = validUntil.minus(dayLength.multipliedBy(permitReminderDays));
        return reminder.isBefore(now) ? now : reminder;
    }

    /**
     * {@code workingDays} working days after {@code from}: weekends and public holidays of the jurisdiction do not
     * count. Under compressed time every day counts.
     */
    public Instant workingDaysAfter(Instant from, int workingDays) {
        if (compressedTime()) {
            return daysAfter(from, workingDays);
        }
        var at = from.atZone(zone);
        int counted = 0;
        while (counted < workingDays) {
            at = at.plusDays(1);
            if (isWorkingDay(at.toLocalDate())) {
                counted++;
            }
        }
        return at.toInstant();
    }

    public boolean isWorkingDay(LocalDate date) {
        var day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !publicHolidays.contains(date);
    }

    /**
     * The age group at referral of a person born on {@code birthDate} (unknown without one), on {@code today} of the
     * jurisdiction's calendar: a child until the {@code ageOfMajority}-th birthday.
     */
    public AgeGroup ageGroup(LocalDate birthDate, LocalDate today) {
        if (birthDate == null) {
            return AgeGroup.UNKNOWN;
        }
        return Period.between(birthDate, today).getYears() < ageOfMajority ? AgeGroup.CHILD : AgeGroup.ADULT;
    }

    public boolean isForeignNational(List<String> citizenships) {
        return citizenships.isEmpty() || citizenships.stream().noneMatch(countryCode::equalsIgnoreCase);
    }
}
