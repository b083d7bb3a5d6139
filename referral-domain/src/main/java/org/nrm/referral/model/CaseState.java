package org.nrm.referral.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nrm.referral.api.*;

/**
 * What a case looks like, folded from its events: the one place that says what each event does to a case. The
 * {@link ReferralCase} aggregate's event sourcing handlers delegate here (its own stream), and so do the read side's
 * "case as it stood on a date" and the bulk rebuild of the case views (every event that concerns the case, whichever
 * aggregate recorded it: shelters, permits, returns). Pure: no clock, no I/O, nothing personal (the events' personal
 * values are never read, so the fold works on events whose personal data is withheld).
 *
 * <p>{@link #apply} ignores what it does not know, and every event before the case's opening event (a referral, a
 * notification or a returning national's case). {@link #updatedAt()} moves with the events the case view shows a
 * change for.
 */
public final class CaseState {

    /** A reconsideration of a negative decision, as the statistics count it. */
    public record Reconsideration(Instant requestedAt, DecisionKind decision, ReconsiderationGround ground,
                                  String requestingAgency, ReconsiderationOutcome outcome, Instant decidedAt) {
    }

    /** A statutory deadline the mechanism missed. */
    public record DeadlineBreach(String taskKey, Instant dueAt, Instant recordedAt) {
    }

    /**
     * The stage a new referral starts in: an adult who did not consent to the referral is an anonymous notification
     * (adults are carried through the mechanism only with consent); a presumed child always is a referral.
     */
    public static CaseStage openingStage(boolean presumedChild, boolean consentToReferral) {
        return !presumedChild && !consentToReferral ? CaseStage.NOTIFICATION : CaseStage.AWAITING_REASONABLE_GROUNDS;
    }

    /** The state folded from {@code events}, in their order (sequence numbers counted from 0). */
    public static CaseState of(Iterable<?> events) {
        CaseState state = new CaseState();
        long sequence = 0;
        for (Object event : events) {
            state.apply(event, sequence++, null);
        }
        return state;
    }

    // the aggregate's rules read these (same package)
    String caseId;
    CaseStage stage;
    CaseStage stageBeforeClosure;
    boolean child;
    boolean ageAssessed;
    boolean hasGuardian;
    GroundsOutcome reasonableGrounds;
    GroundsOutcome conclusiveGrounds;
    boolean recoveryPeriodRunning;
    Instant recoveryMinimumEndsAt;
    Instant recoveryEndsAt;
    DecisionKind negativeDecision;
    Instant reconsiderationWindowEndsAt;
    boolean reconsiderationPending;
    boolean reconsidered;
    boolean disqualified;
    DurableSolution durableSolution;
    /** A voluntary return was requested after the last choice of durable solution. */
    boolean returnRequested;
    boolean moveOnSupportRunning;
    Instant moveOnSupportEndsAt;
    boolean personalDataErased;
    boolean consented;
    /** The case's decisions a letter can be issued about, by their sequence number in the case's stream. */
    final Map<Long, DecisionLetterKind> decisions = new HashMap<>();
    final Consents consents = new Consents();
    boolean investigationOpened;
    boolean verdictFinal;
    /** An adult (by age assessment) referred without consent after the reasonable-grounds decision: consent is asked. */
    boolean consentToReferralRequired;
    boolean closedByConsentWithdrawal;
    boolean returningNational;
    boolean arrivalRecorded;

    // what the case looks like beyond the rules (the case view, the case as it stood)
    private String reference;
    private String referringAgency;
    private Instant referredAt;
    private Instant reasonableGroundsDueAt;
    private boolean foreignNational;
    private boolean needsAccommodation;
    private boolean anonymousNotification;
    private PersonProfile profile;
    /** The age group: the profile's, or the age assessment's outcome once assessed. */
    private String ageGroup;
    private Exploitation exploitation;
    private ExploitationDetails exploitationDetails;
    /** The consent to referral as the case view shows it (set on opening and when a notification becomes a referral). */
    private boolean consentShown;
    private DecisionAbroad decisionAbroad;
    private boolean handoverImported;
    private Instant arrivalMetAt;
    private int reintegrationFollowUps;
    private int handoversExported;
    private Instant lastHandoverExportedAt;
    private Instant identificationUpdatedAt;
    private String identificationUpdatedBy;
    private BorderCrossingDocuments borderCrossingDocuments;
    private Instant moveOnSupportEndedAt;
    private int guardianReplacements;
    private Instant reasonableGroundsDecidedAt;
    private Instant recoveryPeriodStartedAt;
    private Instant recoveryPeriodEndedAt;
    private Instant conclusiveGroundsDecidedAt;
    private int deadlineBreaches;
    private boolean accommodationDeclined;
    private String shelterId;
    private String permitStatus;
    private Instant permitValidUntil;
    private String returnStatus;
    private ClosureCategory closureCategory;
    private Instant closedAt;
    private Instant updatedAt;
    private final List<Reconsideration> reconsiderations = new ArrayList<>();
    private final List<DeadlineBreach> breaches = new ArrayList<>();

