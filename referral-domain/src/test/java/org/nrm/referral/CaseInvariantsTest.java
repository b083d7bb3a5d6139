package org.nrm.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nrm.referral.Fixtures.CASE_ID;
import static org.nrm.referral.Fixtures.LAN;
import static org.nrm.referral.Fixtures.NOW;
import static org.nrm.referral.Fixtures.RULES;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.nrm.referral.api.*;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.referral.model.JurisdictionRules;
import org.nrm.referral.model.ReferralCase;
import org.nrm.referral.model.Shelter;

/** Random sequences of steps, taken at random moments, never break the mechanism's invariants. */
class CaseInvariantsTest {

    /** One step: a command, taken some days after the previous one. */
    record Step(Object command, int daysLater) {
        @Override
        public String toString() {
            return "+" + daysLater + "d " + command.getClass().getSimpleName();
        }
    }

    @Property(tries = 150)
    void any_sequence_of_steps_keeps_a_case_consistent(@ForAll("profiles") PersonProfile profile,
                                                         @ForAll boolean consent,
                                                         @ForAll("caseSteps") List<Step> steps) {
        MutableClock clock = new MutableClock(NOW);
        Configuration axon = axon(clock, ReferralCase.class);
        try {
            var gateway = axon.commandGateway();
            gateway.sendAndWait(new SubmitReferral(CASE_ID, "NRM-1", "police", LAN, profile, Fixtures.EXPLOITATION,
                    consent, true));
            for (Step step : steps) {
                clock.advance(Duration.ofDays(step.daysLater()));
                try {
                    gateway.sendAndWait(step.command());
                } catch (CaseRuleViolation refused) {
                    // a refused step changes nothing; the invariants below say so
                }
            }
            List<EventMessage<?>> events = new ArrayList<>();
            axon.eventStore().readEvents(CASE_ID).asStream().forEach(events::add);
            List<Object> payloads = events.stream().map(e -> (Object) e.getPayload()).toList();

            // a child's case never needs consent; an adult without consent is only a notification
            Object first = payloads.get(0);
            if (profile.presumedChild()) {
                assertThat(first).isInstanceOf(ReferralSubmitted.class);
            } else if (!consent) {
                assertThat(first).isInstanceOf(AnonymousNotificationMade.class);
            }

            // no step at all between a closure and a reopening
            boolean closed = false;
            for (Object payload : payloads) {
                if (closed) {
                    assertThat(payload).as("step after closure").isInstanceOf(CaseReopened.class);
                }
                if (payload instanceof CaseClosed) {
                    closed = true;
                } else if (payload instanceof CaseReopened) {
                    closed = false;
                }
            }

            // at most one reasonable-grounds and one conclusive-grounds decision, each reversed at most once
            assertThat(payloads.stream().filter(ReasonableGroundsDecided.class::isInstance).count()).isLessThanOrEqualTo(1);
            assertThat(payloads.stream().filter(ConclusiveGroundsDecided.class::isInstance).count()).isLessThanOrEqualTo(1);
            assertThat(payloads.stream().filter(p -> p instanceof ReconsiderationDecided d
                    && d.outcome() == ReconsiderationOutcome.OVERTURNED).count()).isLessThanOrEqualTo(2);

            // a conclusive decision never comes before the recovery period's minimum has passed
            Instant minimumEnds = null;
            for (Object payload : payloads) {
                if (payload instanceof RecoveryPeriodStarted started) {
                    minimumEnds = started.minimumEndsAt();
                }
                if (payload instanceof ConclusiveGroundsDecided decided) {
                    assertThat(minimumEnds).isNotNull();
                    assertThat(decided.decidedAt()).isAfterOrEqualTo(minimumEnds);
                }
            }

            // a recovery period only follows a positive reasonable-grounds decision in force
            long positives = payloads.stream().filter(p -> p instanceof ReasonableGroundsDecided d
                    && d.outcome() == GroundsOutcome.POSITIVE).count()
                    + payloads.stream().filter(p -> p instanceof ReconsiderationDecided d
                    && d.decision() == DecisionKind.REASONABLE_GROUNDS
                    && d.outcome() == ReconsiderationOutcome.OVERTURNED).count();
            assertThat(payloads.stream().filter(RecoveryPeriodStarted.class::isInstance).count()).isEqualTo(positives);
        } finally {
            axon.shutdown();
        }
    }

