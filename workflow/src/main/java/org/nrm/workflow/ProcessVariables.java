package org.nrm.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.nrm.referral.api.Deadlines;

/**
 * Every variable the engine's processes carry, declared once, typed, in the manner of holunda-io camunda-bpm-data's
 * {@code VariableFactory}: code reads and writes a variable through its declaration ({@code CHILD.from(execution)},
 * {@code CASE_ID.put(variables, id)}), never through its name; the models name them in their expressions. No other
 * class of the platform holds a variable's name ({@code ProcessVariablesDeclaredOnceTest}), and the domain holds none:
 * it names its deadlines ({@link Deadlines.Deadline}), mapped to their timers' variables here.
 *
 * <p>The process carries only what its gateways, timers and service tasks read: the case id and the facts that
 * route (issue #19). Who the person is, what was decided and why are the case's events and views, read when a task
 * needs them. A task's outcome that only routes the gateway right after the task is <em>transient</em>: the gateway
 * reads it in the completion's transaction and the engine never writes it. Process variables never hold personal
 * data (the engine's tables are readable by administrators).
 */
public final class ProcessVariables {

    private static final List<Variable<?>> ALL = new ArrayList<>();

    /** A process variable: its name, its type, and whether the engine keeps it past the transaction that set it. */
    public static final class Variable<T> {
        private final String name;
        private final Class<T> type;
        private final boolean transientValue;

        private Variable(String name, Class<T> type, boolean transientValue) {
            this.name = name;
            this.type = type;
            this.transientValue = transientValue;
        }

        public String name() {
            return name;
        }

        public Class<T> type() {
            return type;
        }

        /** Set for the transaction that completes a task only (the gateway after the task reads it). */
        public boolean isTransient() {
            return transientValue;
        }

        /** The value in {@code scope} (an execution, a task), null when not set. */
        public T from(VariableScope scope) {
            return type.cast(scope.getVariable(name));
        }

        /** The value in a map of variables (the variables of a task, read at once, or a map being filled). */
        public T from(Map<String, ?> variables) {
            Object value = variables.get(name);
            return type.cast(value instanceof TypedValue typed ? typed.getValue() : value);
        }

        /** Whether the variable is {@code true} in {@code variables} (for a flag). */
        public boolean isSetIn(Map<String, ?> variables) {
            return Boolean.TRUE.equals(variables.get(name));
        }

        public void on(VariableScope scope, T value) {
            scope.setVariable(name, value(value));
        }

        /** Adds the value to {@code variables} (to start a process, complete a task, correlate a message). */
        public Map<String, Object> put(Map<String, Object> variables, T value) {
            variables.put(name, value(value));
            return variables;
        }

        private Object value(T value) {
            return transientValue ? Variables.untypedValue(value, true) : value;
        }

        @Override
        public String toString() {
            return name + (transientValue ? " (transient " : " (") + type.getSimpleName() + ")";
        }
    }

    private static <T> Variable<T> variable(String name, Class<T> type) {
        return declare(new Variable<>(name, type, false));
    }

    private static Variable<String> transientString(String name) {
        return declare(new Variable<>(name, String.class, true));
    }

    private static <T> Variable<T> declare(Variable<T> variable) {
        ALL.add(variable);
        return variable;
    }

    // ---- set when the process starts: the case and the facts its gateways read
    public static final Variable<String> CASE_ID = variable("caseId", String.class);
    /** An anonymous notification (waits for consent) rather than a referral. */
    public static final Variable<Boolean> NOTIFICATION = variable("notification", Boolean.class);
    public static final Variable<Boolean> CHILD = variable("child", Boolean.class);
    public static final Variable<Boolean> AGE_UNCERTAIN = variable("ageUncertain", Boolean.class);
    public static final Variable<Boolean> FOREIGN_NATIONAL = variable("foreignNational", Boolean.class);
    public static final Variable<Boolean> NEEDS_ACCOMMODATION = variable("needsAccommodation", Boolean.class);
    /** The DMN shelter-type's input and the placement rule's (a category, never personal text). */
    public static final Variable<String> GENDER = variable("gender", String.class);
    /** The first citizenship: the country a voluntary return goes to. */
    public static final Variable<String> COUNTRY_OF_RETURN = variable("countryOfReturn", String.class);

    // ---- the timers' and due dates' instants, from the domain's events
    public static final Variable<Date> REASONABLE_GROUNDS_DUE_AT = variable("reasonableGroundsDueAt", Date.class);
    public static final Variable<Date> GUARDIAN_DUE_AT = variable("guardianDueAt", Date.class);
    public static final Variable<Date> RECOVERY_PERIOD_ENDS_AT = variable("recoveryPeriodEndsAt", Date.class);
    public static final Variable<Date> RECONSIDERATION_WINDOW_ENDS_AT =
            variable("reconsiderationWindowEndsAt", Date.class);
    public static final Variable<Date> MOVE_ON_SUPPORT_ENDS_AT = variable("moveOnSupportEndsAt", Date.class);
    public static final Variable<Date> PERMIT_REMINDER_AT = variable("permitReminderAt", Date.class);
    public static final Variable<Date> PERMIT_VALID_UNTIL = variable("permitValidUntil", Date.class);
    /** The due dates of the reintegration follow-ups not yet done (joined instants, {@code MechanismDates}). */
    public static final Variable<String> FOLLOW_UPS_DUE_AT = variable("followUpsDueAt", String.class);
    /** One follow-up's due date: the multi-instance element variable. */
    public static final Variable<Date> FOLLOW_UP_DUE_AT = variable("followUpDueAt", Date.class);
    /** A report from the public: its triage's due date (public-report-triage.bpmn). */
    public static final Variable<Date> TRIAGE_DUE_AT = variable("triageDueAt", Date.class);