    /**
     * Applies one event of the case. {@code sequence} is its sequence number in its aggregate's stream (the decisions
     * a letter is issued about are named by it); {@code actor} the user who took the step, where known.
     */
    public void apply(Object event, long sequence, String actor) {
        if (event instanceof ReferralSubmitted e) {
            caseId = e.caseId();
            stage = CaseStage.AWAITING_REASONABLE_GROUNDS;
            child = e.presumedChild();
            consented = e.consented();
            if (consented) {
                consents.given(Set.of(ConsentScope.REFERRAL), Set.of());
            }
            opened(e.reference(), e.referringAgency(), e.referredAt(), e.profile(), e.foreignNational());
            exploitation = e.exploitation();
            exploitationDetails = e.exploitationDetails();
            needsAccommodation = e.needsAccommodation();
            reasonableGroundsDueAt = e.reasonableGroundsDueAt();
            consentShown = e.consented();
        } else if (event instanceof AnonymousNotificationMade e) {
            caseId = e.caseId();
            stage = CaseStage.NOTIFICATION;
            opened(e.reference(), e.referringAgency(), e.notifiedAt(), e.profile(), e.foreignNational());
            exploitation = e.exploitation();
            exploitationDetails = e.exploitationDetails();
            anonymousNotification = true;
        } else if (event instanceof ReturningNationalCaseOpened e) {
            caseId = e.caseId();
            stage = CaseStage.SUPPORT;
            returningNational = true;
            consented = true;
            reasonableGrounds = e.decisionAbroad().outcome();
            conclusiveGrounds = e.decisionAbroad().kind() == DecisionKind.CONCLUSIVE_GROUNDS
                    ? e.decisionAbroad().outcome() : null;
            consents.given(Set.of(ConsentScope.REFERRAL), Set.of());
            opened(e.reference(), e.openingAgency(), e.openedAt(), e.profile(), false);
            consentShown = true;
            decisionAbroad = e.decisionAbroad();
            handoverImported = e.handoverPackageId() != null;
        } else if (event instanceof ArrivalReceptionRecorded e) {
            arrivalRecorded = true;
            arrivalMetAt = e.metAt();
            touch(e.recordedAt());
        } else if (event instanceof ReturningNationalFollowedUp e) {
            reintegrationFollowUps++;
            touch(e.followedUpAt());
        } else if (event instanceof HandoverExported e) {
            handoversExported++;
            lastHandoverExportedAt = e.exportedAt();
            touch(e.exportedAt());
        } else if (event instanceof ConsentGiven e) {
            stage = CaseStage.AWAITING_REASONABLE_GROUNDS;
            consented = true;
            consents.given(Set.of(ConsentScope.REFERRAL), Set.of());
            needsAccommodation = e.needsAccommodation();
            reasonableGroundsDueAt = e.reasonableGroundsDueAt();
            consentShown = true;
            touch(e.givenAt());
        } else if (event instanceof ConsentRecorded e) {
            consents.given(e.scopes(), e.sharingAgencies());
            if (e.scopes().contains(ConsentScope.REFERRAL)) {
                consented = true;
                consentToReferralRequired = false;
            }
        } else if (event instanceof ConsentWithdrawn e) {
            consents.withdrawn(e.scope(), e.agencies());
            if (e.scope() == ConsentScope.REFERRAL) {
                consented = false;
            }
            if (e.closesCase()) {
                closedByConsentWithdrawal = true;
            }
        } else if (event instanceof IdentificationUpdated e) {
            exploitation = e.exploitation();
            if (e.exploitationDetails() != null) {
                exploitationDetails = e.exploitationDetails();
            }
            identificationUpdatedAt = e.updatedAt();
            identificationUpdatedBy = actor;
            touch(e.updatedAt());
        } else if (event instanceof TravelDocumentsRecorded e) {
            borderCrossingDocuments = e.documents();
            touch(e.recordedAt());
        } else if (event instanceof AgeAssessed e) {
            ageAssessed = true;
            child = e.outcome() == AgeAssessmentOutcome.CHILD;
            ageGroup = e.outcome().name();
            if (e.consentRequired()) {
                stage = CaseStage.NOTIFICATION;
            }
            consentToReferralRequired = e.consentToContinueRequired();
            touch(e.assessedAt());
        } else if (event instanceof GuardianAppointed e) {
            hasGuardian = true;
            touch(e.appointedAt());
        } else if (event instanceof GuardianReplaced e) {
            guardianReplacements++;
            touch(e.replacedAt());
        } else if (event instanceof ReasonableGroundsDecided e) {
            decisions.put(sequence, DecisionLetterKind.REASONABLE_GROUNDS);
            reasonableGrounds = e.outcome();
            reasonableGroundsDecidedAt = e.decidedAt();
            reconsiderationWindowEndsAt = e.reconsiderationWindowEndsAt();
            if (e.outcome() == GroundsOutcome.NEGATIVE) {
                negativeDecision = DecisionKind.REASONABLE_GROUNDS;
                reconsidered = false;
            }
            touch(e.decidedAt());
        } else if (event instanceof RecoveryPeriodStarted e) {
            stage = CaseStage.RECOVERY_PERIOD;
            recoveryPeriodRunning = true;
            recoveryMinimumEndsAt = e.minimumEndsAt();
            recoveryEndsAt = e.minimumEndsAt();
            recoveryPeriodStartedAt = e.startedAt();
            touch(e.startedAt());
        } else if (event instanceof RecoveryPeriodExtended e) {
            recoveryEndsAt = e.endsAt();
            touch(e.extendedAt());
        } else if (event instanceof RecoveryPeriodEnded e) {
            recoveryPeriodRunning = false;
            stage = CaseStage.AWAITING_CONCLUSIVE_GROUNDS;
            recoveryPeriodEndedAt = e.endedAt();
            touch(e.endedAt());
        } else if (event instanceof ConclusiveGroundsDecided e) {
            decisions.put(sequence, DecisionLetterKind.CONCLUSIVE_GROUNDS);
            conclusiveGrounds = e.outcome();
            conclusiveGroundsDecidedAt = e.decidedAt();
            stage = CaseStage.SUPPORT;
            reconsiderationWindowEndsAt = e.reconsiderationWindowEndsAt();
            if (e.outcome() == GroundsOutcome.NEGATIVE) {
                negativeDecision = DecisionKind.CONCLUSIVE_GROUNDS;
                reconsidered = false;
            }
            touch(e.decidedAt());
        } else if (event instanceof MoveOnSupportStarted e) {
            moveOnSupportRunning = true;
            moveOnSupportEndsAt = e.endsAt();
            touch(e.startedAt());
        } else if (event instanceof MoveOnSupportEnded e) {
            moveOnSupportRunning = false;
            moveOnSupportEndedAt = e.endedAt();
            touch(e.endedAt());
        } else if (event instanceof ReconsiderationRequested e) {
            reconsiderationPending = true;
            if (reconsiderations.stream().noneMatch(r -> r.requestedAt().equals(e.requestedAt()))) {
                reconsiderations.add(new Reconsideration(e.requestedAt(), e.decision(), e.ground(),
                        e.requestingAgency(), null, null));
            }
            touch(e.requestedAt());
        } else if (event instanceof ReconsiderationDecided e) {
            decisions.put(sequence, DecisionLetterKind.RECONSIDERATION);
            reconsiderationPending = false;
            reconsidered = true;
            if (opened()) {
                reconsiderations.replaceAll(r -> r.decision() == e.decision() && r.outcome() == null
                        ? new Reconsideration(r.requestedAt(), r.decision(), r.ground(), r.requestingAgency(),
                                e.outcome(), e.decidedAt())
                        : r);
            }
            if (e.outcome() == ReconsiderationOutcome.OVERTURNED) {
                negativeDecision = null;
                reconsiderationWindowEndsAt = null;
                if (e.decision() == DecisionKind.REASONABLE_GROUNDS) {
                    reasonableGrounds = GroundsOutcome.POSITIVE;
                } else {
                    conclusiveGrounds = GroundsOutcome.POSITIVE;
                }
            }
            touch(e.decidedAt());
        } else if (event instanceof ProtectionDisqualified e) {
            disqualified = true;
            touch(e.disqualifiedAt());
        } else if (event instanceof DurableSolutionChosen e) {
            durableSolution = e.solution();
            returnRequested = false;
            stage = e.solution() == DurableSolution.VOLUNTARY_RETURN ? CaseStage.RETURN : CaseStage.SUPPORT;
            touch(e.chosenAt());
        } else if (event instanceof VoluntaryReturnRequested e) {
            returnRequested = true;
        } else if (event instanceof DeadlineBreached e) {
            deadlineBreaches++;
            if (breaches.stream().noneMatch(b -> b.taskKey().equals(e.taskKey())
                    && b.dueAt().equals(e.dueAt()))) {
                breaches.add(new DeadlineBreach(e.taskKey(), e.dueAt(), e.recordedAt()));
            }
            touch(e.recordedAt());
        } else if (event instanceof AccommodationDeclined e) {
            accommodationDeclined = true;
            touch(e.declinedAt());
        } else if (event instanceof PersonPlaced e) {
            shelterId = e.shelterId();
            touch(e.placedAt());
        } else if (event instanceof PlacementEnded e) {
            if (java.util.Objects.equals(e.shelterId(), shelterId)) {
                shelterId = null;
            }
            touch(e.endedAt());
        } else if (event instanceof ResidencePermitApplied e) {
            permit("APPLIED", e.appliedAt());
        } else if (event instanceof ResidencePermitGranted e) {
            permitValidUntil = e.validUntil();
            permit("GRANTED", e.grantedAt());
        } else if (event instanceof ResidencePermitRefused e) {
            permit("REFUSED", e.refusedAt());
        } else if (event instanceof ResidencePermitRenewed e) {
            permitValidUntil = e.validUntil();
            touch(e.renewedAt());
        } else if (event instanceof ResidencePermitExpired e) {
            permit("EXPIRED", e.expiredAt());
        } else if (event instanceof ResidencePermitRevoked e) {
            permit("REVOKED", e.revokedAt());
        } else if (event instanceof VoluntaryReturnOpened e) {
            returnStatus("REQUESTED", e.openedAt());
        } else if (event instanceof PersonDeparted e) {
            returnStatus("DEPARTED", e.departedAt());
        } else if (event instanceof VoluntaryReturnCompleted e) {
            returnStatus("COMPLETED", e.completedAt());
        } else if (event instanceof VoluntaryReturnAbandoned e) {
            returnStatus("ABANDONED", e.abandonedAt());
        } else if (event instanceof CaseClosed e) {
            stageBeforeClosure = stage;
            stage = CaseStage.CLOSED;
            closureCategory = e.category();
            closedAt = e.closedAt();
            touch(e.closedAt());
        } else if (event instanceof CaseReopened e) {
            stage = e.stage() != null ? e.stage() : stageBeforeClosure;
            // the deadlines the reopening set again (the process's timers run to these)
            if (e.reasonableGroundsDueAt() != null) {
                reasonableGroundsDueAt = e.reasonableGroundsDueAt();
            }
            if (e.recoveryPeriodEndsAt() != null) {
                recoveryEndsAt = e.recoveryPeriodEndsAt();
            }
            if (e.reconsiderationWindowEndsAt() != null) {
                reconsiderationWindowEndsAt = e.reconsiderationWindowEndsAt();
            }
            closedByConsentWithdrawal = false;
            closureCategory = null;
            closedAt = null;
            touch(e.reopenedAt());
        } else if (event instanceof PersonalDataErased e) {
            personalDataErased = true;
        } else if (event instanceof InvestigationOpened e) {
            investigationOpened = true;
        } else if (event instanceof ProsecutionOutcomeRecorded e) {
            verdictFinal = e.verdict() != Verdict.PENDING;
        }
        // any other event does not change what the case looks like
    }

