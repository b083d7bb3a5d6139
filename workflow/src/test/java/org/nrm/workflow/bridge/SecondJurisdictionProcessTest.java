package org.nrm.workflow.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.Test;
import org.nrm.referral.api.ApplyForResidencePermit;
import org.nrm.referral.api.EndRecoveryPeriod;
import org.nrm.referral.api.ExpireResidencePermit;
import org.nrm.referral.api.RecordDeadlineBreach;
import org.nrm.referral.model.JurisdictionRules;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.TestJurisdictions;
import org.nrm.workflow.jurisdiction.AgencyDirectory;
import org.nrm.workflow.jurisdiction.MechanismJurisdiction;

/**
 * The same model, a second jurisdiction: other agency names (two shelter providers, one agency that is both the
 * competent and the immigration authority, a durable solution given to a named support provider), other statutory
 * periods (ten working days for the reasonable-grounds decision over a public holiday, three days for a guardian)
 * another grace period for follow-ups, and other targets for the conclusive-grounds decision after the recovery period
 * (60 days) and for a reconsideration decision (14 days). The mechanism's steps are the real delegates (see the support); only the
 * outside edge (the command gateway, the notification table) records what reaches it.
 */
@Deployment(resources = {"bpmn/national-referral-mechanism.bpmn", "bpmn/shelter-type.dmn"})
class SecondJurisdictionProcessTest extends MechanismProcessTestSupport {

    /** Nordland's statutory numbers: 1 December 2026 is a public holiday there. */
    static final JurisdictionRules NORDLAND_RULES = new JurisdictionRules("NO", ZoneId.of("Europe/Oslo"),
            java.time.Duration.ofDays(1), 10, Set.of(LocalDate.of(2026, 12, 1)), 45, 21, 60, 20, 3, 90, List.of(2, 4));

    @Override
    protected AgencyDirectory directory() {
        return TestJurisdictions.NORDLAND;
    }

    /** What the bridge starts a case with, its deadlines counted by Nordland's rules (as the case's events carry them). */
    private Map<String, Object> nordlandReferral(boolean child, boolean foreign, boolean accommodation) {
        Map<String, Object> variables = referral(child, false, foreign, accommodation);
        variables.put("reasonableGroundsDueAt", date(NORDLAND_RULES.workingDaysAfter(START, 10)));
        variables.put("guardianDueAt", date(NORDLAND_RULES.daysAfter(START, NORDLAND_RULES.guardianAppointmentDays())));
        return variables;
    }

    private List<String> candidateGroups(ProcessInstance instance, String key) {
        return engine.getTaskService().getIdentityLinksForTask(task(instance, key).getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).map(IdentityLink::getGroupId)
                .sorted().toList();
    }

    /** The application the real delegate applied for (its own new id). */
    private String permitApplicationId() {
        return commands(ApplyForResidencePermit.class).get(0).applicationId();
    }

