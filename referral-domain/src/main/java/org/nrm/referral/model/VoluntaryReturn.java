package org.nrm.referral.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.nrm.referral.api.*;

/**
 * A voluntary return: risk assessment (HIGH blocks departure), travel documents, departure and handover to a receiving
 * organisation in the country of origin, reintegration follow-ups, completion or abandonment.
 */
public class VoluntaryReturn {

    private enum Status { OPEN, DEPARTED, COMPLETED, ABANDONED }

    @AggregateIdentifier
    private String returnId;
    private String caseId;
    private Status status;
    private ReturnRisk risk;
    private int followUps;

    protected VoluntaryReturn() {
        // for Axon
    }

    @CommandHandler
    public VoluntaryReturn(OpenVoluntaryReturn command, Clock clock) {
        apply(new VoluntaryReturnOpened(command.returnId(), command.caseId(), command.countryOfReturn(), clock.instant()));
    }

    @CommandHandler
    public void handle(AssessReturnRisk command, Clock clock) {
        requireStatus(Status.OPEN, "Risk is assessed before departure.");
        if (command.risk() == null) {
            throw new CaseRuleViolation("risk-level", "A risk assessment gives a level.");
        }
        apply(new ReturnRiskAssessed(returnId, caseId, command.risk(), PersonalText.of(command.notes()), clock.instant()));
    }

    @CommandHandler
    public Deadlines handle(RecordDeparture command, JurisdictionRules rules, Clock clock) {
        requireStatus(Status.OPEN, "The person has already departed, or the return is over.");
        if (risk == null) {
            throw new CaseRuleViolation("risk-not-assessed", "The risk of return must be assessed before departure.");
        }
        if (risk == ReturnRisk.HIGH) {
            throw new CaseRuleViolation("return-risk-high", "A HIGH risk of return blocks departure.");
        }
        if (command.receivingOrganisation() == null || command.receivingOrganisation().isBlank()) {
            throw new CaseRuleViolation("missing-receivingOrganisation",
                    "The receiving organisation in the country of origin must be named.");
        }
        Instant now = clock.instant();
        List<Instant> due = rules.reintegrationFollowUpMonths().stream().map(m -> rules.monthsAfter(now, m)).toList();
        apply(new PersonDeparted(returnId, caseId, PersonalText.of(command.receivingOrganisation()), now, due));
        return Deadlines.followUps(due);
    }

    @CommandHandler
    public void handle(RecordReintegrationFollowUp command, Clock clock) {
        requireStatus(Status.DEPARTED, "Reintegration is followed up after departure.");
        apply(new ReintegrationFollowedUp(returnId, caseId, followUps + 1, command.status(), PersonalText.of(command.notes()),
                clock.instant()));
    }

    @CommandHandler
    public void handle(CompleteVoluntaryReturn command, Clock clock) {
        requireStatus(Status.DEPARTED, "A return is complete only after departure.");
        apply(new VoluntaryReturnCompleted(returnId, caseId, clock.instant()));
    }

    @CommandHandler
    public void handle(AbandonVoluntaryReturn command, Clock clock) {
        requireStatus(Status.OPEN, "Only a return that has not departed can be abandoned.");
        apply(new VoluntaryReturnAbandoned(returnId, caseId, PersonalText.of(command.reason()), clock.instant()));
    }

    private void requireStatus(Status expected, String message) {
        if (status != expected) {
            throw new CaseRuleViolation("return-" + status.name().toLowerCase(), message);
        }
    }

    @EventSourcingHandler
    void on(VoluntaryReturnOpened event) {
        returnId = event.returnId();
        caseId = event.caseId();
        status = Status.OPEN;
    }

    @EventSourcingHandler
    void on(ReturnRiskAssessed event) {
        risk = event.risk();
    }

    @EventSourcingHandler
    void on(PersonDeparted event) {
        status = Status.DEPARTED;
    }

    @EventSourcingHandler
    void on(ReintegrationFollowedUp event) {
        followUps = event.number();
    }

    @EventSourcingHandler
    void on(VoluntaryReturnCompleted event) {
        status = Status.COMPLETED;
    }

    @EventSourcingHandler
    void on(VoluntaryReturnAbandoned event) {
        status = Status.ABANDONED;
    }
}