    private void opened(String reference, String agency, Instant at, PersonProfile profile, boolean foreign) {
        this.reference = reference;
        this.referringAgency = agency;
        this.referredAt = at;
        this.profile = profile;
        this.ageGroup = profile.ageGroup() == null ? null : profile.ageGroup().name();
        this.foreignNational = foreign;
        this.updatedAt = at;
    }

    private void permit(String status, Instant at) {
        permitStatus = status;
        touch(at);
    }

    private void returnStatus(String status, Instant at) {
        returnStatus = status;
        touch(at);
    }

    private void touch(Instant at) {
        if (opened() && at != null && (updatedAt == null || at.isAfter(updatedAt))) {
            updatedAt = at;
        }
    }

    /** Whether the case's opening event has been applied (a referral, a notification, a returning national's case). */
    public boolean opened() {
        return referredAt != null;
    }

    public String caseId() { return caseId; }
    public CaseStage stage() { return stage; }
    public boolean child() { return returningNational && !ageAssessed ? profile.presumedChild() : child; }
    public boolean guardianAppointed() { return hasGuardian; }
    public GroundsOutcome reasonableGrounds() { return reasonableGrounds; }
    public GroundsOutcome conclusiveGrounds() { return conclusiveGrounds; }

    /**
     * The reasonable-grounds outcome of this mechanism's own decision, as the case's views show it: none for a
     * returning national, whose decision abroad stands for it in the rules ({@link #reasonableGrounds()}) and is shown
     * as the decision abroad.
     */
    public GroundsOutcome reasonableGroundsDecidedHere() { return returningNational ? null : reasonableGrounds; }

