package org.nrm.workflow.tasks;

import java.util.Map;
import org.nrm.referral.api.*;
import org.nrm.referral.model.JurisdictionRules;
import org.nrm.workflow.ProcessVariables;
import org.nrm.workflow.TaskKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every task key of the public contract, with its outcomes and fields, mapped to the command it sends. A decision that
 * needs a field names it when it is missing (400); the domain's rules answer the rest (409).
 */
@Configuration(proxyBeanMethods = false)
class TaskDecisions {

    private static final String OUTCOME = "outcome";

    private interface Command {
        Object of(TaskContext task, CompletionInput input);
    }

    private interface Variables {
        Map<String, Object> of(CompletionInput input, Object result);
    }

    private static TaskDecision decision(TaskKey key, Command command, Variables variables) {
        return new TaskDecision() {
            @Override
            public TaskKey key() {
                return key;
            }

            @Override
            public Object command(TaskContext task, CompletionInput input) {
                return command.of(task, input);
            }

            @Override
            public Map<String, Object> variables(CompletionInput input, Object result) {
                return variables.of(input, result);
            }
        };
    }

    /** A grounds decision's outcome (transient: the gateway after the task routes on it) and, when negative, which
     * decision a reconsideration would reconsider (kept: the reconsideration's gateway reads it later). */
    private static Map<String, Object> outcome(ProcessVariables.Variable<String> variable, GroundsOutcome outcome,
                                               DecisionKind kind) {
        Map<String, Object> variables = ProcessVariables.of(variable, outcome.name());
        if (outcome != GroundsOutcome.POSITIVE) {
            ProcessVariables.NEGATIVE_DECISION.put(variables, kind.name());
        }
        return variables;
    }

    @Bean
    TaskDecision ageAssessment() {
        return decision(TaskKey.AGE_ASSESSMENT,
                (task, in) -> new RecordAgeAssessment(task.caseId(), in.requiredEnum(OUTCOME, AgeAssessmentOutcome.class)),
                (in, result) -> {
                    var outcome = in.requiredEnum(OUTCOME, AgeAssessmentOutcome.class);
                    return ProcessVariables.CHILD.put(ProcessVariables.of(ProcessVariables.AGE_ASSESSMENT,
                            outcome.name()), outcome == AgeAssessmentOutcome.CHILD);
                });
    }

    @Bean
    TaskDecision guardianAppointment() {
        return decision(TaskKey.GUARDIAN_APPOINTMENT,
                (task, in) -> {
                    in.requiredValue(OUTCOME, "APPOINTED");
                    return new AppointGuardian(task.caseId(), new GuardianDetails(in.requiredText("guardianName")));
                },
                (in, result) -> ProcessVariables.variables());
    }

    @Bean
    TaskDecision reasonableGroundsDecision() {
        return decision(TaskKey.REASONABLE_GROUNDS_DECISION,
                (task, in) -> new RecordReasonableGroundsDecision(task.caseId(),
                        in.requiredEnum(OUTCOME, GroundsOutcome.class), in.requiredText("reasons")),
                (in, result) -> ProcessVariables.withDeadlines(outcome(ProcessVariables.RG_OUTCOME,
                        in.requiredEnum(OUTCOME, GroundsOutcome.class), DecisionKind.REASONABLE_GROUNDS), result));
    }

    @Bean
    TaskDecision shelterPlacement() {
        enum Placement { PLACED, DECLINED }
        return decision(TaskKey.SHELTER_PLACEMENT,
                (task, in) -> in.requiredEnum(OUTCOME, Placement.class) == Placement.PLACED
                        ? PlacementInput.placement(task, in)
                        : new DeclineAccommodation(task.caseId()),
                (in, result) -> ProcessVariables.of(ProcessVariables.SHELTER_OUTCOME,
                        in.requiredEnum(OUTCOME, Placement.class).name()));
    }

    @Bean
    TaskDecision conclusiveGroundsDecision() {
        return decision(TaskKey.CONCLUSIVE_GROUNDS_DECISION,
                (task, in) -> new RecordConclusiveGroundsDecision(task.caseId(),
                        in.requiredEnum(OUTCOME, GroundsOutcome.class), in.requiredText("reasons")),
                (in, result) -> ProcessVariables.withDeadlines(outcome(ProcessVariables.CG_OUTCOME,
                        in.requiredEnum(OUTCOME, GroundsOutcome.class), DecisionKind.CONCLUSIVE_GROUNDS), result));
    }

    @Bean
    TaskDecision reconsiderationDecision() {
        return decision(TaskKey.RECONSIDERATION_DECISION,
                (task, in) -> new RecordReconsiderationDecision(task.caseId(),
                        in.requiredEnum(OUTCOME, ReconsiderationOutcome.class), in.optionalText("reasons")),
                (in, result) -> ProcessVariables.withDeadlines(ProcessVariables.of(ProcessVariables.RECONSIDERATION_OUTCOME,
                        in.requiredEnum(OUTCOME, ReconsiderationOutcome.class).name()), result));
    }

