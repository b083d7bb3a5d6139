package org.nrm.referral.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.nrm.referral.api.*;

/**
 * The support plan of one case, owned by a support provider: the person's needs as assessed, each need turned into a
 * service referral to a provider of the jurisdiction's directory, which the provider accepts or declines, delivers and
 * closes; reviews at the jurisdiction's interval. Each broken rule is a named {@link CaseRuleViolation}.
 */
public class SupportPlan {

    @AggregateIdentifier
    private String planId;
    private String caseId;
    private final Set<SupportNeed> needs = EnumSet.noneOf(SupportNeed.class);
    private final Map<String, Referral> referrals = new HashMap<>();

    /** A referral of the plan: its need and where it stands (replaced on each step: a value, as Axon compares). */
    private record Referral(SupportNeed need, ServiceReferralStatus status) {

        Referral to(ServiceReferralStatus next) {
            return new Referral(need, next);
        }
    }

    protected SupportPlan() {
        // for Axon
    }

    @CommandHandler
    public SupportPlan(OpenSupportPlan command, JurisdictionRules rules, Clock clock) {
        if (command.stage() == CaseStage.NOTIFICATION) {
            throw new CaseRuleViolation("not-a-referral",
                    "An anonymous notification takes no support plan until the person consents to the referral.");
        }
        if (command.stage() == CaseStage.CLOSED) {
            throw new CaseRuleViolation("case-closed", "The case is closed; no support plan is opened.");
        }
        Instant now = clock.instant();
        apply(new SupportPlanOpened(command.planId(), command.caseId(), command.ownerAgency(), now,
                rules.daysAfter(now, interval(command.reviewIntervalDays()))));
    }

    @CommandHandler
    public void handle(AssessSupportNeed command, Clock clock) {
        if (command.need() == null) {
            throw new CaseRuleViolation("missing-need", "'need' must be given.");
        }
        if (needs.contains(command.need())) {
            throw new CaseRuleViolation("need-already-assessed", "The need " + command.need()
                    + " is already on the plan.");
        }
        apply(new SupportNeedAssessed(planId, caseId, command.need(), command.notes(), clock.instant()));
    }

    @CommandHandler
    public void handle(ReferForService command, Clock clock) {
        ServiceProviderOffer provider = command.provider();
        if (command.need() == null) {
            throw new CaseRuleViolation("missing-need", "'need' must be given.");
        }
        if (!needs.contains(command.need())) {
            throw new CaseRuleViolation("need-not-assessed", "The need " + command.need()
                    + " has not been assessed on the plan; assess it before referring it.");
        }
        if (provider == null) {
            throw new CaseRuleViolation("unknown-provider", "The provider is not in the jurisdiction's directory.");
        }
        if (provider.services() == null || !provider.services().contains(command.need())) {
            throw new CaseRuleViolation("service-not-offered", "The provider " + provider.providerId()
                    + " does not offer " + command.need() + ".");
        }
        if (command.child() && !provider.takesChildren()) {
            throw new CaseRuleViolation("provider-does-not-take-children", "The person is treated as a child and the "
                    + "provider " + provider.providerId() + " does not take children.");
        }
        boolean open = referrals.values().stream().anyMatch(r -> r.need == command.need()
                && (r.status == ServiceReferralStatus.REFERRED || r.status == ServiceReferralStatus.ACCEPTED));
        if (open) {
            throw new CaseRuleViolation("need-already-referred", "The need " + command.need()
                    + " has an open referral; it is referred again only once that one is declined or closed.");
        }
        if (command.providerAtCapacity()) {
            throw new CaseRuleViolation("provider-at-capacity", "The provider " + provider.providerId()
                    + " has no capacity left for another referral.");
        }
        apply(new ServiceReferred(planId, caseId, command.referralId(), command.need(), provider.providerId(),
                provider.agency(), command.child(), command.sharesPersonalData(),
                command.sharesPersonalData() ? command.note() : null, clock.instant()));
    }