    private double breaches(String agency, String taskKey) {
        var counter = meters.find("nrm.deadline.breaches").tag("agency", agency).tag("task", taskKey).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void the_steps_land_in_the_second_jurisdictions_queues_with_its_due_dates() {
        ProcessInstance child = start(nordlandReferral(true, false, false));
        // Friday 27 November + 10 working days, Tuesday 1 December a holiday: Monday 14 December
        Instant rgDue = Instant.parse("2026-12-14T10:00:00Z");
        assertThat(NORDLAND_RULES.workingDaysAfter(START, 10)).isEqualTo(rgDue);
        assertThat(candidateGroups(child, "reasonable-grounds-decision")).containsExactly("utlendingsdirektoratet");
        assertThat(task(child, "reasonable-grounds-decision").getDueDate()).isEqualTo(date(rgDue));
        assertThat(candidateGroups(child, "guardian-appointment")).containsExactly("barnevernet-nord");
        assertThat(task(child, "guardian-appointment").getDueDate()).isEqualTo(date(days(3)));

        ProcessInstance adult = engine.getRuntimeService().startProcessInstanceByKey(MechanismProcess.PROCESS_KEY,
                "case-2", nordlandReferral(false, true, true));
        complete(adult, "reasonable-grounds-decision", "rgOutcome", "POSITIVE", "recoveryPeriodEndsAt",
                date(NORDLAND_RULES.daysAfter(START, NORDLAND_RULES.recoveryPeriodMinimumDays())));
        runDueJobs(adult);
        assertThat(candidateGroups(adult, "shelter-placement")).containsExactly("krisesenter-a", "krisesenter-b");
        assertThat(candidateGroups(adult, "residence-permit-decision")).containsExactly("utlendingsdirektoratet");
    }

    @Test
    void a_missed_reasonable_grounds_deadline_is_a_breach_for_the_second_jurisdictions_competent_authority() {
        ProcessInstance instance = start(nordlandReferral(false, false, false));
        moveClockTo(days(6)); // the demo's five working days have passed, Nordland's ten have not
        runDueJobs(instance);
        assertThat(commands()).isEmpty();

        moveClockTo(Instant.parse("2026-12-14T10:01:00Z"));
        runDueJobs(instance);

        assertThat(commands()).containsExactly(new RecordDeadlineBreach("case-1", "reasonable-grounds-decision",
                Instant.parse("2026-12-14T10:00:00Z")));
        assertThat(notifications()).containsExactly("utlendingsdirektoratet/LEADS/deadline-breach");
        assertThat(breaches("utlendingsdirektoratet", "reasonable-grounds-decision")).isEqualTo(1.0);
        assertThat(openTaskKeys(instance)).containsExactly("reasonable-grounds-decision");
    }

    @Test
    void a_late_guardian_is_a_breach_for_the_second_jurisdictions_child_services_after_its_three_days() {
        ProcessInstance instance = start(nordlandReferral(true, false, false));
        moveClockTo(days(2));
        runDueJobs(instance);
        assertThat(notifications()).isEmpty();

        moveClockTo(days(3).plusSeconds(60));
        runDueJobs(instance);

        assertThat(notifications()).containsExactly("barnevernet-nord/LEADS/deadline-breach");
        assertThat(breaches("barnevernet-nord", "guardian-appointment")).isEqualTo(1.0);
    }

    @Test
    void a_permit_reminder_and_its_lapse_go_to_the_agency_that_holds_the_immigration_part() {
        ProcessInstance instance = start(nordlandReferral(false, true, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                "recoveryPeriodEndsAt", date(days(400)));
        runDueJobs(instance);
        complete(instance, "residence-permit-decision", "permitDecision", "GRANTED",
                "permitReminderAt", date(days(300)), "permitValidUntil", date(days(390)));

        moveClockTo(days(300).plusSeconds(60));
        runDueJobs(instance);
        assertThat(notifications()).containsExactly("utlendingsdirektoratet/EVERYONE/permit-ending");

        moveClockTo(days(390).plusSeconds(60));
        runDueJobs(instance);
        assertThat(commands()).contains(new ExpireResidencePermit(permitApplicationId()),
                new RecordDeadlineBreach("case-1", "residence-permit-renewal", days(390)));
        assertThat(notifications()).endsWith("utlendingsdirektoratet/LEADS/deadline-breach");
        assertThat(breaches("utlendingsdirektoratet", "residence-permit-renewal")).isEqualTo(1.0);
    }

    private ProcessInstance atDurableSolution(boolean child) {
        ProcessInstance instance = start(nordlandReferral(child, false, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                "recoveryPeriodEndsAt", date(days(45)));
        if (child) {
            complete(instance, "guardian-appointment");
        }
        moveClockTo(days(45).plusSeconds(60));
        runDueJobs(instance);
        assertThat(commands()).contains(new EndRecoveryPeriod("case-1"));
        complete(instance, "conclusive-grounds-decision", "cgOutcome", "POSITIVE");
        return instance;
    }

    @Test
    void the_durable_solution_goes_to_the_support_provider_the_jurisdiction_names_and_a_childs_to_its_child_services() {
        ProcessInstance adult = atDurableSolution(false);
        assertThat(candidateGroups(adult, "durable-solution")).containsExactly("rosa-prosjektet");
        complete(adult, "durable-solution", "durableSolution", "INTEGRATION");
        assertThat(candidateGroups(adult, "case-closure")).containsExactly("utlendingsdirektoratet");
    }

    @Test
    void a_childs_durable_solution_goes_to_the_second_jurisdictions_child_services() {
        ProcessInstance child = atDurableSolution(true);
        assertThat(candidateGroups(child, "durable-solution")).containsExactly("barnevernet-nord");
    }

    @Test
    void a_follow_up_left_open_past_the_second_jurisdictions_seven_grace_days_is_a_breach_for_its_return_organisation() {
        ProcessInstance instance = atDurableSolution(false);
        complete(instance, "durable-solution", "durableSolution", "VOLUNTARY_RETURN");
        runDueJobs(instance);
        assertThat(candidateGroups(instance, "return-risk-assessment")).containsExactly("iom-nord");
        complete(instance, "return-risk-assessment", "returnRisk", "LOW");
        complete(instance, "return-departure", "followUpsDueAt", days(110) + "," + days(170));

        moveClockTo(days(110).plusSeconds(60));
        runDueJobs(instance);
        assertThat(candidateGroups(instance, "reintegration-follow-up")).containsExactly("iom-nord");
        moveClockTo(days(116));
        runDueJobs(instance);
        assertThat(notifications()).isEmpty();

        moveClockTo(days(117).plusSeconds(60));
        runDueJobs(instance);

        assertThat(commands()).contains(new RecordDeadlineBreach("case-1", "reintegration-follow-up", days(117)));
        assertThat(notifications()).containsExactly("iom-nord/LEADS/deadline-breach");
        assertThat(breaches("iom-nord", "reintegration-follow-up")).isEqualTo(1.0);
        assertThat(openTaskKeys(instance)).containsExactly("reintegration-follow-up");
        complete(instance, "reintegration-follow-up", "followUpStatus", "ON_TRACK");
        assertThat(openTaskKeys(instance)).isEmpty();
    }

    @Test
    void a_conclusive_decision_late_by_the_second_jurisdictions_sixty_days_is_a_breach_for_its_competent_authority() {
        ProcessInstance instance = start(nordlandReferral(false, false, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "POSITIVE",
                "recoveryPeriodEndsAt", date(days(45)));
        moveClockTo(days(45));
        runDueJobs(instance);
        assertThat(candidateGroups(instance, "conclusive-grounds-decision")).containsExactly("utlendingsdirektoratet");
        assertThat(task(instance, "conclusive-grounds-decision").getDueDate()).isEqualTo(date(days(105)));
        moveClockTo(days(104));
        runDueJobs(instance);
        assertThat(commands(RecordDeadlineBreach.class)).isEmpty(); // within Nordland's 60 days (the demo's are 90)

        moveClockTo(days(105).plusSeconds(60));
        runDueJobs(instance);

        assertThat(commands(RecordDeadlineBreach.class))
                .containsExactly(new RecordDeadlineBreach("case-1", "conclusive-grounds-decision", days(105)));
        assertThat(notifications()).containsExactly("utlendingsdirektoratet/LEADS/deadline-breach");
        assertThat(breaches("utlendingsdirektoratet", "conclusive-grounds-decision")).isEqualTo(1.0);
        assertThat(openTaskKeys(instance)).containsExactly("conclusive-grounds-decision");
    }

    @Test
    void a_reconsideration_late_by_the_second_jurisdictions_fourteen_days_is_a_breach_for_its_competent_authority() {
        ProcessInstance instance = start(nordlandReferral(false, false, false));
        complete(instance, "reasonable-grounds-decision", "rgOutcome", "NEGATIVE", "negativeDecision",
                "REASONABLE_GROUNDS", "reconsiderationWindowEndsAt", date(days(21)));
        moveClockTo(days(5));
        correlate(instance, "reconsideration-requested");
        assertThat(candidateGroups(instance, "reconsideration-decision")).containsExactly("utlendingsdirektoratet");
        assertThat(task(instance, "reconsideration-decision").getDueDate()).isEqualTo(date(days(19)));

        moveClockTo(days(19).plusSeconds(60));
        runDueJobs(instance);

        assertThat(commands()).containsExactly(new RecordDeadlineBreach("case-1", "reconsideration-decision", days(19)));
        assertThat(notifications()).containsExactly("utlendingsdirektoratet/LEADS/deadline-breach");
        assertThat(breaches("utlendingsdirektoratet", "reconsideration-decision")).isEqualTo(1.0);
        assertThat(openTaskKeys(instance)).containsExactly("reconsideration-decision");
    }

    @Test
    void a_step_the_jurisdiction_gives_nobody_stops_the_process_rather_than_queue_a_task_no_one_sees() {
        MechanismJurisdiction nobodyDecides = new MechanismJurisdiction(new TestJurisdictions.Directory(
                Map.of("politi-nord", Set.of(org.nrm.referral.api.AgencyRole.FIRST_RESPONDER)), Map.of(), Map.of()));
        Mocks.register("jurisdiction", nobodyDecides);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(nordlandReferral(false, false, false)))
                .hasStackTraceContaining("no agency for reasonable-grounds-decision");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey("case-1")
                .count()).isZero();
    }

    static Date at(Instant instant) {
        return Date.from(instant);
    }
}