    @Property(tries = 100)
    void placements_never_exceed_a_shelters_capacity_nor_put_a_child_in_an_adult_shelter_unexcepted(
            @ForAll ShelterType type, @ForAll("shelterSteps") List<Object> commands) {
        Configuration axon = axon(new MutableClock(NOW), Shelter.class);
        try {
            axon.commandGateway().sendAndWait(new RegisterShelter("s", "Shelter", type, 3));
            for (Object command : commands) {
                try {
                    axon.commandGateway().sendAndWait(command);
                } catch (CaseRuleViolation refused) {
                    // refused: the shelter stays as it was
                }
            }
            int capacity = 0;
            Set<String> occupants = new java.util.HashSet<>();
            for (Object payload : axon.eventStore().readEvents("s").asStream().map(e -> e.getPayload()).toList()) {
                if (payload instanceof ShelterRegistered registered) {
                    capacity = registered.capacity();
                } else if (payload instanceof ShelterCapacityChanged changed) {
                    capacity = changed.capacity();
                } else if (payload instanceof PersonPlaced placed) {
                    assertThat(occupants.add(placed.caseId())).as("placed twice").isTrue();
                    if (placed.child() && !Shelter.childSafe(type)) {
                        assertThat(placed.childPlacementException()).as("child in an adult shelter").isNotNull();
                        assertThat(placed.childPlacementException().text()).isNotBlank();
                    }
                } else if (payload instanceof PlacementEnded ended) {
                    assertThat(occupants.remove(ended.caseId())).as("left without a bed").isTrue();
                } else if (payload instanceof ShelterRetired) {
                    assertThat(occupants).as("retired with people in it").isEmpty();
                }
                assertThat(occupants.size()).as("beds in use").isLessThanOrEqualTo(capacity);
            }
        } finally {
            axon.shutdown();
        }
    }

    private static Configuration axon(Clock clock, Class<?> aggregate) {
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(aggregate)
                .registerComponent(JurisdictionRules.class, c -> RULES)
                .registerComponent(Clock.class, c -> clock)
                .registerComponent(org.nrm.referral.model.ShelterMatching.class,
                        c -> org.nrm.referral.model.ShelterMatching.BY_GROUP)
                .buildConfiguration();
        configuration.start();
        return configuration;
    }

    @Provide
    Arbitrary<PersonProfile> profiles() {
        return Combinators.combine(Arbitraries.of(AgeGroup.class), Arbitraries.of(true, false))
                .as((age, uncertain) -> new PersonProfile(Gender.FEMALE, age, uncertain, List.of("VN"), List.of("vie")));
    }

    @Provide
    Arbitrary<List<Step>> caseSteps() {
        Arbitrary<Object> command = Arbitraries.oneOf(
                Arbitraries.of(GroundsOutcome.class).map(o -> new RecordReasonableGroundsDecision(CASE_ID, o, "r")),
                Arbitraries.of(GroundsOutcome.class).map(o -> new RecordConclusiveGroundsDecision(CASE_ID, o, "r")),
                Arbitraries.integers().between(1, 20).map(d -> new ExtendRecoveryPeriod(CASE_ID, d, "medical")),
                Arbitraries.just(new EndRecoveryPeriod(CASE_ID)),
                Arbitraries.of(AgencyRole.FIRST_RESPONDER, AgencyRole.SUPPORT_PROVIDER, AgencyRole.COMPETENT_AUTHORITY)
                        .map(role -> new RequestReconsideration(CASE_ID, ReconsiderationGround.NEW_EVIDENCE,
                                new PersonalText("x"), "agency", Set.of(role))),
                Arbitraries.of(ReconsiderationOutcome.class)
                        .map(o -> new RecordReconsiderationDecision(CASE_ID, o, "r")),
                Arbitraries.of(DurableSolution.class)
                        .map(s -> new ChooseDurableSolution(CASE_ID, s, new PersonalText("bia"))),
                Arbitraries.of(ClosureCategory.class).map(c -> new CloseCase(CASE_ID, c, "reason")),
                Arbitraries.just(new ReopenCase(CASE_ID, new PersonalText("back"))),
                Arbitraries.just(new GiveConsent(CASE_ID, LAN, true)),
                Arbitraries.of(AgeAssessmentOutcome.class).map(o -> new RecordAgeAssessment(CASE_ID, o)),
                Arbitraries.just(new AppointGuardian(CASE_ID, new GuardianDetails("G"))),
                Arbitraries.of(DisqualificationGround.class).map(g -> new DisqualifyFromProtection(CASE_ID, g, new PersonalText("r"))),
                Arbitraries.just(new RequestVoluntaryReturn(CASE_ID, "r-1", "VN")));
        Arbitrary<Step> step = Combinators.combine(command, Arbitraries.integers().between(0, 40)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<Object>> shelterSteps() {
        Arbitrary<String> person = Arbitraries.of("a", "b", "c", "d", "e");
        Arbitrary<PlacementCandidate> candidate = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of(Gender.class), Arbitraries.of(true, false)).as(PlacementCandidate::new);
        Arbitrary<PersonalText> exception = Arbitraries.of(null, new PersonalText(""),
                new PersonalText("best interests: with her sister"));
        Arbitrary<Object> command = Arbitraries.oneOf(
                Combinators.combine(person, candidate, exception).as((p, c, e) -> new PlacePerson("s", p, c, e)),
                Combinators.combine(person, Arbitraries.of(PlacementEndReason.class))
                        .as((p, r) -> new EndPlacement("s", p, r, null)),
                Arbitraries.integers().between(0, 5).map(c -> new ChangeShelterCapacity("s", c)),
                Arbitraries.just(new RetireShelter("s", null)));
        return command.list().ofMaxSize(30);
    }
}
