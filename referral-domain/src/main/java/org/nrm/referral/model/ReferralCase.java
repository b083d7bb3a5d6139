package org.nrm.referral.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.nrm.referral.api.AnonymousNotificationMade;
import org.nrm.referral.api.CaseStage;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.api.ReasonableGroundsDecided;
import org.nrm.referral.api.RecordReasonableGroundsDecision;
import org.nrm.referral.api.RecoveryPeriodStarted;
import org.nrm.referral.api.ReferralSubmitted;
import org.nrm.referral.api.SubmitReferral;

/**
 * One person's way through the mechanism, from referral (or anonymous notification) to closure.
 * Command handlers check the rules and apply events; event sourcing handlers only set state.
 */
public class ReferralCase {

    @AggregateIdentifier
    private String caseId;
    private CaseStage stage;
    private GroundsOutcome reasonableGrounds;

    protected ReferralCase() {
        // for Axon
    }

    @CommandHandler
    public ReferralCase(SubmitReferral command, JurisdictionRules rules, Clock clock) {
        Instant now = clock.instant();
        var profile = command.profile();
        boolean foreign = rules.isForeignNational(profile.citizenships());
        if (!profile.presumedChild() && !command.consentToReferral()) {
            apply(new AnonymousNotificationMade(command.caseId(), command.reference(), command.referringAgency(),
                    profile, command.exploitation(), foreign, now));
            return;
        }
        apply(new ReferralSubmitted(command.caseId(), command.reference(), command.referringAgency(), command.person(),
                profile, command.exploitation(), profile.presumedChild(), foreign, command.needsAccommodation(), now,
                rules.workingDaysAfter(now, rules.reasonableGroundsTargetWorkingDays())));
    }

    @CommandHandler
    public void handle(RecordReasonableGroundsDecision command, JurisdictionRules rules, Clock clock) {
        requireNotClosed();
        if (stage == CaseStage.NOTIFICATION) {
            throw new CaseRuleViolation("notification-is-not-a-case",
                    "This is an anonymous notification: a decision needs a referral with the person's consent.");
        }
        if (reasonableGrounds != null) {
            throw new CaseRuleViolation("reasonable-grounds-already-decided",
                    "A reasonable-grounds decision (" + reasonableGrounds + ") is already in force for this case; "
                            + "a change goes through reconsideration.");
        }
        Instant now = clock.instant();
        apply(new ReasonableGroundsDecided(caseId, command.outcome(), command.reasons(), now));
        if (command.outcome() == GroundsOutcome.POSITIVE) {
            apply(new RecoveryPeriodStarted(caseId, now, rules.daysAfter(now, rules.recoveryPeriodMinimumDays())));
        }
    }

    private void requireNotClosed() {
        if (stage == CaseStage.CLOSED) {
            throw new CaseRuleViolation("case-closed", "The case is closed; reopen it before recording a step.");
        }
    }

    @EventSourcingHandler
    void on(ReferralSubmitted event) {
        caseId = event.caseId();
        stage = CaseStage.AWAITING_REASONABLE_GROUNDS;
    }

    @EventSourcingHandler
    void on(AnonymousNotificationMade event) {
        caseId = event.caseId();
        stage = CaseStage.NOTIFICATION;
    }

    @EventSourcingHandler
    void on(ReasonableGroundsDecided event) {
        reasonableGrounds = event.outcome();
    }

    @EventSourcingHandler
    void on(RecoveryPeriodStarted event) {
        stage = CaseStage.RECOVERY_PERIOD;
    }
}