    @Bean
    TaskDecision residencePermitDecision(JurisdictionRules rules) {
        enum PermitDecision { GRANTED, REFUSED }
        return decision(TaskKey.RESIDENCE_PERMIT_DECISION,
                (task, in) -> {
                    String applicationId = task.variable(ProcessVariables.PERMIT_APPLICATION_ID);
                    return in.requiredEnum(OUTCOME, PermitDecision.class) == PermitDecision.GRANTED
                            ? new GrantResidencePermit(applicationId, in.requiredEnum("ground", PermitGround.class),
                                    in.requiredMoment("validUntil", rules.zone()))
                            : new RefuseResidencePermit(applicationId, in.optionalText("reasons"));
                },
                (in, result) -> ProcessVariables.withDeadlines(ProcessVariables.of(ProcessVariables.PERMIT_DECISION,
                        in.requiredEnum(OUTCOME, PermitDecision.class).name()), result));
    }

    @Bean
    TaskDecision durableSolution() {
        return decision(TaskKey.DURABLE_SOLUTION,
                (task, in) -> {
                    var solution = in.requiredEnum(OUTCOME, DurableSolution.class);
                    String assessment = task.flag(ProcessVariables.CHILD)
                            ? in.requiredText("bestInterestsAssessment") : in.optionalText("bestInterestsAssessment");
                    return new ChooseDurableSolution(task.caseId(), solution,
                            assessment == null ? null : new PersonalText(assessment));
                },
                (in, result) -> ProcessVariables.of(ProcessVariables.DURABLE_SOLUTION,
                        in.requiredEnum(OUTCOME, DurableSolution.class).name()));
    }

    @Bean
    TaskDecision returnRiskAssessment() {
        return decision(TaskKey.RETURN_RISK_ASSESSMENT,
                (task, in) -> new AssessReturnRisk(task.variable(ProcessVariables.RETURN_ID),
                        in.requiredEnum(OUTCOME, ReturnRisk.class), in.optionalText("notes")),
                (in, result) -> ProcessVariables.of(ProcessVariables.RETURN_RISK,
                        in.requiredEnum(OUTCOME, ReturnRisk.class).name()));
    }

    @Bean
    TaskDecision returnDeparture() {
        return decision(TaskKey.RETURN_DEPARTURE,
                (task, in) -> {
                    in.requiredValue(OUTCOME, "DEPARTED");
                    return new RecordDeparture(task.variable(ProcessVariables.RETURN_ID),
                            in.requiredText("receivingOrganisation"));
                },
                (in, result) -> ProcessVariables.withDeadlines(ProcessVariables.variables(), result));
    }

    @Bean
    TaskDecision reintegrationFollowUp() {
        return decision(TaskKey.REINTEGRATION_FOLLOW_UP,
                (task, in) -> new RecordReintegrationFollowUp(task.variable(ProcessVariables.RETURN_ID),
                        in.requiredEnum(OUTCOME, FollowUpStatus.class), in.optionalText("notes")),
                (in, result) -> ProcessVariables.of(ProcessVariables.FOLLOW_UP_STATUS,
                        in.requiredEnum(OUTCOME, FollowUpStatus.class).name()));
    }

    @Bean
    TaskDecision caseClosure() {
        return decision(TaskKey.CASE_CLOSURE,
                (task, in) -> {
                    in.requiredValue(OUTCOME, "CLOSED");
                    var category = in.optionalEnum("category", ClosureCategory.class);
                    return new CloseCase(task.caseId(), category == null ? ClosureCategory.OTHER : category,
                            in.requiredText("reason"));
                },
                (in, result) -> ProcessVariables.variables());
    }

    /**
     * Triage of a report from the public (model public-report-triage; the task's case id is the report's id):
     * dismissed with a reason, or merged into an earlier report as its duplicate. Turning it into a referral takes a
     * referral's body and goes through {@code POST /api/reports/{id}/referral} ({@link TaskCompletionService#completeWith}).
     */
    @Bean
    TaskDecision publicReportTriage() {
        enum Triage { DISMISSED, DUPLICATE }
        return decision(TaskKey.PUBLIC_REPORT_TRIAGE,
                (task, in) -> in.requiredEnum(OUTCOME, Triage.class) == Triage.DISMISSED
                        ? new DismissPublicReport(task.caseId(), in.requiredText("reason"))
                        : new MergePublicReport(task.caseId(), in.requiredText("duplicateOf")),
                (in, result) -> ProcessVariables.of(ProcessVariables.TRIAGE_OUTCOME,
                        in.requiredEnum(OUTCOME, Triage.class).name()));
    }

    @Bean
    TaskDecision arrivalReception(JurisdictionRules rules) {
        return decision(TaskKey.ARRIVAL_RECEPTION,
                (task, in) -> {
                    in.requiredValue(OUTCOME, "MET");
                    return new RecordArrivalReception(task.caseId(), new PersonalText(in.requiredText("metBy")),
                            new PersonalText(in.requiredText("place")), in.requiredMoment("metAt", rules.zone()));
                },
                (in, result) -> ProcessVariables.variables());
    }

    @Bean
    TaskDecision returningNationalFollowUp() {
        return decision(TaskKey.RETURNING_NATIONAL_FOLLOW_UP,
                (task, in) -> {
                    String notes = in.optionalText("notes");
                    return new RecordReturningNationalFollowUp(task.caseId(),
                            in.requiredEnum(OUTCOME, FollowUpStatus.class),
                            notes == null ? null : new PersonalText(notes));
                },
                (in, result) -> ProcessVariables.of(ProcessVariables.FOLLOW_UP_STATUS,
                        in.requiredEnum(OUTCOME, FollowUpStatus.class).name()));
    }
}
