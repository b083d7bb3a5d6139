package org.nrm.app.seed;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.nrm.app.referral.ReferralService;
import org.nrm.projections.CaseSequencingPolicy;
import org.nrm.referral.api.Actor;
import org.nrm.referral.api.AgeGroup;
import org.nrm.referral.api.CaseClosed;
import org.nrm.referral.api.ClosureCategory;
import org.nrm.referral.api.Exploitation;
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.api.Indicator;
import org.nrm.referral.api.PersonProfile;
import org.nrm.referral.api.PersonalDetails;
import org.nrm.referral.api.PersonalText;
import org.nrm.referral.api.ReasonableGroundsDecided;
import org.nrm.referral.api.RecoveryPeriodStarted;
import org.nrm.referral.api.ReferralSubmitted;
import org.nrm.workflow.TaskKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a store with synthetic cases for the benchmark, in bulk, through the event store's own append path (so every
 * event is serialized, its personal data encrypted with a new key per person, and chained by the hash trigger, as in
 * operation). For measurement only ({@link SeedRunner}), never in operation: the open cases it seeds have queue rows
 * (in the shape the engine's task listener writes) but no process instances in the engine, so their tasks can be
 * read, not completed.
 *
 * <p>The cases spread evenly over the {@code nrm.seed.years} before now. Those referred in the last
 * {@code nrm.seed.open-days} are open (awaiting a reasonable-grounds decision, one queue row each); the others are
 * closed along one of three paths: referral, negative decision, closure (40 %); referral, withdrawal (20 %);
 * referral, positive decision, recovery period, closure (40 %).
 */
@Component
public class BulkSeeder {

    private static final Logger log = LoggerFactory.getLogger(BulkSeeder.class);
    private static final int CHUNK = 500;
    private static final List<String> REFERRERS = List.of("police", "border-police", "labour-inspectorate",
            "ngo-outreach");
    private static final List<String> NATIONALITIES = List.of("GB", "VN", "AL", "RO", "NG", "ER", "SD", "PL", "IN",
            "CN");

    private final EventStorageEngine storage;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public BulkSeeder(EventStorageEngine storage, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                      Clock clock) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** How many cases over how many years before now; those of the last {@code openDays} stay open. */
    public record SeedSettings(long cases, int years, int openDays, int threads) {
    }

    /** Seeds the cases, in chunks of 500 per transaction on {@code threads} threads; returns the events appended. */
    public long seed(SeedSettings settings) throws Exception {
        long cases = settings.cases();
        Instant now = clock.instant();
        Instant first = now.minus(Duration.ofDays(365L * settings.years()));
        long spacing = Duration.between(first, now).toMillis() / Math.max(1, cases);
        Instant openSince = now.minus(Duration.ofDays(settings.openDays()));
        AtomicLong events = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long t0 = System.nanoTime();
        log.info("Seeding {} cases over {} years ({} days open) with {} threads", cases, settings.years(),
                settings.openDays(), settings.threads());
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < settings.threads(); t++) {
                workers.add(pool.submit(() -> {
                    long start;
                    while ((start = next.getAndAdd(CHUNK)) < cases) {
                        long end = Math.min(cases, start + CHUNK);
                        events.addAndGet(chunk(start, end, first, spacing, openSince, now));
                        if (end % 100_000 < CHUNK) {
                            log.info("Seeded {} cases, {} events, {}/s", end, events.get(),
                                    Math.round(events.get() / ((System.nanoTime() - t0) / 1e9)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        return events.get();
    }

    /** Appends the events of cases [start, end) and their queue rows in one transaction; returns the event count. */
    private long chunk(long start, long end, Instant first, long spacing, Instant openSince, Instant now) {
        return transaction.execute(status -> {
            List<Long> numbers = jdbc.queryForList(
                    "SELECT nextval('case_reference_seq') FROM generate_series(1, ?)", Long.class, end - start);
            List<EventMessage<?>> events = new ArrayList<>();
            List<Object[]> queue = new ArrayList<>();
            List<Object[]> involvement = new ArrayList<>();
            for (long i = start; i < end; i++) {
                Instant referredAt = first.plusMillis(spacing * i);
                String caseId = UUID.randomUUID().toString();
                String agency = REFERRERS.get((int) (i % REFERRERS.size()));
                boolean child = i % 7 == 0;
                var person = new PersonalDetails("Seed" + i, "Person", LocalDate.ofInstant(referredAt,
                        ZoneOffset.UTC).minusYears(child ? 15 : 30), "Seeded narrative " + i);
                var profile = new PersonProfile(i % 3 == 0 ? Gender.MALE : Gender.FEMALE,
                        child ? AgeGroup.CHILD : AgeGroup.ADULT, false,
                        List.of(NATIONALITIES.get((int) (i % NATIONALITIES.size()))), List.of("eng"));
                var exploitation = new Exploitation(Set.of(ExploitationType.values()[(int) (i % 4)]),
                        i % 5 == 0 ? ExploitationLocation.OVERSEAS : ExploitationLocation.DOMESTIC,
                        Set.of(Indicator.values()[(int) (i % Indicator.values().length)]));
                Instant rgDue = referredAt.plus(Duration.ofDays(5));
                String reference = ReferralService.reference(referredAt.atZone(ZoneOffset.UTC).getYear(),
                        numbers.get((int) (i - start)));
                var seq = new Sequence(caseId);
                events.add(seq.next(new ReferralSubmitted(caseId, reference, agency, person, profile, exploitation,
                        child, !"GB".equals(profile.citizenships().get(0)), i % 2 == 0, referredAt, rgDue),
                        agency, referredAt));
                involvement.add(new Object[] {caseId, agency, Timestamp.from(referredAt), "referred"});
                if (!referredAt.isBefore(openSince)) {
                    queue.add(new Object[] {"seed-" + caseId, "competent-authority", caseId,
                            TaskKey.REASONABLE_GROUNDS_DECISION.key(), "Reasonable-grounds decision",
                            Timestamp.from(referredAt), Timestamp.from(rgDue), child});
                    continue;
                }
                // a closed case's steps fit between its referral and now
                Duration age = Duration.between(referredAt, now);
                Instant decidedAt = referredAt.plus(age.dividedBy(20));
                switch ((int) (i % 5)) {
                    case 0, 1 -> {
                        events.add(seq.next(new ReasonableGroundsDecided(caseId, GroundsOutcome.NEGATIVE,
                                PersonalText.of("Seeded reasons"), decidedAt, decidedAt.plus(Duration.ofDays(30))), "competent-authority",
                                decidedAt));
                        Instant closedAt = decidedAt.plus(age.dividedBy(10));
                        events.add(seq.next(new CaseClosed(caseId, ClosureCategory.NEGATIVE_DECISION, PersonalText.of("Seeded"),
                                closedAt), "competent-authority", closedAt));
                    }
                    case 2 -> {
                        Instant closedAt = referredAt.plus(age.dividedBy(30));
                        events.add(seq.next(new CaseClosed(caseId, ClosureCategory.WITHDRAWN, PersonalText.of("Seeded"), closedAt),
                                agency, closedAt));
                    }
                    default -> {
                        events.add(seq.next(new ReasonableGroundsDecided(caseId, GroundsOutcome.POSITIVE,
                                PersonalText.of("Seeded reasons"), decidedAt, null), "competent-authority", decidedAt));
                        events.add(seq.next(new RecoveryPeriodStarted(caseId, decidedAt,
                                decidedAt.plus(Duration.ofDays(30))), "competent-authority", decidedAt));
                        Instant closedAt = decidedAt.plus(age.dividedBy(2));
                        events.add(seq.next(new CaseClosed(caseId, i % 2 == 0 ? ClosureCategory.INTEGRATED
                                : ClosureCategory.LOST_CONTACT, PersonalText.of("Seeded"), closedAt), "competent-authority", closedAt));
                    }
                }
            }
            storage.appendEvents(events);
            jdbc.batchUpdate("INSERT INTO case_involvement (case_id, agency, since, reason) VALUES (?, ?, ?, ?)",
                    involvement);
            jdbc.batchUpdate("INSERT INTO work_queue (task_id, agency, case_id, task_key, name, created_at, due_at, "
                    + "child) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", queue);
            return (long) events.size();
        });
    }

    /** The next event of one case's aggregate, with the actor metadata every event carries. */
    private static final class Sequence {
        private final String caseId;
        private long sequence;

        Sequence(String caseId) {
            this.caseId = caseId;
        }

        GenericDomainEventMessage<?> next(Object payload, String agency, Instant at) {
            return new GenericDomainEventMessage<>(CaseSequencingPolicy.CASE_AGGREGATE, caseId, sequence++, payload,
                    Map.of(Actor.USER_KEY, "seed", Actor.AGENCY_KEY, agency), UUID.randomUUID().toString(), at);
        }
    }
}
