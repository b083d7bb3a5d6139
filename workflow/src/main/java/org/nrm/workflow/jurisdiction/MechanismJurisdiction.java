package org.nrm.workflow.jurisdiction;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nrm.referral.api.AgencyRole;
import org.nrm.workflow.TaskKey;
import org.springframework.stereotype.Component;

/**
 * The jurisdiction as the mechanism's model sees it: whose queue each step lands in and the periods the model itself
 * counts. The model names no agency: a user task's candidate groups are {@code ${jurisdiction.candidates('task-key')}},
 * resolved from the jurisdiction's configuration ({@code nrm.jurisdiction.agencies}: the agencies playing the part
 * that owns the step, or {@code nrm.jurisdiction.task-queues.<responsibility>}: named agencies for one step).
 *
 * <p>Responsibilities are the task keys, plus {@link #CHILD_DURABLE_SOLUTION} (a child's durable solution belongs to
 * child services) and the clocks no task stands for ({@link #PERMIT_RENEWAL}).
 */
@Component("jurisdiction")
public class MechanismJurisdiction {

    /** A child's durable solution: the same task as an adult's, another owner. */
    public static final String CHILD_DURABLE_SOLUTION = "durable-solution-for-a-child";
    /** The renewal of a granted permit (its reminder and its lapse): no task stands for it. */
    public static final String PERMIT_RENEWAL = "residence-permit-renewal";

    /** The part that owns each responsibility when the jurisdiction names no agencies for it. */
    private static final Map<String, AgencyRole> OWNERS = Map.ofEntries(
            Map.entry(TaskKey.AGE_ASSESSMENT.key(), AgencyRole.CHILD_SERVICES),
            Map.entry(TaskKey.GUARDIAN_APPOINTMENT.key(), AgencyRole.CHILD_SERVICES),
            Map.entry(TaskKey.REASONABLE_GROUNDS_DECISION.key(), AgencyRole.COMPETENT_AUTHORITY),
            Map.entry(TaskKey.SHELTER_PLACEMENT.key(), AgencyRole.SHELTER_PROVIDER),
            Map.entry(TaskKey.CONCLUSIVE_GROUNDS_DECISION.key(), AgencyRole.COMPETENT_AUTHORITY),
            Map.entry(TaskKey.RECONSIDERATION_DECISION.key(), AgencyRole.COMPETENT_AUTHORITY),
            Map.entry(TaskKey.RESIDENCE_PERMIT_DECISION.key(), AgencyRole.IMMIGRATION_AUTHORITY),
            Map.entry(TaskKey.DURABLE_SOLUTION.key(), AgencyRole.SHELTER_PROVIDER),
            Map.entry(CHILD_DURABLE_SOLUTION, AgencyRole.CHILD_SERVICES),
            Map.entry(TaskKey.RETURN_RISK_ASSESSMENT.key(), AgencyRole.RETURN_ORGANISATION),
            Map.entry(TaskKey.RETURN_DEPARTURE.key(), AgencyRole.RETURN_ORGANISATION),
            Map.entry(TaskKey.REINTEGRATION_FOLLOW_UP.key(), AgencyRole.RETURN_ORGANISATION),
            Map.entry(TaskKey.CASE_CLOSURE.key(), AgencyRole.COMPETENT_AUTHORITY),
            Map.entry(PERMIT_RENEWAL, AgencyRole.IMMIGRATION_AUTHORITY),
            // reports from the public: a first responder's queue (nrm.jurisdiction.task-queues names the one)
            Map.entry(TaskKey.PUBLIC_REPORT_TRIAGE.key(), AgencyRole.FIRST_RESPONDER),
            Map.entry(TaskKey.ARRIVAL_RECEPTION.key(), AgencyRole.RETURN_ORGANISATION),
            Map.entry(TaskKey.RETURNING_NATIONAL_FOLLOW_UP.key(), AgencyRole.RETURN_ORGANISATION));

    private static final Map<String, Integer> DEFAULT_GRACE_DAYS = Map.of(TaskKey.REINTEGRATION_FOLLOW_UP.key(), 14);

    /**
     * The decisions the model gives a target once their task opens, with the demo's number of days. The domain sets
     * none (a conclusive decision comes after the recovery period, with no fixed target; a reconsideration is
     * requested within its window, its decision has no statutory period): each jurisdiction names its own.
     */
    private static final Map<String, Integer> DEFAULT_TARGET_DAYS = Map.of(
            TaskKey.CONCLUSIVE_GROUNDS_DECISION.key(), 90,
            TaskKey.RECONSIDERATION_DECISION.key(), 30);

    private final AgencyDirectory agencies;

    public MechanismJurisdiction(AgencyDirectory agencies) {
        this.agencies = agencies;
    }

    /** The part that owns {@code responsibility}; unknown responsibilities are a modelling error. */
    public static AgencyRole owner(String responsibility) {
        AgencyRole role = OWNERS.get(responsibility);
        if (role == null) {
            throw new IllegalArgumentException("no owner for the responsibility " + responsibility);
        }
        return role;
    }

    /** The responsibilities the model may name, each with the part that owns it by default. */
    public static Map<String, AgencyRole> owners() {
        return OWNERS;
    }

    /**
     * The agencies whose queue holds {@code responsibility}: those the jurisdiction names for it, else those playing
     * its owning part. Never empty: a step nobody owns would be a task no one ever sees.
     */
    public List<String> candidates(String responsibility) {
        Optional<List<String>> named = agencies.queueOf(responsibility);
        List<String> candidates = named.filter(list -> !list.isEmpty())
                .orElseGet(() -> agencies.playing(owner(responsibility)));
        if (candidates.isEmpty()) {
            throw new IllegalStateException("the jurisdiction has no agency for " + responsibility
                    + " (no agency plays " + owner(responsibility) + ")");
        }
        return candidates;
    }

    /**
     * When a step that fell due at {@code dueAt} is overdue: {@code dueAt} plus the jurisdiction's grace days for
     * {@code responsibility} ({@code nrm.jurisdiction.grace-days}; by default 14 for a reintegration follow-up, whose
     * task opens on the day it falls due, and none otherwise).
     */
    public Date overdueAt(Date dueAt, String responsibility) {
        int days = agencies.graceDays(responsibility).orElse(DEFAULT_GRACE_DAYS.getOrDefault(responsibility, 0));
        return Date.from(dueAt.toInstant().plus(agencies.dayLength().multipliedBy(days)));
    }

    /**
     * When a step that opened at {@code openedAt} is due: {@code openedAt} plus the jurisdiction's target days for
     * {@code responsibility} ({@code nrm.jurisdiction.target-days}; by default 90 for the conclusive-grounds decision,
     * whose task opens when the recovery period is over, and 30 for a reconsideration decision, whose task opens with
     * the request). A step the model gives no target is a modelling error.
     */
    public Date targetAt(Date openedAt, String responsibility) {
        Integer fallback = DEFAULT_TARGET_DAYS.get(responsibility);
        if (fallback == null) {
            throw new IllegalArgumentException("no target for the responsibility " + responsibility);
        }
        int days = agencies.targetDays(responsibility).orElse(fallback);
        return Date.from(openedAt.toInstant().plus(agencies.dayLength().multipliedBy(days)));
    }

    /** The steps the model gives a target once their task opens ({@code nrm.jurisdiction.target-days} keys). */
    public static java.util.Set<String> targetedSteps() {
        return DEFAULT_TARGET_DAYS.keySet();
    }
}
