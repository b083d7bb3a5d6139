package org.nrm.app.supportplan;

import java.util.Optional;
import java.util.UUID;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.config.ServiceDirectoryProperties;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseView;
import org.nrm.projections.cases.CaseViews;
import org.nrm.projections.consent.CaseConsents;
import org.nrm.projections.support.SupportPlans;
import org.nrm.referral.api.AcceptServiceReferral;
import org.nrm.referral.api.AssessSupportNeed;
import org.nrm.referral.api.CaseStage;
import org.nrm.referral.api.CloseServiceReferral;
import org.nrm.referral.api.ConsentScope;
import org.nrm.referral.api.DeclineServiceReferral;
import org.nrm.referral.api.OpenSupportPlan;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.RecordServiceDelivery;
import org.nrm.referral.api.ReferForService;
import org.nrm.referral.api.ReviewSupportPlan;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.workflow.CommandSender;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of a support plan and its service referrals, each one command in one transaction (the views are written
 * in it: subscribing projection). The plan belongs to the support provider that opened it; a referral to the provider's
 * agency. Who may call, and on which case, is checked before (security chain, then the controller's 404).
 */
@Service
public class SupportSteps {

    private final CommandSender commands;
    private final SupportPlans plans;
    private final CaseViews views;
    private final CaseConsents consents;
    private final ServiceDirectoryProperties directory;
    private final JdbcTemplate jdbc;

    public SupportSteps(CommandSender commands, SupportPlans plans, CaseViews views, CaseConsents consents,
                        ServiceDirectoryProperties directory, JurisdictionProperties jurisdiction, JdbcTemplate jdbc) {
        this.commands = commands;
        this.plans = plans;
        this.views = views;
        this.consents = consents;
        this.directory = directory;
        this.jdbc = jdbc;
        for (var provider : directory.serviceProviders()) {
            if (!jurisdiction.agencies().containsKey(provider.agency())) {
                throw new IllegalStateException("nrm.jurisdiction.service-providers: the agency " + provider.agency()
                        + " of provider " + provider.id() + " is not under nrm.jurisdiction.agencies");
            }
        }
    }

    /** The plan's id: one plan per case. */
    public static String planIdOf(String caseId) {
        return "support-plan:" + caseId;
    }

    @Transactional
    public SupportPlans.Plan open(String caseId, NrmUser user) {
        String planId = planIdOf(caseId);
        lock("aggregate:" + planId);
        if (plans.ofCase(caseId).isPresent()) {
            throw new CaseRuleViolation("support-plan-exists", "The case already has a support plan.");
        }
        CaseStage stage = views.find(caseId).map(CaseView::stage).map(CaseStage::valueOf).orElse(null);
        commands.send(new OpenSupportPlan(planId, caseId, user.agency(), stage, directory.supportPlanReviewDays()),
                user.actor());
        return plans.ofCase(caseId).orElseThrow();
    }

    @Transactional
    public void assessNeed(String caseId, SupportRequests.Need request, NrmUser user) {
        SupportPlans.Plan plan = ownPlan(caseId, user);
        commands.send(new AssessSupportNeed(plan.planId(), request.need(), text(request.notes())), user.actor());
    }

    /** The referral's id; the provider must be of the directory (checked by the caller: 400 naming providerId). */
    @Transactional
    public String refer(String caseId, SupportRequests.Referral request, ServiceDirectoryProperties.ServiceProvider
            provider, NrmUser user) {
        SupportPlans.Plan plan = ownPlan(caseId, user);
        // referrals to one provider take turns, so two plans cannot both take its last place
        lock("service-provider:" + provider.id());
        boolean atCapacity = provider.capacity() > 0 && plans.openReferralsOf(provider.id()) >= provider.capacity();
        boolean child = views.find(caseId).map(CaseView::child).orElse(false);
        boolean shares = sharesWith(caseId, provider.agency());
        String referralId = UUID.randomUUID().toString();
        commands.send(new ReferForService(plan.planId(), referralId, request.need(), provider.offer(), child, shares,
                atCapacity, text(request.note())), user.actor());
        return referralId;
    }

    @Transactional
    public void review(String caseId, SupportRequests.Review request, NrmUser user) {
        SupportPlans.Plan plan = ownPlan(caseId, user);
        commands.send(new ReviewSupportPlan(plan.planId(), text(request == null ? null : request.notes()),
                directory.supportPlanReviewDays()), user.actor());
    }

    @Transactional
    public void accept(SupportPlans.Referral referral, NrmUser user) {
        commands.send(new AcceptServiceReferral(referral.planId(), referral.referralId()), user.actor());
    }

    @Transactional
    public void decline(SupportPlans.Referral referral, SupportRequests.Decline request, NrmUser user) {
        commands.send(new DeclineServiceReferral(referral.planId(), referral.referralId(),
                text(request.reason())), user.actor());
    }

    @Transactional
    public void deliver(SupportPlans.Referral referral, SupportRequests.Notes request, NrmUser user) {
        commands.send(new RecordServiceDelivery(referral.planId(), referral.referralId(),
                text(request == null ? null : request.notes())), user.actor());
    }

    @Transactional
    public void close(SupportPlans.Referral referral, SupportRequests.Notes request, NrmUser user) {
        commands.send(new CloseServiceReferral(referral.planId(), referral.referralId(),
                text(request == null ? null : request.notes())), user.actor());
    }

    /** Whether the person's consent to share data with the agency is in force now. */
    public boolean sharesWith(String caseId, String agency) {
        return consents.of(caseId).stream().anyMatch(c -> c.inForce()
                && ConsentScope.DATA_SHARING.name().equals(c.scope()) && agency.equals(c.agency()));
    }

    public Optional<SupportPlans.Plan> plan(String caseId) {
        return plans.ofCase(caseId);
    }

    private SupportPlans.Plan ownPlan(String caseId, NrmUser user) {
        SupportPlans.Plan plan = plans.ofCase(caseId).orElseThrow(() -> new CaseRuleViolation("no-support-plan",
                "The case has no support plan; the support provider opens one first."));
        if (!plan.ownerAgency().equals(user.agency())) {
            throw new CaseRuleViolation("not-the-plan-owner", "The support plan belongs to " + plan.ownerAgency()
                    + "; only its staff change it.");
        }
        return plan;
    }

    private void lock(String key) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> { }, key);
    }

    private static PersonalText text(String value) {
        return value == null || value.isBlank() ? null : PersonalText.of(value.strip());
    }
}
