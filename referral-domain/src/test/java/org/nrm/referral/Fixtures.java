package org.nrm.referral;

import org.nrm.referral.api.PersonalText;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.nrm.referral.api.AgeGroup;
import org.nrm.referral.api.Exploitation;
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.Indicator;
import org.nrm.referral.api.PersonProfile;
import org.nrm.referral.api.PersonalDetails;
import org.nrm.referral.api.ReferralSubmitted;
import org.nrm.referral.api.ConclusiveGroundsDecided;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.api.MoveOnSupportStarted;
import org.nrm.referral.api.ReasonableGroundsDecided;
import org.nrm.referral.api.RecoveryPeriodEnded;
import org.nrm.referral.api.RecoveryPeriodStarted;
import org.nrm.referral.api.SubmitReferral;
import org.nrm.referral.model.JurisdictionRules;
import org.nrm.referral.model.ReferralCase;

/** Shared givens for the domain's tests: a jurisdiction, a moment, and people to refer. */
public final class Fixtures {

    public static final String CASE_ID = "case-1";
    public static final String REFERENCE = "NRM-2026-000001";
    /** Friday 27 November 2026, 10:00 UTC. */
    public static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    public static final JurisdictionRules RULES = JurisdictionRules.defaults("GB", ZoneId.of("Europe/London"));
    public static final PersonalDetails LAN = new PersonalDetails("Lan", "Nguyen", LocalDate.of(1990, 3, 1),
            "Found working at a nail bar");
    public static final Exploitation EXPLOITATION = new Exploitation(Set.of(ExploitationType.FORCED_LABOUR),
            ExploitationLocation.DOMESTIC, Set.of(Indicator.DOCUMENTS_WITHHELD));

    /** The person's cooperation per case, as the tests set it (the app reads it from the event store). */
    public static final java.util.Map<String, org.nrm.referral.api.CooperationStatus> COOPERATION_BY_CASE =
            new java.util.concurrent.ConcurrentHashMap<>();
    public static final org.nrm.referral.model.InvestigationCooperation COOPERATION = COOPERATION_BY_CASE::get;

    private Fixtures() {
    }

    public static AggregateTestFixture<ReferralCase> referralCaseFixture() {
        return fixture(ReferralCase.class, new MutableClock(NOW));
    }

    /** A fixture for any aggregate, with the jurisdiction's rules and the given clock injected. */
    public static <T> AggregateTestFixture<T> fixture(Class<T> aggregate, Clock clock) {
        var fixture = new AggregateTestFixture<>(aggregate);
        fixture.registerInjectableResource(RULES);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(org.nrm.referral.model.ShelterMatching.BY_GROUP);
        fixture.registerInjectableResource(COOPERATION);
        fixture.registerInjectableResource((org.nrm.referral.model.ReceivedReports) reportId -> true);
        return fixture;
    }

    public static Instant daysAfterNow(int days) {
        return NOW.plus(java.time.Duration.ofDays(days));
    }

    /** A positive reasonable-grounds decision at {@link #NOW}, with its recovery period. */
    public static Object[] positiveReasonableGrounds() {
        return new Object[] {referralSubmitted(),
                new ReasonableGroundsDecided(CASE_ID, GroundsOutcome.POSITIVE, PersonalText.of("Credible"), NOW, null),
                new RecoveryPeriodStarted(CASE_ID, NOW, daysAfterNow(30))};
    }

    /** A positive conclusive decision 30 days after {@link #NOW}, with its move-on support. */
    public static Object[] positiveConclusiveGrounds() {
        var events = new java.util.ArrayList<>(java.util.List.of(positiveReasonableGrounds()));
        events.add(new RecoveryPeriodEnded(CASE_ID, daysAfterNow(30)));
        events.add(new ConclusiveGroundsDecided(CASE_ID, GroundsOutcome.POSITIVE, PersonalText.of("Victim"), daysAfterNow(30), null));
        events.add(new MoveOnSupportStarted(CASE_ID, daysAfterNow(30), daysAfterNow(75)));
        return events.toArray();
    }

    public static PersonProfile adult(String... citizenships) {
        return new PersonProfile(Gender.FEMALE, AgeGroup.ADULT, false, List.of(citizenships), List.of("vie"));
    }

    public static PersonProfile child(String... citizenships) {
        return new PersonProfile(Gender.MALE, AgeGroup.CHILD, false, List.of(citizenships), List.of("ron"));
    }

    public static SubmitReferral referral(PersonProfile profile, boolean consent) {
        return new SubmitReferral(CASE_ID, REFERENCE, "police", LAN, profile, EXPLOITATION, consent, true);
    }

    /** The event a consenting foreign adult's referral at {@link #NOW} records. */
    public static ReferralSubmitted referralSubmitted() {
        return new ReferralSubmitted(CASE_ID, REFERENCE, "police", LAN, adult("VN"), EXPLOITATION, false, true, true,
                NOW, Instant.parse("2026-12-04T10:00:00Z"));
    }
}
