package org.nrm.referral.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.nrm.referral.api.*;

/** A foreign victim's residence permit: applied for, granted (with a validity end) or refused, renewed, expired, revoked. */
public class ResidencePermitApplication {

    private enum Status { APPLIED, GRANTED, REFUSED, EXPIRED, REVOKED }

    @AggregateIdentifier
    private String applicationId;
    private String caseId;
    private Status status;
    private Instant validUntil;

    protected ResidencePermitApplication() {
        // for Axon
    }

    @CommandHandler
    public ResidencePermitApplication(ApplyForResidencePermit command, Clock clock) {
        apply(new ResidencePermitApplied(command.applicationId(), command.caseId(), clock.instant()));
    }

    @CommandHandler
    public Deadlines handle(GrantResidencePermit command, JurisdictionRules rules, Clock clock,
                            InvestigationCooperation cooperation) {
        requireStatus(Status.APPLIED, "permit-already-decided", "The application has already been decided.");
        Instant now = clock.instant();
        requireFuture(command.validUntil(), now);
        if (command.ground() == null) {
            throw new CaseRuleViolation("permit-ground", "A permit is granted on a ground.");
        }
        if (command.ground() == PermitGround.INVESTIGATION_COOPERATION
                && cooperation.of(caseId) != CooperationStatus.COOPERATING) {
            throw new CaseRuleViolation("no-investigation-cooperation", "A permit on the ground "
                    + "INVESTIGATION_COOPERATION needs the person's cooperation with an investigation recorded as "
                    + "COOPERATING in the case.");
        }
        Instant reminder = rules.permitReminder(now, command.validUntil());
        apply(new ResidencePermitGranted(applicationId, caseId, command.ground(), command.validUntil(), now, reminder));
        return Deadlines.none().with(Deadlines.Deadline.PERMIT_REMINDER, reminder)
                .with(Deadlines.Deadline.PERMIT_VALID_UNTIL, command.validUntil());
    }

    @CommandHandler
    public void handle(RefuseResidencePermit command, Clock clock) {
        requireStatus(Status.APPLIED, "permit-already-decided", "The application has already been decided.");
        apply(new ResidencePermitRefused(applicationId, caseId, PersonalText.of(command.reasons()), clock.instant()));
    }

    @CommandHandler
    public Deadlines handle(RenewResidencePermit command, JurisdictionRules rules, Clock clock) {
        requireStatus(Status.GRANTED, "permit-not-in-force", "Only a permit in force can be renewed.");
        Instant now = clock.instant();
        requireFuture(command.validUntil(), now);
        if (!command.validUntil().isAfter(validUntil)) {
            throw new CaseRuleViolation("renewal-not-later", "A renewal must run beyond " + validUntil + ".");
        }
        Instant reminder = rules.permitReminder(now, command.validUntil());
        apply(new ResidencePermitRenewed(applicationId, caseId, command.validUntil(), now, reminder));
        return Deadlines.none().with(Deadlines.Deadline.PERMIT_REMINDER, reminder)
                .with(Deadlines.Deadline.PERMIT_VALID_UNTIL, command.validUntil());
    }

    @CommandHandler
    public void handle(ExpireResidencePermit command, Clock clock) {
        requireStatus(Status.GRANTED, "permit-not-in-force", "Only a permit in force can expire.");
        Instant now = clock.instant();
        if (now.isBefore(validUntil)) {
            throw new CaseRuleViolation("permit-still-valid", "The permit is valid until " + validUntil + ".");
        }
        apply(new ResidencePermitExpired(applicationId, caseId, now));
    }

    @CommandHandler
    public void handle(RevokeResidencePermit command, Clock clock) {
        requireStatus(Status.GRANTED, "permit-not-in-force", "Only a permit in force can be revoked.");
        if (command.reasons() == null || command.reasons().text() == null || command.reasons().text().isBlank()) {
            throw new CaseRuleViolation("missing-reasons", "'reasons' must be given.");
        }
        apply(new ResidencePermitRevoked(applicationId, caseId, command.reasons(), clock.instant()));
    }

    private void requireStatus(Status expected, String rule, String message) {
        if (status != expected) {
            throw new CaseRuleViolation(rule, message);
        }
    }

    private static void requireFuture(Instant validUntil, Instant now) {
        if (validUntil == null || !validUntil.isAfter(now)) {
            throw new CaseRuleViolation("valid-until-in-future", "A permit's validity must end in the future.");
        }
    }

    @EventSourcingHandler
    void on(ResidencePermitApplied event) {
        applicationId = event.applicationId();
        caseId = event.caseId();
        status = Status.APPLIED;
    }

    @EventSourcingHandler
    void on(ResidencePermitGranted event) {
        status = Status.GRANTED;
        validUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(ResidencePermitRefused event) {
        status = Status.REFUSED;
    }

    @EventSourcingHandler
    void on(ResidencePermitRenewed event) {
        validUntil = event.validUntil();
    }

    @EventSourcingHandler
    void on(ResidencePermitExpired event) {
        status = Status.EXPIRED;
    }

    @EventSourcingHandler
    void on(ResidencePermitRevoked event) {
        status = Status.REVOKED;
    }
}