    /** The conclusive-grounds outcome of this mechanism's own decision (see {@link #reasonableGroundsDecidedHere()}). */
    public GroundsOutcome conclusiveGroundsDecidedHere() { return returningNational ? null : conclusiveGrounds; }
    public boolean reconsiderationPending() { return reconsiderationPending; }
    public boolean disqualified() { return disqualified; }
    public DurableSolution durableSolution() { return durableSolution; }
    public boolean personalDataErased() { return personalDataErased; }
    public boolean returningNational() { return returningNational; }
    public String reference() { return reference; }
    public String referringAgency() { return referringAgency; }
    public Instant referredAt() { return referredAt; }
    public Instant reasonableGroundsDueAt() { return reasonableGroundsDueAt; }
    public boolean foreignNational() { return foreignNational; }
    public boolean needsAccommodation() { return needsAccommodation; }
    public boolean anonymousNotification() { return anonymousNotification; }
    public PersonProfile profile() { return profile; }
    public String ageGroup() { return ageGroup; }
    public Exploitation exploitation() { return exploitation; }
    public ExploitationDetails exploitationDetails() { return exploitationDetails; }
    /** The consent to referral as the case shows it: given on opening (a returning national: yes) or later by consent. */
    public boolean consentShown() { return consentShown; }
    public DecisionAbroad decisionAbroad() { return decisionAbroad; }
    public boolean handoverImported() { return handoverImported; }
    public Instant arrivalMetAt() { return arrivalMetAt; }
    public int reintegrationFollowUps() { return reintegrationFollowUps; }
    public int handoversExported() { return handoversExported; }
    public Instant lastHandoverExportedAt() { return lastHandoverExportedAt; }
    public Instant identificationUpdatedAt() { return identificationUpdatedAt; }
    public String identificationUpdatedBy() { return identificationUpdatedBy; }
    public BorderCrossingDocuments borderCrossingDocuments() { return borderCrossingDocuments; }
    public Instant moveOnSupportEndedAt() { return moveOnSupportEndedAt; }
    public Instant moveOnSupportEndsAt() { return moveOnSupportEndsAt; }
    public int guardianReplacements() { return guardianReplacements; }
    public Instant reasonableGroundsDecidedAt() { return reasonableGroundsDecidedAt; }
    public Instant reconsiderationWindowEndsAt() { return reconsiderationWindowEndsAt; }
    public Instant recoveryPeriodStartedAt() { return recoveryPeriodStartedAt; }
    public Instant recoveryPeriodMinimumEndsAt() { return recoveryMinimumEndsAt; }
    public Instant recoveryPeriodEndsAt() { return recoveryEndsAt; }
    public Instant recoveryPeriodEndedAt() { return recoveryPeriodEndedAt; }
    public Instant conclusiveGroundsDecidedAt() { return conclusiveGroundsDecidedAt; }
    public int deadlineBreaches() { return deadlineBreaches; }
    public boolean accommodationDeclined() { return accommodationDeclined; }
    public String shelterId() { return shelterId; }
    public String permitStatus() { return permitStatus; }
    public Instant permitValidUntil() { return permitValidUntil; }
    public String returnStatus() { return returnStatus; }
    public ClosureCategory closureCategory() { return closureCategory; }
    public Instant closedAt() { return closedAt; }
    /** The latest time of a step the case view shows (the opening's time at first). */
    public Instant updatedAt() { return updatedAt; }
    public List<Reconsideration> reconsiderations() { return Collections.unmodifiableList(reconsiderations); }
    public List<DeadlineBreach> deadlineBreachFacts() { return Collections.unmodifiableList(breaches); }
}
