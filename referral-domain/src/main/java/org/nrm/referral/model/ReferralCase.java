package org.nrm.referral.model;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.nrm.referral.api.*;

/**
 * One person's way through the mechanism, from referral (or anonymous notification) to closure. Command handlers
 * check the rules (each a named {@link CaseRuleViolation}) and apply events; what an event does to the case is folded by {@link CaseState}.
 */
public class ReferralCase {

    @AggregateIdentifier
    private String caseId;
    /** What the case looks like, folded from its events by the one fold of a case ({@link CaseState}). */
    private final CaseState state = new CaseState();

    /**
     * Replay and every applied event: the case's stream is folded by {@link CaseState}, the one place that says what
     * an event does to a case (the read side folds the same way).
     */
    @EventSourcingHandler
    void on(Object event, @SequenceNumber long sequence) {
        state.apply(event, sequence, null);
        caseId = state.caseId();
    }

    protected ReferralCase() {
        // for Axon
    }

    @CommandHandler
    public ReferralCase(SubmitReferral command, JurisdictionRules rules, Clock clock) {
        Instant now = clock.instant();
        var profile = command.profile();
        boolean foreign = rules.isForeignNational(profile.citizenships());
        if (CaseState.openingStage(profile.presumedChild(), command.consentToReferral()) == CaseStage.NOTIFICATION) {
            apply(new AnonymousNotificationMade(command.caseId(), command.reference(), command.referringAgency(),
                    profile, command.exploitation(), foreign, now, command.exploitationDetails()));
            return;
        }
        apply(new ReferralSubmitted(command.caseId(), command.reference(), command.referringAgency(), command.person(),
                profile, command.exploitation(), profile.presumedChild(), foreign, command.needsAccommodation(), now,
                rules.workingDaysAfter(now, rules.reasonableGroundsTargetWorkingDays()), command.consentToReferral(),
                command.exploitationDetails()));
    }

    @CommandHandler
    public Deadlines handle(GiveConsent command, JurisdictionRules rules, Clock clock) {
        requireOpen();
        if (state.stage != CaseStage.NOTIFICATION) {
            throw new CaseRuleViolation("not-a-notification", "This case is already a referral; consent was given.");
        }
        Instant now = clock.instant();
        Instant due = rules.workingDaysAfter(now, rules.reasonableGroundsTargetWorkingDays());
        apply(new ConsentGiven(caseId, command.person(), command.needsAccommodation(), now, due));
        return Deadlines.none().with(Deadlines.Deadline.REASONABLE_GROUNDS_DUE, due);
    }

    @CommandHandler
    public void handle(UpdateIdentification command, Clock clock) {
        requireOpen();
        if (command.exploitation() == null) {
            throw new CaseRuleViolation("missing-exploitation", "'exploitation' must be given.");
        }
        Exploitation exploitation = command.exploitation();
        ExploitationDetails details = ExploitationDetails.orNone(command.exploitationDetails() != null
                ? command.exploitationDetails() : state.exploitationDetails());
        var disagreements = details.disagreementsWith(exploitation.types(), exploitation.location());
        if (!disagreements.isEmpty()) {
            String recorded = command.exploitationDetails() == null ? " recorded on the case" : "";
            throw new CaseRuleViolation("exploitation-details-disagree", "The exploitation details" + recorded
                    + " disagree with the identification: " + disagreements.entrySet().stream()
                    .map(d -> "exploitationDetails." + d.getKey() + " " + d.getValue())
                    .collect(java.util.stream.Collectors.joining("; "))
                    + (recorded.isEmpty() ? "." : ". Send exploitationDetails with the update to correct them."));
        }
        // the same identification again (a repeated request, a form sent twice) is no new step of the case
        if (exploitation.equals(state.exploitation()) && (command.exploitationDetails() == null
                || details.equals(ExploitationDetails.orNone(state.exploitationDetails())))) {
            return;
        }
        apply(new IdentificationUpdated(caseId, exploitation, clock.instant(), command.exploitationDetails()));
    }

    /** The documents used to cross the border: recorded, and corrected, while the case is open. */
    @CommandHandler
    public void handle(RecordTravelDocuments command, Clock clock) {
        requireOpen();
        if (command.documents() == null) {
            throw new CaseRuleViolation("missing-documents", "'documents' must be given.");
        }
        apply(new TravelDocumentsRecorded(caseId, command.documents(), command.notes(), clock.instant(),
                command.borderPoint()));
    }

