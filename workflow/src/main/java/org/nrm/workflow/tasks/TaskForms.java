package org.nrm.workflow.tasks;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nrm.referral.api.AgeAssessmentOutcome;
import org.nrm.referral.api.ClosureCategory;
import org.nrm.referral.api.DurableSolution;
import org.nrm.referral.api.FollowUpStatus;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.api.PermitGround;
import org.nrm.referral.api.ReconsiderationOutcome;
import org.nrm.referral.api.ReturnRisk;
import org.nrm.workflow.TaskKey;

/**
 * What each task key's decision takes, as a form can offer it: the outcomes of the public contract and, per outcome,
 * the fields {@link TaskDecisions} reads (required or optional). The values come from the same domain enums the
 * decisions parse, so a form can offer nothing the completion would refuse for its shape.
 */
public final class TaskForms {

    /** How a field is entered. */
    public enum FieldType { TEXT, LONG_TEXT, CHOICE, DATE }

    /** One field of a decision; {@code choices} for {@link FieldType#CHOICE}. */
    public record Field(String name, FieldType type, boolean required, List<String> choices) {

        static Field text(String name, boolean required) {
            return new Field(name, FieldType.TEXT, required, List.of());
        }

        static Field longText(String name, boolean required) {
            return new Field(name, FieldType.LONG_TEXT, required, List.of());
        }

        static Field choice(String name, boolean required, Enum<?>[] values) {
            return new Field(name, FieldType.CHOICE, required, names(values));
        }

        static Field date(String name, boolean required) {
            return new Field(name, FieldType.DATE, required, List.of());
        }
    }

    /** One outcome and the fields it takes. */
    public record Outcome(String value, List<Field> fields) {
    }

    /** The decision form of a task key; {@code shelterChoice} when the outcome names a shelter. */
    public record Form(TaskKey key, List<Outcome> outcomes) {

        /** Every field of every outcome, once each, in order (a form lays them out together). */
        public List<Field> fields() {
            var seen = new java.util.LinkedHashMap<String, Field>();
            outcomes.forEach(o -> o.fields().forEach(f -> seen.putIfAbsent(f.name(), f)));
            return List.copyOf(seen.values());
        }
    }

    private static final Map<TaskKey, Form> FORMS = new EnumMap<>(TaskKey.class);

    static {
        put(TaskKey.AGE_ASSESSMENT, outcomes(AgeAssessmentOutcome.values()));
        put(TaskKey.GUARDIAN_APPOINTMENT, List.of(new Outcome("APPOINTED", List.of(Field.text("guardianName", true)))));
        put(TaskKey.REASONABLE_GROUNDS_DECISION, outcomes(GroundsOutcome.values(), Field.longText("reasons", true)));
        put(TaskKey.SHELTER_PLACEMENT, List.of(new Outcome("PLACED", List.of(Field.text("shelterId", true))),
                new Outcome("DECLINED", List.of())));
        put(TaskKey.CONCLUSIVE_GROUNDS_DECISION, outcomes(GroundsOutcome.values(), Field.longText("reasons", true)));
        put(TaskKey.RECONSIDERATION_DECISION, outcomes(ReconsiderationOutcome.values(),
                Field.longText("reasons", false)));
        put(TaskKey.RESIDENCE_PERMIT_DECISION, List.of(
                new Outcome("GRANTED", List.of(Field.choice("ground", true, PermitGround.values()),
                        Field.date("validUntil", true))),
                new Outcome("REFUSED", List.of(Field.longText("reasons", false)))));
        // a child's durable solution also needs the best-interests assessment (TaskDecisions checks it)
        put(TaskKey.DURABLE_SOLUTION, outcomes(DurableSolution.values(),
                Field.longText("bestInterestsAssessment", false)));
        put(TaskKey.RETURN_RISK_ASSESSMENT, outcomes(ReturnRisk.values(), Field.longText("notes", false)));
        put(TaskKey.RETURN_DEPARTURE, List.of(new Outcome("DEPARTED",
                List.of(Field.text("receivingOrganisation", true)))));
        put(TaskKey.REINTEGRATION_FOLLOW_UP, outcomes(FollowUpStatus.values(), Field.longText("notes", false)));
        put(TaskKey.CASE_CLOSURE, List.of(new Outcome("CLOSED", List.of(
                Field.choice("category", false, ClosureCategory.values()), Field.longText("reason", true)))));
        // a report turned into a referral goes through POST /api/reports/{id}/referral (it takes a referral's body)
        put(TaskKey.PUBLIC_REPORT_TRIAGE, List.of(new Outcome("DISMISSED", List.of(Field.longText("reason", true))),
                new Outcome("DUPLICATE", List.of(Field.text("duplicateOf", true)))));
        put(TaskKey.ARRIVAL_RECEPTION, List.of(new Outcome("MET", List.of(Field.text("metBy", true),
                Field.text("place", true), Field.date("metAt", true)))));
        put(TaskKey.RETURNING_NATIONAL_FOLLOW_UP, outcomes(FollowUpStatus.values(), Field.longText("notes", false)));
    }

    private TaskForms() {
    }

    /** The form of a task key (every key of the contract has one). */
    public static Form of(TaskKey key) {
        return FORMS.get(key);
    }

    private static void put(TaskKey key, List<Outcome> outcomes) {
        FORMS.put(key, new Form(key, List.copyOf(outcomes)));
    }

    private static List<Outcome> outcomes(Enum<?>[] values, Field... fields) {
        return Arrays.stream(values).map(v -> new Outcome(v.name(), List.of(fields))).toList();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
