package org.nrm.workflow.jurisdiction;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.variable.Variables;
import org.nrm.referral.api.PlacementCandidate;
import org.nrm.referral.api.ShelterGroup;
import org.nrm.referral.api.ShelterType;
import org.nrm.referral.model.ShelterMatching;
import org.nrm.workflow.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * The jurisdiction's matching rule as the decision table {@code bpmn/shelter-admission.dmn} (latest deployed version, {@link LatestDecisions}):
 * injected into the shelter's command handlers, so the verdict is taken inside the placement's own transaction. A
 * jurisdiction changes the table, not the code; the shelter keeps the child-safety floor whatever the table says.
 */
@Component
class DmnShelterMatching implements ShelterMatching {

    static final String DECISION_KEY = "shelter-admission";
    static final String NO_RULE = "shelter-does-not-take-group";

    private final LatestDecisions decisions;

    DmnShelterMatching(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public Admission admit(PlacementCandidate person, ShelterType type, Set<ShelterGroup> groups) {
        // the table reads child, gender and the shelter type under the names the process's variables have
        var inputs = Variables.createVariables()
                .putValue(ProcessVariables.CHILD.name(), person.child())
                .putValue("withFamily", person.withFamily())
                .putValue(ProcessVariables.GENDER.name(), person.gender().name())
                .putValue(ProcessVariables.SHELTER_TYPE.name(), type.name())
                .putValue("shelterGroups", groups.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        DmnDecisionRuleResult first = decisions.evaluate(DECISION_KEY, inputs).getFirstResult();
        if (first == null) {
            return new Admission(false, NO_RULE);
        }
        Object rule = first.getEntry("rule");
        return new Admission(Boolean.TRUE.equals(first.getEntry("admitted")), rule == null ? NO_RULE : rule.toString());
    }
}