    /** The journey (recruitment, transit, exploitation): recorded, and corrected, while the case is open. */
    @CommandHandler
    public void handle(RecordJourney command, Clock clock) {
        requireOpen();
        if (command.legs() == null || command.legs().isEmpty()) {
            throw new CaseRuleViolation("missing-legs", "'legs' must name at least one place of the journey.");
        }
        for (JourneyLeg leg : command.legs()) {
            if (leg == null || leg.stage() == null || leg.country() == null) {
                throw new CaseRuleViolation("incomplete-leg", "Every leg of the journey names its stage and country.");
            }
        }
        apply(new JourneyRecorded(caseId, command.legs(), command.placesAndDates(), clock.instant()));
    }

    /** A criminal investigation is opened once per case, on a referral or a notification that is not closed. */
    @CommandHandler
    public void handle(OpenInvestigation command, Clock clock) {
        requireOpen();
        if (state.investigationOpened) {
            throw new CaseRuleViolation("investigation-already-opened",
                    "An investigation is already recorded for this case.");
        }
        requireText(command.investigatingAgency(), "investigatingAgency");
        requireText(command.reference(), "reference");
        if (command.openedOn() == null) {
            throw new CaseRuleViolation("missing-openedOn", "'openedOn' must be given.");
        }
        apply(new InvestigationOpened(caseId, command.investigatingAgency(), command.prosecutingAgency(),
                command.reference(), command.openedOn(), clock.instant()));
    }

    /** The person's cooperation: only once an investigation is open (it may be recorded after the case closed). */
    @CommandHandler
    public void handle(RecordCooperation command, Clock clock) {
        requireInvestigation();
        if (command.status() == null) {
            throw new CaseRuleViolation("missing-status", "'status' must be given.");
        }
        apply(new CooperationRecorded(caseId, command.status(), clock.instant()));
    }

    @CommandHandler
    public void handle(RecordWitnessProtection command, Clock clock) {
        requireInvestigation();
        if (command.measures() == null) {
            throw new CaseRuleViolation("missing-measures", "'measures' must be given.");
        }
        apply(new WitnessProtectionRecorded(caseId, command.measures(), command.notes(), clock.instant()));
    }