    // ---- set by the mechanism's own steps
    public static final Variable<String> PERMIT_APPLICATION_ID = variable("permitApplicationId", String.class);
    public static final Variable<String> RETURN_ID = variable("returnId", String.class);
    /** The DMN shelter-type's result, the shelter placement's queue detail. */
    public static final Variable<String> SHELTER_TYPE = variable("shelterType", String.class);
    public static final Variable<Boolean> RECOVERY_PERIOD_ENDED = variable("recoveryPeriodEnded", Boolean.class);
    /** Which decision a reconsideration reconsiders (REASONABLE_GROUNDS, CONCLUSIVE_GROUNDS): set by a negative one. */
    public static final Variable<String> NEGATIVE_DECISION = variable("negativeDecision", String.class);

    // ---- a task's outcome, read by the gateway right after the task: transient
    public static final Variable<String> AGE_ASSESSMENT = transientString("ageAssessment");
    public static final Variable<String> RG_OUTCOME = transientString("rgOutcome");
    public static final Variable<String> CG_OUTCOME = transientString("cgOutcome");
    public static final Variable<String> RECONSIDERATION_OUTCOME = transientString("reconsiderationOutcome");
    public static final Variable<String> PERMIT_DECISION = transientString("permitDecision");
    public static final Variable<String> SHELTER_OUTCOME = transientString("shelterOutcome");
    public static final Variable<String> DURABLE_SOLUTION = transientString("durableSolution");
    public static final Variable<String> RETURN_RISK = transientString("returnRisk");
    public static final Variable<String> FOLLOW_UP_STATUS = transientString("followUpStatus");
    public static final Variable<String> TRIAGE_OUTCOME = transientString("triageOutcome");

    // ---- local to a service task (its input parameters in the model)
    public static final Variable<String> TASK_KEY = variable("taskKey", String.class);
    public static final Variable<Date> DUE_AT = variable("dueAt", Date.class);

    // ---- the correlation process (domain-event-correlation.bpmn): a domain event on its way to the case's process
    public static final Variable<String> TARGET_CASE_ID = variable("targetCaseId", String.class);
    public static final Variable<String> MESSAGE = variable("message", String.class);
    public static final Variable<String> EVENT_ID = variable("eventId", String.class);
    /** The prefix of the variables the correlation hands to the message's receiver. */
    public static final String CORRELATED_VARIABLE_PREFIX = "var_";

    /** The timer variable of each of the domain's deadlines a command returns. */
    private static final Map<Deadlines.Deadline, Variable<Date>> DEADLINES = new EnumMap<>(Map.of(
            Deadlines.Deadline.REASONABLE_GROUNDS_DUE, REASONABLE_GROUNDS_DUE_AT,
            Deadlines.Deadline.RECOVERY_PERIOD_ENDS, RECOVERY_PERIOD_ENDS_AT,
            Deadlines.Deadline.RECONSIDERATION_WINDOW_ENDS, RECONSIDERATION_WINDOW_ENDS_AT,
            Deadlines.Deadline.MOVE_ON_SUPPORT_ENDS, MOVE_ON_SUPPORT_ENDS_AT,
            Deadlines.Deadline.PERMIT_REMINDER, PERMIT_REMINDER_AT,
            Deadlines.Deadline.PERMIT_VALID_UNTIL, PERMIT_VALID_UNTIL));

    private ProcessVariables() {
    }

    /**
     * Whether the engine's history keeps a variable of the mechanism's instance (LeanHistory): what the reopening of
     * a closed case restores from its last instance. Not the ones the reopening sets from its own event whatever the
     * last instance held (the case id, whether the person is a child, whether the case was a notification).
     */
    public static boolean restoredOnReopening(String name) {
        return !CASE_ID.name.equals(name) && !CHILD.name.equals(name) && !NOTIFICATION.name.equals(name);
    }

    /** Every declared variable. */
    public static List<Variable<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** A fresh, mutable map of variables to fill with {@link Variable#put}. */
    public static Map<String, Object> variables() {
        return new LinkedHashMap<>();
    }

    /** A fresh, mutable map of variables holding one. */
    public static <T> Map<String, Object> of(Variable<T> variable, T value) {
        return variable.put(variables(), value);
    }

    /**
     * {@code variables} as an instance can take them: a transient outcome the instance already holds as a stored
     * variable (an instance started before the outcome became transient) is stored again, since the engine refuses
     * to shadow a stored variable with a transient one.
     */
    public static Map<String, Object> storedWhereStored(Map<String, Object> variables, Map<String, ?> stored) {
        Map<String, Object> result = new LinkedHashMap<>(variables);
        result.replaceAll((name, value) -> value instanceof TypedValue typed && typed.isTransient()
                && stored.containsKey(name) ? typed.getValue() : value);
        return result;
    }

    /**
     * Adds the deadlines a command returned, as the dates the model's timers read (a deadline the process has no timer
     * for, such as the moment move-on support ended, is not a variable).
     */
    public static Map<String, Object> withDeadlines(Map<String, Object> variables, Object result) {
        if (result instanceof Deadlines deadlines) {
            deadlines.at().forEach((deadline, instant) -> {
                Variable<Date> variable = DEADLINES.get(deadline);
                if (variable != null) {
                    variable.put(variables, Date.from(instant));
                }
            });
            if (!deadlines.followUps().isEmpty()) {
                FOLLOW_UPS_DUE_AT.put(variables, MechanismDates.join(deadlines.followUps()));
            }
        }
        return variables;
    }

    /** The variable a deadline's timer reads, if the process has one. */
    public static Variable<Date> timerOf(Deadlines.Deadline deadline) {
        return DEADLINES.get(deadline);
    }
}
