package org.nrm.app.web;

import java.util.List;
import org.nrm.projections.support.SupportPlans;
import org.springframework.stereotype.Component;

/**
 * The case page's support plan section (branch support16), read by the template as {@code @supportPlanPages}: the
 * plan's owner, review due, needs and referrals with their state; no free text (notes and reasons are in the
 * timeline). The case page is shown only to whom may see the case. The plan's steps are the API's.
 */
@Component("supportPlanPages")
public class SupportPlanPages {

    /** The plan of a case as the page shows it. */
    public record PlanSection(SupportPlans.Plan plan, List<SupportPlans.Need> needs,
                              List<SupportPlans.Referral> referrals) {
    }

    private final SupportPlans plans;

    SupportPlanPages(SupportPlans plans) {
        this.plans = plans;
    }

    /** The case's plan, or null when none is opened. */
    public PlanSection of(String caseId) {
        return plans.ofCase(caseId).map(plan -> new PlanSection(plan, plans.needs(plan.planId()),
                plans.referralsOfPlan(plan.planId()))).orElse(null);
    }
}
