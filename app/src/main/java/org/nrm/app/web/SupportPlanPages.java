package org.nrm.app.web;

import java.util.Arrays;
import java.util.List;
import org.nrm.app.config.ServiceDirectoryProperties;
import org.nrm.app.security.CaseStepAccess;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.support.SupportPlans;
import org.nrm.referral.api.SupportNeed;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The case page's support plan section, read by the template as {@code @supportPlanPages}: the plan's owner, review
 * due, needs and referrals with their state; no free text (notes and reasons are in the timeline). The case page is
 * shown only to whom may see the case. The plan's forms (open, assess a need, refer a need to a provider of the
 * directory, review) are offered to a support provider acting on the case, the last three only to the plan's owner
 * ({@link SupportPlanForms}); the steps are the API's ({@code SupportSteps}).
 */
@Component("supportPlanPages")
public class SupportPlanPages {

    /** The plan of a case as the page shows it. */
    public record PlanSection(SupportPlans.Plan plan, List<SupportPlans.Need> needs,
                              List<SupportPlans.Referral> referrals) {
    }

    private final SupportPlans plans;
    private final CaseStepAccess steps;
    private final ServiceDirectoryProperties directory;

    SupportPlanPages(SupportPlans plans, CaseStepAccess steps, ServiceDirectoryProperties directory) {
        this.plans = plans;
        this.steps = steps;
        this.directory = directory;
    }

    /** The case's plan, or null when none is opened. */
    public PlanSection of(String caseId) {
        return plans.ofCase(caseId).map(plan -> new PlanSection(plan, plans.needs(plan.planId()),
                plans.referralsOfPlan(plan.planId()))).orElse(null);
    }

    /** The provider agencies the case's plan referred needs to (none without a plan), in the order referred. */
    List<String> referredAgencies(String caseId) {
        return plans.ofCase(caseId).map(plan -> plans.referralsOfPlan(plan.planId()).stream()
                .map(SupportPlans.Referral::providerAgency).filter(java.util.Objects::nonNull).distinct().toList())
                .orElse(List.of());
    }

    /** The provider's name in the directory, or its id when the directory no longer lists it. */
    public String providerName(String providerId) {
        return directory.provider(providerId).map(ServiceDirectoryProperties.ServiceProvider::name)
                .filter(name -> name != null && !name.isBlank()).orElse(providerId);
    }

    /** Which of the plan's forms the user is offered on the case page ({@code acting}: involved in the case). */
    void addTo(Model model, NrmUser user, String caseId, boolean acting) {
        boolean keeper = acting && steps.mayKeepSupportPlan(user);
        var plan = keeper ? plans.ofCase(caseId) : java.util.Optional.<SupportPlans.Plan>empty();
        model.addAttribute("mayOpenPlan", keeper && plan.isEmpty());
        model.addAttribute("mayKeepPlan", plan.map(p -> p.ownerAgency().equals(user.agency())).orElse(false));
        model.addAttribute("supportNeeds", Arrays.stream(SupportNeed.values()).map(Enum::name).toList());
        model.addAttribute("serviceProviders", directory.serviceProviders());
    }
}
