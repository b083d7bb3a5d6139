package org.nrm.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nrm.app.referral.ReferralRequest;
import org.nrm.app.referral.ReferralService;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.AgeGroup;
import org.nrm.referral.api.AgencyRole;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.SubmitReferral;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.jurisdiction.MechanismJurisdiction;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code nrm.jurisdiction.*} as the application binds it (Spring's binder, the keys as an operator writes them) and
 * what the model then reads: each step's queue, the grace days, and the refusal to start on a queue nobody can read;
 * and the age of majority a referral is judged by.
 */
class JurisdictionAgenciesTest {

    private static MechanismJurisdiction bind(Map<String, String> properties) {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        JurisdictionProperties jurisdiction = binder.bindOrCreate("nrm.jurisdiction", JurisdictionProperties.class);
        JurisdictionQueues queues = binder.bindOrCreate("nrm.jurisdiction", JurisdictionQueues.class);
        return new MechanismJurisdiction(new JurisdictionAgencies(jurisdiction, queues));
    }

    private static final Map<String, String> NORDLAND = Map.of(
            "nrm.jurisdiction.day-length", "PT1S",
            "nrm.jurisdiction.agencies.utlendingsdirektoratet[0]", "COMPETENT_AUTHORITY",
            "nrm.jurisdiction.agencies.utlendingsdirektoratet[1]", "IMMIGRATION_AUTHORITY",
            "nrm.jurisdiction.agencies.krisesenter-a[0]", "SHELTER_PROVIDER",
            "nrm.jurisdiction.agencies.krisesenter-b[0]", "SHELTER_PROVIDER",
            "nrm.jurisdiction.agencies.rosa-prosjektet[0]", "SUPPORT_PROVIDER",
            "nrm.jurisdiction.agencies.iom-nord[0]", "RETURN_ORGANISATION",
            "nrm.jurisdiction.task-queues.durable-solution[0]", "rosa-prosjektet",
            "nrm.jurisdiction.grace-days.reintegration-follow-up", "7");

    @Test
    void each_step_goes_to_the_agencies_playing_its_part_unless_the_jurisdiction_names_its_queue() {
        MechanismJurisdiction jurisdiction = bind(NORDLAND);
        assertThat(jurisdiction.candidates("reasonable-grounds-decision")).containsExactly("utlendingsdirektoratet");
        assertThat(jurisdiction.candidates("residence-permit-renewal")).containsExactly("utlendingsdirektoratet");
        assertThat(jurisdiction.candidates("shelter-placement")).containsExactly("krisesenter-a", "krisesenter-b");
        assertThat(jurisdiction.candidates("durable-solution")).containsExactly("rosa-prosjektet");
        assertThat(jurisdiction.candidates("return-departure")).containsExactly("iom-nord");
    }

    @Test
    void a_follow_up_is_overdue_after_the_configured_days_of_the_jurisdictions_clock() {
        Date due = new Date(1_000_000L);
        assertThat(bind(NORDLAND).overdueAt(due, "reintegration-follow-up").getTime() - due.getTime())
                .isEqualTo(Duration.ofSeconds(7).toMillis());
        Map<String, String> noGrace = new java.util.HashMap<>(NORDLAND);
        noGrace.remove("nrm.jurisdiction.grace-days.reintegration-follow-up");
        assertThat(bind(noGrace).overdueAt(due, "reintegration-follow-up").getTime() - due.getTime())
                .isEqualTo(Duration.ofSeconds(14).toMillis());
        assertThat(bind(noGrace).overdueAt(due, "reasonable-grounds-decision")).isEqualTo(due);
    }

    @Test
    void a_decisions_target_counts_the_configured_days_of_the_jurisdictions_clock_from_its_task_opening() {
        Date opened = new Date(1_000_000L);
        Map<String, String> targets = new java.util.HashMap<>(NORDLAND);
        targets.put("nrm.jurisdiction.target-days.conclusive-grounds-decision", "60");
        targets.put("nrm.jurisdiction.target-days.reconsideration-decision", "14");
        assertThat(bind(targets).targetAt(opened, "conclusive-grounds-decision").getTime() - opened.getTime())
                .isEqualTo(Duration.ofSeconds(60).toMillis());
        assertThat(bind(targets).targetAt(opened, "reconsideration-decision").getTime() - opened.getTime())
                .isEqualTo(Duration.ofSeconds(14).toMillis());
        // unset: the demo's 90 and 30 days
        assertThat(bind(NORDLAND).targetAt(opened, "conclusive-grounds-decision").getTime() - opened.getTime())
                .isEqualTo(Duration.ofSeconds(90).toMillis());
        assertThat(bind(NORDLAND).targetAt(opened, "reconsideration-decision").getTime() - opened.getTime())
                .isEqualTo(Duration.ofSeconds(30).toMillis());
    }

    @Test
    void a_target_for_a_step_without_one_or_of_no_days_stops_the_start() {
        Map<String, String> noTarget = new java.util.HashMap<>(NORDLAND);
        noTarget.put("nrm.jurisdiction.target-days.case-closure", "3");
        assertThatThrownBy(() -> bind(noTarget)).hasMessageContaining("target-days.case-closure")
                .hasMessageContaining("not a step with a target");
        Map<String, String> zero = new java.util.HashMap<>(NORDLAND);
        zero.put("nrm.jurisdiction.target-days.reconsideration-decision", "0");
        assertThatThrownBy(() -> bind(zero)).hasMessageContaining("target-days.reconsideration-decision")
                .hasMessageContaining("at least 1 day");
    }

    @Test
    void the_demo_jurisdiction_keeps_each_task_in_the_queue_it_had() {
        MechanismJurisdiction demo = bind(Map.ofEntries(
                Map.entry("nrm.jurisdiction.agencies.police[0]", "FIRST_RESPONDER"),
                Map.entry("nrm.jurisdiction.agencies.ngo-outreach[0]", "FIRST_RESPONDER"),
                Map.entry("nrm.jurisdiction.agencies.ngo-outreach[1]", "SUPPORT_PROVIDER"),
                Map.entry("nrm.jurisdiction.agencies.competent-authority[0]", "COMPETENT_AUTHORITY"),
                Map.entry("nrm.jurisdiction.agencies.shelter-provider[0]", "SHELTER_PROVIDER"),
                Map.entry("nrm.jurisdiction.agencies.shelter-provider[1]", "SUPPORT_PROVIDER"),
                Map.entry("nrm.jurisdiction.agencies.child-services[0]", "CHILD_SERVICES"),
                Map.entry("nrm.jurisdiction.agencies.immigration-service[0]", "IMMIGRATION_AUTHORITY"),
                Map.entry("nrm.jurisdiction.agencies.return-organisation[0]", "RETURN_ORGANISATION"),
                // as application-demo.yml: reports from the public go to the NGO's queue (issue #17)
                Map.entry("nrm.jurisdiction.task-queues.public-report-triage[0]", "ngo-outreach")));
        Map<String, String> before = Map.ofEntries(
                Map.entry("public-report-triage", "ngo-outreach"),
                Map.entry("age-assessment", "child-services"), Map.entry("guardian-appointment", "child-services"),
                Map.entry("reasonable-grounds-decision", "competent-authority"),
                Map.entry("shelter-placement", "shelter-provider"),
                Map.entry("conclusive-grounds-decision", "competent-authority"),
                Map.entry("reconsideration-decision", "competent-authority"),
                Map.entry("residence-permit-decision", "immigration-service"),
                Map.entry("durable-solution", "shelter-provider"),
                Map.entry("durable-solution-for-a-child", "child-services"),
                Map.entry("return-risk-assessment", "return-organisation"),
                Map.entry("return-departure", "return-organisation"),
                Map.entry("reintegration-follow-up", "return-organisation"),
                Map.entry("case-closure", "competent-authority"),
                Map.entry("residence-permit-renewal", "immigration-service"),
                // a returning national's steps (returning-national.bpmn, issue 16)
                Map.entry("arrival-reception", "return-organisation"),
                Map.entry("returning-national-follow-up", "return-organisation"));
        assertThat(MechanismJurisdiction.owners().keySet()).isEqualTo(before.keySet());
        before.forEach((step, agency) -> assertThat(demo.candidates(step)).as(step).containsExactly(agency));
    }

    @Test
    void a_queue_naming_an_unknown_agency_or_step_stops_the_start() {
        Map<String, String> unknownAgency = new java.util.HashMap<>(NORDLAND);
        unknownAgency.put("nrm.jurisdiction.task-queues.case-closure[0]", "competent-authority");
        assertThatThrownBy(() -> bind(unknownAgency)).hasMessageContaining("task-queues.case-closure")
                .hasMessageContaining("competent-authority");
        Map<String, String> unknownStep = new java.util.HashMap<>(NORDLAND);
        unknownStep.put("nrm.jurisdiction.grace-days.reasonable-grounds", "3");
        assertThatThrownBy(() -> bind(unknownStep)).hasMessageContaining("grace-days.reasonable-grounds")
                .hasMessageContaining("not a step");
        assertThat(MechanismJurisdiction.owner("case-closure")).isEqualTo(AgencyRole.COMPETENT_AUTHORITY);
    }

    /** The age group a referral of someone born on {@code birthDate} is submitted with, on 2 December 2026. */
    private static AgeGroup referredAs(Map<String, String> properties, LocalDate birthDate) {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        JurisdictionProperties jurisdiction = binder.bindOrCreate("nrm.jurisdiction", JurisdictionProperties.class);
        List<SubmitReferral> sent = new ArrayList<>();
        CommandSender commands = new CommandSender(null, null) {
            @Override
            public <R> R send(Object command, Actor actor) {
                sent.add((SubmitReferral) command);
                return null;
            }

            @Override
            public <R> R sendCreating(Object command, Actor actor) {
                return send(command, actor);
            }
        };
        JdbcTemplate sequence = new JdbcTemplate() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T queryForObject(String sql, Class<T> requiredType) {
                return (T) Long.valueOf(1);
            }
        };
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
        var service = new ReferralService(commands, sequence, jurisdiction, jurisdiction.rules(), clock,
                new org.nrm.app.referral.ScreeningCodes(new org.nrm.app.referral.ScreeningProperties(null, null, null, null)));
        service.refer(new ReferralRequest(new ReferralRequest.Person("A", "B", birthDate, false, Gender.FEMALE,
                        List.of("VN"), List.of("vie")), Set.of(ExploitationType.SEXUAL), null, Set.of(), true, false, null),
                new NrmUser("police", "police", UserRole.CASE_WORKER));
        return sent.get(0).profile().ageGroup();
    }

    @Test
    void the_age_of_majority_is_the_jurisdictions_and_decides_who_is_referred_as_a_child() {
        LocalDate seventeen = LocalDate.of(2009, 6, 1);
        LocalDate eighteen = LocalDate.of(2008, 6, 1);
        Map<String, String> demo = Map.of("nrm.jurisdiction.agencies.police[0]", "FIRST_RESPONDER");
        assertThat(referredAs(demo, seventeen)).isEqualTo(AgeGroup.CHILD);
        assertThat(referredAs(demo, eighteen)).isEqualTo(AgeGroup.ADULT);

        Map<String, String> majorityAtSeventeen = new java.util.HashMap<>(NORDLAND);
        majorityAtSeventeen.put("nrm.jurisdiction.age-of-majority", "17");
        assertThat(referredAs(majorityAtSeventeen, seventeen)).isEqualTo(AgeGroup.ADULT);
        Map<String, String> majorityAtNineteen = new java.util.HashMap<>(NORDLAND);
        majorityAtNineteen.put("nrm.jurisdiction.age-of-majority", "19");
        assertThat(referredAs(majorityAtNineteen, eighteen)).isEqualTo(AgeGroup.CHILD);
        assertThat(referredAs(majorityAtNineteen, LocalDate.of(2007, 6, 1))).isEqualTo(AgeGroup.ADULT);
    }
}
