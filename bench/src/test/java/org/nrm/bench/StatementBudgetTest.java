package org.nrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statement budget of issue #19 is reported as a distance from the target, over or under, never asserted. */
class StatementBudgetTest {

    @Test
    void a_step_above_its_budget_is_reported_over_it_with_the_ratio() {
        assertThat(Bench.budgetLine(67.24, Bench.REFERRAL_STATEMENT_BUDGET))
                .isEqualTo("67.2 per step vs <= 25: 42.2 over budget (2.69 x)");
    }

    @Test
    void a_step_within_its_budget_is_reported_under_it() {
        assertThat(Bench.budgetLine(42, Bench.DECISION_STATEMENT_BUDGET))
                .isEqualTo("42.0 per step vs <= 50: 8.0 under budget");
    }
}
