package org.nrm.referral.model;

/**
 * A step that the case's current state does not allow. The message is written for the case worker who tried it;
 * {@code rule} is a stable name for the rule that was broken (for clients and statistics).
 */
public class CaseRuleViolation extends RuntimeException {

    private final String rule;

    public CaseRuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