    @CommandHandler
    public void handle(AcceptServiceReferral command, Clock clock) {
        Referral referral = require(command.referralId(), ServiceReferralStatus.REFERRED, "accepted");
        apply(new ServiceReferralAccepted(planId, caseId, command.referralId(), referral.need, clock.instant()));
    }

    @CommandHandler
    public void handle(DeclineServiceReferral command, Clock clock) {
        Referral referral = require(command.referralId(), ServiceReferralStatus.REFERRED, "declined");
        if (command.reason() == null || command.reason().text() == null || command.reason().text().isBlank()) {
            throw new CaseRuleViolation("missing-reason", "A referral is declined with a reason.");
        }
        apply(new ServiceReferralDeclined(planId, caseId, command.referralId(), referral.need, command.reason(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(RecordServiceDelivery command, Clock clock) {
        Referral referral = require(command.referralId(), ServiceReferralStatus.ACCEPTED, "delivered");
        apply(new ServiceDelivered(planId, caseId, command.referralId(), referral.need, command.notes(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(CloseServiceReferral command, Clock clock) {
        Referral referral = referral(command.referralId());
        if (referral.status != ServiceReferralStatus.ACCEPTED && referral.status != ServiceReferralStatus.DELIVERED) {
            throw stateViolation(referral, "closed");
        }
        apply(new ServiceReferralClosed(planId, caseId, command.referralId(), referral.need,
                referral.status == ServiceReferralStatus.DELIVERED, command.notes(), clock.instant()));
    }

    @CommandHandler
    public void handle(ReviewSupportPlan command, JurisdictionRules rules, Clock clock) {
        Instant now = clock.instant();
        apply(new SupportPlanReviewed(planId, caseId, command.notes(), now,
                rules.daysAfter(now, interval(command.reviewIntervalDays()))));
    }

    private static int interval(int days) {
        if (days < 1) {
            throw new CaseRuleViolation("review-interval", "The jurisdiction's review interval must be at least a day.");
        }
        return days;
    }

    private Referral referral(String referralId) {
        Referral referral = referrals.get(referralId);
        if (referral == null) {
            throw new CaseRuleViolation("unknown-referral", "The plan has no referral " + referralId + ".");
        }
        return referral;
    }

    private Referral require(String referralId, ServiceReferralStatus expected, String step) {
        Referral referral = referral(referralId);
        if (referral.status != expected) {
            throw stateViolation(referral, step);
        }
        return referral;
    }

    private static CaseRuleViolation stateViolation(Referral referral, String step) {
        return new CaseRuleViolation("referral-" + referral.status.name().toLowerCase(java.util.Locale.ROOT),
                "The referral is " + referral.status.name().toLowerCase(java.util.Locale.ROOT) + "; it cannot be "
                        + step + " now.");
    }

    @EventSourcingHandler
    void on(SupportPlanOpened event) {
        planId = event.planId();
        caseId = event.caseId();
    }

    @EventSourcingHandler
    void on(SupportNeedAssessed event) {
        needs.add(event.need());
    }

    @EventSourcingHandler
    void on(ServiceReferred event) {
        referrals.put(event.referralId(), new Referral(event.need(), ServiceReferralStatus.REFERRED));
    }

    @EventSourcingHandler
    void on(ServiceReferralAccepted event) {
        referrals.computeIfPresent(event.referralId(), (id, r) -> r.to(ServiceReferralStatus.ACCEPTED));
    }

    @EventSourcingHandler
    void on(ServiceReferralDeclined event) {
        referrals.computeIfPresent(event.referralId(), (id, r) -> r.to(ServiceReferralStatus.DECLINED));
    }

    @EventSourcingHandler
    void on(ServiceDelivered event) {
        referrals.computeIfPresent(event.referralId(), (id, r) -> r.to(ServiceReferralStatus.DELIVERED));
    }

    @EventSourcingHandler
    void on(ServiceReferralClosed event) {
        referrals.computeIfPresent(event.referralId(), (id, r) -> r.to(ServiceReferralStatus.CLOSED));
    }
}
