package org.nrm.workflow;

import java.util.Map;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.api.RecordReasonableGroundsDecision;
import org.springframework.stereotype.Component;

/** {@code reasonable-grounds-decision}: POSITIVE or NEGATIVE, always with reasons. */
@Component
class ReasonableGroundsDecision implements TaskDecision {

    @Override
    public TaskKey key() {
        return TaskKey.REASONABLE_GROUNDS_DECISION;
    }

    @Override
    public Object command(String caseId, CompletionInput input) {
        return new RecordReasonableGroundsDecision(caseId, input.requiredEnum("outcome", GroundsOutcome.class),
                input.requiredText("reasons"));
    }

    @Override
    public Map<String, Object> variables(CompletionInput input) {
        return Map.of(MechanismProcess.OUTCOME, input.requiredEnum("outcome", GroundsOutcome.class).name());
    }
}