    /**
     * The prosecution's outcome: charges need an investigation; a pending outcome may be updated, a verdict is final;
     * a sentence and compensation follow a conviction only.
     */
    @CommandHandler
    public void handle(RecordProsecutionOutcome command, Clock clock) {
        requireInvestigation();
        if (state.verdictFinal) {
            throw new CaseRuleViolation("verdict-already-recorded",
                    "A verdict is already recorded for this case's prosecution.");
        }
        if (command.suspectsCharged() < 1 || command.offence() == null || command.verdict() == null) {
            throw new CaseRuleViolation("incomplete-charges",
                    "'suspectsCharged' (at least 1), 'offence' and 'verdict' must be given.");
        }
        if (command.verdict() != Verdict.CONVICTED
                && (command.sentenceMonths() != null || command.compensationOrdered() != null)) {
            throw new CaseRuleViolation("sentence-without-conviction",
                    "A sentence and compensation are recorded with a conviction only.");
        }
        apply(new ProsecutionOutcomeRecorded(caseId, command.suspectsCharged(), command.offence(), command.verdict(),
                command.sentenceMonths(), command.compensationOrdered(), command.currency(), command.decidedOn(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(RecordAgeAssessment command, Clock clock) {
        requireReferral();
        if (!state.child) {
            throw new CaseRuleViolation("not-a-child", "The person is not treated as a child; no age assessment is due.");
        }
        if (state.ageAssessed) {
            throw new CaseRuleViolation("age-already-assessed", "The person's age has already been assessed.");
        }
        boolean adultWithoutConsent = command.outcome() == AgeAssessmentOutcome.ADULT && !state.consented;
        apply(new AgeAssessed(caseId, command.outcome(), clock.instant(), adultWithoutConsent && state.reasonableGrounds == null,
                adultWithoutConsent && state.reasonableGrounds != null));
    }

    /**
     * The person gives consent for one or more scopes. A notification becomes a referral only with the person's
     * details ({@link GiveConsent}); a case closed because its consent to referral was withdrawn takes consent to
     * referral again (then it can be reopened).
     */
    @CommandHandler
    public void handle(RecordConsent command, Clock clock) {
        Set<ConsentScope> scopes = command.scopes() == null ? Set.of() : command.scopes();
        Set<String> agencies = command.sharingAgencies() == null ? Set.of() : command.sharingAgencies();
        if (scopes.isEmpty()) {
            throw new CaseRuleViolation("missing-scopes", "'scopes' must name at least one scope.");
        }
        boolean sharing = scopes.contains(ConsentScope.DATA_SHARING);
        if (sharing && agencies.isEmpty()) {
            throw new CaseRuleViolation("missing-sharing-agencies",
                    "Consent to data sharing names the agencies the data may be shared with.");
        }
        if (!sharing && !agencies.isEmpty()) {
            throw new CaseRuleViolation("sharing-agencies-without-data-sharing",
                    "Agencies are named only with consent to data sharing.");
        }
        boolean referralAgain = state.stage == CaseStage.CLOSED && state.closedByConsentWithdrawal
                && scopes.equals(Set.of(ConsentScope.REFERRAL));
        if (!referralAgain) {
            requireReferral();
        }
        boolean anythingNew = scopes.stream().anyMatch(s -> s != ConsentScope.DATA_SHARING && !inForce(s))
                || (sharing && agencies.stream().anyMatch(a -> !state.consents.sharesWith(a)));
        if (!anythingNew) {
            throw new CaseRuleViolation("consent-already-in-force", "This consent is already in force.");
        }
        Actor by = command.takenBy() == null ? Actor.MECHANISM : command.takenBy();
        apply(new ConsentRecorded(caseId, EnumSet.copyOf(scopes), sharing ? new TreeSet<>(agencies) : Set.of(),
                by.userId(), by.agency(), clock.instant()));
    }

    /**
     * The person withdraws a consent; what it covered stops. Consent to referral withdrawn by an adult closes the case
     * ({@link ClosureCategory#WITHDRAWN}): adults are not carried through the mechanism without consent. A child needs
     * no consent, so a child's withdrawal is recorded and the case goes on.
     */
    @CommandHandler
    public void handle(WithdrawConsent command, Clock clock) {
        if (command.scope() == null) {
            throw new CaseRuleViolation("missing-scope", "'scope' must be given.");
        }
        requireReferral();
        ConsentScope scope = command.scope();
        Set<String> agencies = command.agencies() == null ? Set.of() : command.agencies();
        Set<String> ending;
        if (scope == ConsentScope.DATA_SHARING) {
            if (!state.consents.everGiven(ConsentScope.DATA_SHARING)) {
                throw neverGiven(scope);
            }
            for (String agency : agencies) {
                if (!state.consents.sharesWith(agency)) {
                    throw state.consents.sharingWithdrawnFrom(agency)
                            ? new CaseRuleViolation("consent-already-withdrawn",
                                    "Consent to share data with " + agency + " was already withdrawn.")
                            : new CaseRuleViolation("consent-never-given",
                                    "The person never consented to share data with " + agency + ".");
                }
            }
            if (agencies.isEmpty() && !state.consents.inForce(ConsentScope.DATA_SHARING)) {
                throw alreadyWithdrawn(scope);
            }
            ending = agencies.isEmpty() ? new TreeSet<>(state.consents.sharingAgencies()) : new TreeSet<>(agencies);
        } else {
            if (!agencies.isEmpty()) {
                throw new CaseRuleViolation("agencies-only-for-data-sharing",
                        "Agencies are named only when consent to data sharing is withdrawn.");
            }
            if (!inForce(scope)) {
                throw everGiven(scope) ? alreadyWithdrawn(scope) : neverGiven(scope);
            }
            ending = Set.of();
        }
        Instant now = clock.instant();
        Actor by = command.withdrawnBy() == null ? Actor.MECHANISM : command.withdrawnBy();
        boolean closes = scope == ConsentScope.REFERRAL && !state.child;
        apply(new ConsentWithdrawn(caseId, scope, ending, command.reason(), by.userId(), by.agency(), now, closes));
        if (closes) {
            apply(new CaseClosed(caseId, ClosureCategory.WITHDRAWN,
                    PersonalText.of("The person withdrew their consent to the referral."), now));
        }
    }

    /** The consents in force, for the steps that depend on them (a handover abroad: {@link Consents#requireHandoverAbroad()}). */
    public Consents consents() {
        return state.consents;
    }

    private boolean inForce(ConsentScope scope) {
        return scope == ConsentScope.REFERRAL ? state.consented : state.consents.inForce(scope);
    }

    private boolean everGiven(ConsentScope scope) {
        return state.consents.everGiven(scope);
    }

    private static CaseRuleViolation neverGiven(ConsentScope scope) {
        return new CaseRuleViolation("consent-never-given", "The person never gave consent to " + scope + ".");
    }

    private static CaseRuleViolation alreadyWithdrawn(ConsentScope scope) {
        return new CaseRuleViolation("consent-already-withdrawn", "Consent to " + scope + " was already withdrawn.");
    }

    @CommandHandler
    public void handle(AppointGuardian command, Clock clock) {
        requireReferral();
        if (!state.child) {
            throw new CaseRuleViolation("not-a-child", "Only a child is appointed a guardian.");
        }
        if (state.hasGuardian) {
            throw new CaseRuleViolation("guardian-already-appointed",
                    "A guardian is already appointed; replace the guardian instead, with a reason.");
        }
        requireText(command.guardian() == null ? null : command.guardian().name(), "guardianName");
        apply(new GuardianAppointed(caseId, command.guardian(), clock.instant()));
    }

    @CommandHandler
    public void handle(ReplaceGuardian command, Clock clock) {
        requireReferral();
        if (!state.child) {
            throw new CaseRuleViolation("not-a-child", "Only a child has a guardian.");
        }
        if (!state.hasGuardian) {
            throw new CaseRuleViolation("no-guardian", "No guardian has been appointed yet; appoint one first.");
        }
        requireText(command.guardian() == null ? null : command.guardian().name(), "guardianName");
        if (command.ground() == null) {
            throw new CaseRuleViolation("missing-ground", "'ground' must be given.");
        }
        requireText(command.reason() == null ? null : command.reason().text(), "reason");
        apply(new GuardianReplaced(caseId, command.guardian(), command.ground(), command.reason(), clock.instant()));
    }

    @CommandHandler
    public Deadlines handle(RecordReasonableGroundsDecision command, JurisdictionRules rules, Clock clock) {
        requireReferral();
        if (state.reasonableGrounds != null) {
            throw new CaseRuleViolation("reasonable-grounds-already-decided",
                    "A reasonable-grounds decision (" + state.reasonableGrounds + ") is already in force for this case; "
                            + "a change goes through reconsideration.");
        }
        requireText(command.reasons(), "reasons");
        Instant now = clock.instant();
        if (command.outcome() == GroundsOutcome.POSITIVE) {
            apply(new ReasonableGroundsDecided(caseId, GroundsOutcome.POSITIVE, PersonalText.of(command.reasons()), now, null));
            return startRecoveryPeriod(rules, now);
        }
        Instant windowEnds = rules.daysAfter(now, rules.reconsiderationWindowDays());
        apply(new ReasonableGroundsDecided(caseId, GroundsOutcome.NEGATIVE, PersonalText.of(command.reasons()), now, windowEnds));
        return Deadlines.none().with(Deadlines.Deadline.RECONSIDERATION_WINDOW_ENDS, windowEnds);
    }

    @CommandHandler
    public Deadlines handle(ExtendRecoveryPeriod command, JurisdictionRules rules, Clock clock) {
        requireOpen();
        if (!state.recoveryPeriodRunning) {
            throw new CaseRuleViolation("no-recovery-period", "No recovery period is running for this case.");
        }
        if (command.days() <= 0 || command.days() > 365) {
            throw new CaseRuleViolation("extension-days", "An extension is between 1 and 365 days.");
        }
        requireText(command.reason(), "reason");
        Instant endsAt = rules.daysAfter(state.recoveryEndsAt, command.days());
        apply(new RecoveryPeriodExtended(caseId, command.days(), PersonalText.of(command.reason()), endsAt, clock.instant()));
        return Deadlines.none().with(Deadlines.Deadline.RECOVERY_PERIOD_ENDS, endsAt);
    }

    /**
     * Ends the recovery period if it has run its course. If an extension moved its end meanwhile, nothing happens and
     * the current end is returned, so the mechanism waits again instead of failing; an ended period stays ended.
     */
    @CommandHandler
    public Deadlines handle(EndRecoveryPeriod command, Clock clock) {
        requireOpen();
        if (!state.recoveryPeriodRunning) {
            return Deadlines.none();
        }
        Instant now = clock.instant();
        if (now.isBefore(state.recoveryEndsAt)) {
            return Deadlines.none().with(Deadlines.Deadline.RECOVERY_PERIOD_ENDS, state.recoveryEndsAt);
        }
        apply(new RecoveryPeriodEnded(caseId, now));
        return Deadlines.none();
    }

    @CommandHandler
    public Deadlines handle(RecordConclusiveGroundsDecision command, JurisdictionRules rules, Clock clock) {
        requireOpen();
        if (state.reasonableGrounds != GroundsOutcome.POSITIVE) {
            throw new CaseRuleViolation("no-positive-reasonable-grounds",
                    "A conclusive decision needs a positive reasonable-grounds decision in force.");
        }
        if (state.conclusiveGrounds != null) {
            throw new CaseRuleViolation("conclusive-grounds-already-decided",
                    "A conclusive-grounds decision (" + state.conclusiveGrounds + ") is already in force for this case; "
                            + "a change goes through reconsideration.");
        }
        if (state.consentToReferralRequired) {
            throw new CaseRuleViolation("consent-to-referral-required",
                    "The person was assessed as an adult and has not consented to the referral: record the person's "
                            + "consent before the conclusive decision.");
        }
        Instant now = clock.instant();
        if (now.isBefore(state.recoveryMinimumEndsAt)) {
            throw new CaseRuleViolation("recovery-period-minimum-not-passed",
                    "A conclusive decision cannot be taken before the recovery period's minimum has passed ("
                            + state.recoveryMinimumEndsAt + ").");
        }
        requireText(command.reasons(), "reasons");
        if (state.recoveryPeriodRunning) {
            apply(new RecoveryPeriodEnded(caseId, now));
        }
        if (command.outcome() == GroundsOutcome.POSITIVE) {
            apply(new ConclusiveGroundsDecided(caseId, GroundsOutcome.POSITIVE, PersonalText.of(command.reasons()), now, null));
            return startMoveOnSupport(rules, now, rules.moveOnDaysAfterPositive());
        }
        Instant windowEnds = rules.daysAfter(now, rules.reconsiderationWindowDays());
        apply(new ConclusiveGroundsDecided(caseId, GroundsOutcome.NEGATIVE, PersonalText.of(command.reasons()), now, windowEnds));
        return startMoveOnSupport(rules, now, rules.moveOnDaysAfterNegative())
                .with(Deadlines.Deadline.RECONSIDERATION_WINDOW_ENDS, windowEnds);
    }

    @CommandHandler
    public void handle(RequestReconsideration command, Clock clock) {
        requireOpen();
        var roles = command.requestingAgencyRoles();
        if (roles == null || !(roles.contains(AgencyRole.FIRST_RESPONDER) || roles.contains(AgencyRole.SUPPORT_PROVIDER))) {
            throw new CaseRuleViolation("reconsideration-requester",
                    "Only a first responder or a support provider may request a reconsideration.");
        }
        if (state.negativeDecision == null) {
            throw new CaseRuleViolation("no-negative-decision", "There is no negative decision to reconsider.");
        }
        if (state.reconsiderationPending) {
            throw new CaseRuleViolation("reconsideration-pending", "A reconsideration is already pending.");
        }
        if (state.reconsidered) {
            throw new CaseRuleViolation("already-reconsidered", "This decision has already been reconsidered.");
        }
        Instant now = clock.instant();
        if (now.isAfter(state.reconsiderationWindowEndsAt)) {
            throw new CaseRuleViolation("reconsideration-window-closed",
                    "The window for a reconsideration closed at " + state.reconsiderationWindowEndsAt + ".");
        }
        apply(new ReconsiderationRequested(caseId, state.negativeDecision, command.ground(), command.explanation(),
                command.requestingAgency(), now));
    }

    @CommandHandler
    public Deadlines handle(RecordReconsiderationDecision command, JurisdictionRules rules, Clock clock) {
        requireOpen();
        if (!state.reconsiderationPending) {
            throw new CaseRuleViolation("no-reconsideration-pending", "No reconsideration is pending for this case.");
        }
        Instant now = clock.instant();
        DecisionKind decision = state.negativeDecision;
        apply(new ReconsiderationDecided(caseId, decision, command.outcome(), PersonalText.of(command.reasons()), now));
        if (command.outcome() == ReconsiderationOutcome.UPHELD) {
            return Deadlines.none();
        }
        return decision == DecisionKind.REASONABLE_GROUNDS
                ? startRecoveryPeriod(rules, now)
                : startMoveOnSupport(rules, now, rules.moveOnDaysAfterPositive());
    }

    @CommandHandler
    public void handle(DisqualifyFromProtection command, Clock clock) {
        requireOpen();
        if (state.reasonableGrounds != GroundsOutcome.POSITIVE) {
            throw new CaseRuleViolation("no-protection", "Only a person with a positive decision has protection to lose.");
        }
        if (state.disqualified) {
            throw new CaseRuleViolation("already-disqualified", "The person is already disqualified from protection.");
        }
        if (command.ground() == null) {
            throw new CaseRuleViolation("missing-ground", "'ground' must be given.");
        }
        requireText(command.reasons() == null ? null : command.reasons().text(), "reasons");
        Instant now = clock.instant();
        boolean endsRecoveryPeriod = state.recoveryPeriodRunning;
        apply(new ProtectionDisqualified(caseId, command.ground(), command.reasons(), now, endsRecoveryPeriod));
        if (endsRecoveryPeriod) {
            apply(new RecoveryPeriodEnded(caseId, now));
        }
        if (state.moveOnSupportRunning) {
            apply(new MoveOnSupportEnded(caseId, now, true, null));
        }
    }

    @CommandHandler
    public void handle(ChooseDurableSolution command, Clock clock) {
        requireOpen();
        if (state.conclusiveGrounds != GroundsOutcome.POSITIVE) {
            throw new CaseRuleViolation("no-positive-conclusive-grounds",
                    "A durable solution is chosen for a person recognised as a victim (positive conclusive decision).");
        }
        if (state.child && (command.bestInterestsAssessment() == null || command.bestInterestsAssessment().text() == null
                || command.bestInterestsAssessment().text().isBlank())) {
            throw new CaseRuleViolation("best-interests-assessment-required",
                    "A child's durable solution follows a best-interests assessment; record it with the choice.");
        }
        apply(new DurableSolutionChosen(caseId, command.solution(), command.bestInterestsAssessment(), clock.instant()));
    }

    @CommandHandler
    public void handle(RequestVoluntaryReturn command, Clock clock) {
        requireOpen();
        if (state.durableSolution != DurableSolution.VOLUNTARY_RETURN) {
            throw new CaseRuleViolation("no-return-chosen",
                    "A voluntary return needs voluntary return as the chosen durable solution.");
        }
        if (state.recoveryPeriodRunning) {
            throw new CaseRuleViolation("recovery-period-running",
                    "No removal from the country during the recovery and reflection period.");
        }
        apply(new VoluntaryReturnRequested(caseId, command.returnId(), command.countryOfReturn(), clock.instant()));
    }

    @CommandHandler
    public void handle(RecordDeadlineBreach command, Clock clock) {
        requireOpen();
        apply(new DeadlineBreached(caseId, command.taskKey(), command.dueAt(), clock.instant()));
    }

    @CommandHandler
    public void handle(DeclineAccommodation command, Clock clock) {
        requireReferral();
        apply(new AccommodationDeclined(caseId, clock.instant()));
    }

    /**
     * Ends move-on support. The mechanism's timer (no reason) ends it only once its end has come: before that it gets
     * the current end back, and a period already over is left alone. An agency (with a reason) ends it early.
     */
    @CommandHandler
    public Deadlines handle(EndMoveOnSupport command, Clock clock) {
        Instant now = clock.instant();
        if (command.reason() == null) {
            if (state.stage == CaseStage.CLOSED || !state.moveOnSupportRunning) {
                return Deadlines.none();
            }
            if (now.isBefore(state.moveOnSupportEndsAt)) {
                return Deadlines.none().with(Deadlines.Deadline.MOVE_ON_SUPPORT_ENDS, state.moveOnSupportEndsAt);
            }
            apply(new MoveOnSupportEnded(caseId, now, false, null));
            return Deadlines.none().with(Deadlines.Deadline.MOVE_ON_SUPPORT_ENDED, now);
        }
        requireOpen();
        if (!state.moveOnSupportRunning) {
            throw new CaseRuleViolation("no-move-on-support", "No move-on support period is running.");
        }
        requireText(command.reason().text(), "reason");
        apply(new MoveOnSupportEnded(caseId, now, true, command.reason()));
        return Deadlines.none().with(Deadlines.Deadline.MOVE_ON_SUPPORT_ENDED, now);
    }

    /**
     * The case of a national identified as a victim abroad and coming home. The decision taken abroad is recorded with
     * its country and date and stands: the case starts in support, with no reasonable-grounds or conclusive-grounds
     * decision to take here.
     */
    @CommandHandler
    public ReferralCase(OpenReturningNationalCase command, JurisdictionRules rules, Clock clock) {
        DecisionAbroad decision = command.decisionAbroad();
        if (decision == null) {
            throw new CaseRuleViolation("missing-decisionAbroad", "'decisionAbroad' must be given.");
        }
        requireText(decision.sourceCountry(), "decisionAbroad.sourceCountry");
        requireText(decision.decidingOrganisation(), "decisionAbroad.decidingOrganisation");
        if (decision.kind() == null || decision.outcome() == null || decision.decidedOn() == null) {
            throw new CaseRuleViolation("missing-decisionAbroad",
                    "'decisionAbroad' needs its kind, outcome and decidedOn.");
        }
        if (decision.sourceCountry().equalsIgnoreCase(rules.countryCode())) {
            throw new CaseRuleViolation("decision-not-abroad",
                    "The decision was taken in this country: refer the person instead.");
        }
        if (rules.isForeignNational(command.profile().citizenships())) {
            throw new CaseRuleViolation("not-a-national",
                    "A returning-national case is for a national of " + rules.countryCode() + ".");
        }
        if (decision.outcome() != GroundsOutcome.POSITIVE) {
            throw new CaseRuleViolation("not-identified-abroad",
                    "Only a person identified as a victim abroad (a positive decision) returns on this pathway.");
        }
        Instant now = clock.instant();
        if (decision.decidedOn().isAfter(java.time.LocalDate.ofInstant(now, rules.zone()))) {
            throw new CaseRuleViolation("decision-in-the-future", "'decisionAbroad.decidedOn' lies in the future.");
        }
        apply(new ReturningNationalCaseOpened(command.caseId(), command.reference(), command.openingAgency(),
                command.person(), command.profile(), decision, command.handoverPackageId(), command.sourceReference(),
                now));
    }

    @CommandHandler
    public void handle(RecordArrivalReception command, Clock clock) {
        requireOpen();
        if (!state.returningNational) {
            throw new CaseRuleViolation("not-a-returning-national",
                    "Reception on arrival is recorded on a returning national's case.");
        }
        if (state.arrivalRecorded) {
            throw new CaseRuleViolation("arrival-already-recorded", "The reception on arrival is already recorded.");
        }
        requireText(command.metBy() == null ? null : command.metBy().text(), "metBy");
        requireText(command.place() == null ? null : command.place().text(), "place");
        if (command.metAt() == null) {
            throw new CaseRuleViolation("missing-metAt", "'metAt' must be given.");
        }
        apply(new ArrivalReceptionRecorded(caseId, command.metBy(), command.place(), command.metAt(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(RecordReturningNationalFollowUp command, Clock clock) {
        requireOpen();
        if (!state.returningNational) {
            throw new CaseRuleViolation("not-a-returning-national",
                    "This follow-up is recorded on a returning national's case.");
        }
        if (!state.arrivalRecorded) {
            throw new CaseRuleViolation("arrival-not-recorded", "Record the reception on arrival first.");
        }
        if (command.status() == null) {
            throw new CaseRuleViolation("missing-outcome", "'outcome' must be given.");
        }
        apply(new ReturningNationalFollowedUp(caseId, command.status(), command.notes(), clock.instant()));
    }

    /**
     * A handover package of the case leaves for another country. It may leave at any stage; the person's personal
     * data goes with it only while their consent to a handover abroad is in force and nothing is erased.
     */
    @CommandHandler
    public boolean handle(RecordHandoverExport command, Clock clock) {
        if (state.stage == CaseStage.NOTIFICATION) {
            throw new CaseRuleViolation("notification-is-not-a-case",
                    "This is an anonymous notification: there is no case to hand over.");
        }
        boolean personal = state.consents.mayHandOverAbroad() && !state.personalDataErased;
        apply(new HandoverExported(caseId, command.packageId(), command.keyId(), personal, clock.instant()));
        return personal;
    }

    @CommandHandler
    public void handle(CloseCase command, Clock clock) {
        requireOpen();
        requireText(command.reason(), "reason");
        apply(new CaseClosed(caseId, command.category() == null ? ClosureCategory.OTHER : command.category(),
                PersonalText.of(command.reason()), clock.instant()));
    }

    /**
     * Reopens a closed case where it stood: the event names the step the mechanism takes up again and the deadlines
     * in force there. A reasonable-grounds decision still due gets a new target from the reopening.
     */
    @CommandHandler
    public void handle(ReopenCase command, JurisdictionRules rules, Clock clock) {
        if (state.stage != CaseStage.CLOSED) {
            throw new CaseRuleViolation("case-not-closed", "Only a closed case can be reopened.");
        }
        if (state.personalDataErased) {
            throw new CaseRuleViolation("personal-data-erased",
                    "The person's personal data has been erased; the case cannot be taken up again.");
        }
        if (state.closedByConsentWithdrawal && !state.consented) {
            throw new CaseRuleViolation("consent-to-referral-withdrawn",
                    "The case was closed because the person withdrew their consent to the referral; record the "
                            + "person's consent again before reopening it.");
        }
        requireText(command.reason() == null ? null : command.reason().text(), "reason");
        Instant now = clock.instant();
        ResumePoint resumeAt = resumePoint(now);
        Instant rgDue = resumeAt == ResumePoint.REASONABLE_GROUNDS_DECISION
                ? rules.workingDaysAfter(now, rules.reasonableGroundsTargetWorkingDays()) : null;
        apply(new CaseReopened(caseId, command.reason(), state.stageBeforeClosure, resumeAt, state.child,
                state.child && !state.hasGuardian && state.stageBeforeClosure != CaseStage.NOTIFICATION, state.negativeDecision, rgDue,
                resumeAt == ResumePoint.RECOVERY_PERIOD ? state.recoveryEndsAt : null,
                resumeAt == ResumePoint.RECONSIDERATION_WINDOW ? state.reconsiderationWindowEndsAt : null, now));
    }

    /** The step a closed case stood before, by what is decided and what is pending. */
    private ResumePoint resumePoint(Instant now) {
        if (state.stageBeforeClosure == CaseStage.NOTIFICATION) {
            return ResumePoint.CONSENT;
        }
        if (state.reconsiderationPending) {
            return ResumePoint.RECONSIDERATION_DECISION;
        }
        if (state.negativeDecision != null) {
            return !state.reconsidered && now.isBefore(state.reconsiderationWindowEndsAt)
                    ? ResumePoint.RECONSIDERATION_WINDOW : ResumePoint.CASE_CLOSURE;
        }
        if (state.reasonableGrounds == null) {
            return ResumePoint.REASONABLE_GROUNDS_DECISION;
        }
        if (state.recoveryPeriodRunning) {
            return ResumePoint.RECOVERY_PERIOD;
        }
        if (state.conclusiveGrounds == null) {
            return ResumePoint.CONCLUSIVE_GROUNDS_DECISION;
        }
        return state.returnRequested ? ResumePoint.VOLUNTARY_RETURN : ResumePoint.DURABLE_SOLUTION;
    }

    /** Erasure is possible at any stage, also after closure; it is recorded once. */
    @CommandHandler
    public void handle(ErasePersonalData command, Clock clock) {
        if (state.personalDataErased) {
            throw new CaseRuleViolation("already-erased", "The person's personal data has already been erased.");
        }
        requireText(command.reason(), "reason");
        apply(new PersonalDataErased(caseId,
                command.ground() == null ? ErasureGround.OTHER : command.ground(), PersonalText.of(command.reason()),
                clock.instant()));
    }

    /**
     * A decision's letter, to the person or, for a child, to the guardian; also after closure (a negative decision's
     * letter is what the person reconsiders or appeals from), never once the personal data is erased.
     */
    @CommandHandler
    public LetterAddressee handle(IssueDecisionLetter command, Clock clock) {
        DecisionLetterKind decision = state.decisions.get(command.decisionSequence());
        if (decision == null) {
            throw new CaseRuleViolation("no-such-decision", "The case has no decision " + command.decisionSequence()
                    + " (a reasonable-grounds, conclusive-grounds or reconsideration decision).");
        }
        if (state.personalDataErased) {
            throw new CaseRuleViolation("personal-data-erased",
                    "The person's personal data has been erased; no letter can be addressed to them.");
        }
        if (state.child && !state.hasGuardian) {
            throw new CaseRuleViolation("no-guardian",
                    "A child's decision letter is addressed to the guardian; no guardian has been appointed yet.");
        }
        if (command.language() == null || !command.language().matches("[a-z]{3}")) {
            throw new CaseRuleViolation("letter-language", "A letter's language is an ISO 639-2 code.");
        }
        LetterAddressee addressee = state.child ? LetterAddressee.GUARDIAN : LetterAddressee.PERSON;
        apply(new DecisionLetterIssued(caseId, command.decisionSequence(), decision, addressee, command.language(),
                clock.instant()));
        return addressee;
    }

    private Deadlines startRecoveryPeriod(JurisdictionRules rules, Instant now) {
        Instant minimumEnds = rules.daysAfter(now, rules.recoveryPeriodMinimumDays());
        apply(new RecoveryPeriodStarted(caseId, now, minimumEnds));
        return Deadlines.none().with(Deadlines.Deadline.RECOVERY_PERIOD_ENDS, minimumEnds);
    }

    private Deadlines startMoveOnSupport(JurisdictionRules rules, Instant now, int days) {
        Instant endsAt = rules.daysAfter(now, days);
        apply(new MoveOnSupportStarted(caseId, now, endsAt));
        return Deadlines.none().with(Deadlines.Deadline.MOVE_ON_SUPPORT_ENDS, endsAt);
    }

    private void requireOpen() {
        if (state.stage == CaseStage.CLOSED) {
            throw new CaseRuleViolation("case-closed", "The case is closed; reopen it before recording a step.");
        }
    }

    private void requireInvestigation() {
        if (!state.investigationOpened) {
            throw new CaseRuleViolation("no-investigation",
                    "No criminal investigation is recorded for this case; record its opening first.");
        }
    }

    private void requireReferral() {
        requireOpen();
        if (state.stage == CaseStage.NOTIFICATION) {
            throw new CaseRuleViolation("notification-is-not-a-case",
                    "This is an anonymous notification: this step needs a referral with the person's consent.");
        }
    }

    private static void requireText(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new CaseRuleViolation("missing-" + field, "'" + field + "' must be given.");
        }
    }

    /** A screening (trafficking or smuggling) recorded with the referral; its result is an aid, never a decision. */
    @CommandHandler
    public ScreeningResult handle(RecordScreening command, Clock clock) {
        requireOpen();
        if (command.screening() == null) {
            throw new CaseRuleViolation("missing-screening", "'screening' must be given.");
        }
        ScreeningResult result = command.screening().result(state.child);
        apply(new ScreeningRecorded(caseId, command.screening(), state.child, result, clock.instant()));
        return result;
    }


}
