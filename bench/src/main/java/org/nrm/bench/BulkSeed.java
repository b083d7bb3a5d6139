package org.nrm.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
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

/**
 * Fills a stopped platform's database with synthetic cases for the benchmark, in bulk, with the bench's own JDBC: no
 * code of the platform runs (the production jar ships none of this). It writes what the platform would have written
 * for those cases: the events in the store's format (the published event records, serialized as the platform's event
 * mapper does: ISO dates, personal values sealed with AES-256-GCM under a new key per person, that key wrapped by the
 * installation's master key into {@code subject_key}), chained by the store's own hash trigger on insert; for the
 * open cases a row in the competent authority's queue (in the shape the engine's task listener writes) and the
 * referrer's involvement. The engine has no process for the open cases: their tasks can be read, never completed.
 *
 * <p>The cases spread evenly over {@code years} before now. Those referred in the last {@code openDays} are open
 * (awaiting a reasonable-grounds decision); the others are closed along one of three paths: referral, negative
 * decision, closure (40 %); referral, withdrawal (20 %); referral, positive decision, recovery period, closure (40 %).
 * Start the platform afterwards: its projections build the new events from where their tokens stand.
 */
public final class BulkSeed {

    /** The demo jurisdiction's master key (public, {@code application-demo.yml}): what {@code run.sh} runs. */
    public static final String DEMO_MASTER_KEY = "ZGVtby1tYXN0ZXIta2V5LW5vdC1mb3ItcHJvZC11c2U=";
    /** The platform's aggregate type of a case, and the queue row's task key of the open cases. */
    static final String CASE_AGGREGATE = "ReferralCase";
    static final String TASK_KEY = "reasonable-grounds-decision";
    private static final int CHUNK = 500;
    private static final List<String> REFERRERS = List.of("police", "border-police", "labour-inspectorate",
            "ngo-outreach");
    private static final List<String> NATIONALITIES = List.of("GB", "VN", "AL", "RO", "NG", "ER", "SD", "PL", "IN",
            "CN");
    /** Axon's stored timestamp format. */
    private static final DateTimeFormatter AXON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How a sealed value's plaintext is written (the platform's plain mapper: ISO dates). */
    private static final ObjectMapper PLAIN = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** How many cases over how many years before now; those of the last {@code openDays} stay open. */
    public record Settings(long cases, int years, int openDays, int threads) {
    }

    private final DataSource db;
    private final SecretKeySpec masterKey;
    private final ObjectMapper events;

    public BulkSeed(DataSource db, String masterKeyBase64) {
        this.db = db;
        byte[] key = Base64.getDecoder().decode(masterKeyBase64.trim());
        if (key.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes in base64");
        }
        this.masterKey = new SecretKeySpec(key, "AES");
        SimpleModule sealing = new SimpleModule("bench-sealing");
        sealing.addSerializer(PersonalDetails.class, new Sealing<>());
        sealing.addSerializer(PersonalText.class, new Sealing<>());
        this.events = JsonMapper.builder().addModule(new JavaTimeModule()).addModule(sealing)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }

    /** Seeds the cases, in chunks of 500 per transaction on {@code threads} threads; returns the events written. */
    public long seed(Settings settings) throws Exception {
        long cases = settings.cases();
        Instant now = Instant.now();
        Instant first = now.minus(Duration.ofDays(365L * settings.years()));
        long spacing = Duration.between(first, now).toMillis() / Math.max(1, cases);
        Instant openSince = now.minus(Duration.ofDays(settings.openDays()));
        AtomicLong written = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < settings.threads(); t++) {
                workers.add(pool.submit(() -> {
                    long start;
                    while ((start = next.getAndAdd(CHUNK)) < cases) {
                        long end = Math.min(cases, start + CHUNK);
                        written.addAndGet(chunk(start, end, first, spacing, openSince, now));
                        if (end % 100_000 < CHUNK) {
                            System.out.printf("seeded %d cases, %d events, %d/s%n", end, written.get(),
                                    Math.round(written.get() / ((System.nanoTime() - t0) / 1e9)));
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
        return written.get();
    }

    /** One stored event: its case, its place in the case, its payload and who caused it when. */
    private record Stored(String caseId, long sequence, Object payload, String agency, Instant at) {
    }

    /** Writes the events of cases [start, end), their keys, queue rows and involvement in one transaction. */
    private long chunk(long start, long end, Instant first, long spacing, Instant openSince, Instant now)
            throws SQLException, IOException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            List<Long> numbers = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT nextval('case_reference_seq') FROM generate_series(1, ?)")) {
                ps.setLong(1, end - start);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        numbers.add(rs.getLong(1));
                    }
                }
            }
            List<Stored> stored = new ArrayList<>();
            try (PreparedStatement keys = c.prepareStatement(
                    "INSERT INTO subject_key (subject_id, wrapped_key, created_at) VALUES (?, ?, ?)");
                 PreparedStatement involvement = c.prepareStatement(
                         "INSERT INTO case_involvement (case_id, agency, since, reason) VALUES (?, ?, ?, ?)");
                 PreparedStatement queue = c.prepareStatement("INSERT INTO work_queue (task_id, agency, case_id, "
                         + "task_key, name, created_at, due_at, child) VALUES (?, 'competent-authority', ?, ?, "
                         + "'Reasonable-grounds decision', ?, ?, ?)")) {
                for (long i = start; i < end; i++) {
                    Instant referredAt = first.plusMillis(spacing * i);
                    String caseId = UUID.randomUUID().toString();
                    String agency = REFERRERS.get((int) (i % REFERRERS.size()));
                    boolean child = i % 7 == 0;
                    byte[] dataKey = new byte[32];
                    RANDOM.nextBytes(dataKey);
                    subjectKeys.put(caseId, dataKey);
                    keys.setString(1, caseId);
                    keys.setBytes(2, wrap(dataKey, caseId));
                    keys.setTimestamp(3, Timestamp.from(referredAt));
                    keys.addBatch();
                    var person = new PersonalDetails("Seed" + i, "Person", LocalDate.ofInstant(referredAt,
                            ZoneOffset.UTC).minusYears(child ? 15 : 30), "Seeded narrative " + i);
                    var profile = new PersonProfile(i % 3 == 0 ? Gender.MALE : Gender.FEMALE,
                            child ? AgeGroup.CHILD : AgeGroup.ADULT, false,
                            List.of(NATIONALITIES.get((int) (i % NATIONALITIES.size()))), List.of("eng"));
                    var exploitation = new Exploitation(Set.of(ExploitationType.values()[(int) (i % 4)]),
                            i % 5 == 0 ? ExploitationLocation.OVERSEAS : ExploitationLocation.DOMESTIC,
                            Set.of(Indicator.values()[(int) (i % Indicator.values().length)]));
                    Instant rgDue = referredAt.plus(Duration.ofDays(5));
                    String reference = "NRM-%d-%06d".formatted(referredAt.atZone(ZoneOffset.UTC).getYear(),
                            numbers.get((int) (i - start)));
                    long seq = 0;
                    stored.add(new Stored(caseId, seq++, new ReferralSubmitted(caseId, reference, agency, person,
                            profile, exploitation, child, !"GB".equals(profile.citizenships().get(0)), i % 2 == 0,
                            referredAt, rgDue), agency, referredAt));
                    involvement.setString(1, caseId);
                    involvement.setString(2, agency);
                    involvement.setTimestamp(3, Timestamp.from(referredAt));
                    involvement.setString(4, "referred");
                    involvement.addBatch();
                    if (!referredAt.isBefore(openSince)) {
                        // the queue row's agency is involved in the case, as the engine's task listener records it
                        involvement.setString(1, caseId);
                        involvement.setString(2, "competent-authority");
                        involvement.setTimestamp(3, Timestamp.from(referredAt));
                        involvement.setString(4, "task:" + TASK_KEY);
                        involvement.addBatch();
                        queue.setString(1, "seed-" + caseId);
                        queue.setString(2, caseId);
                        queue.setString(3, TASK_KEY);
                        queue.setTimestamp(4, Timestamp.from(referredAt));
                        queue.setTimestamp(5, Timestamp.from(rgDue));
                        queue.setBoolean(6, child);
                        queue.addBatch();
                        continue;
                    }
                    // a closed case's steps fit between its referral and now
                    Duration age = Duration.between(referredAt, now);
                    Instant decidedAt = referredAt.plus(age.dividedBy(20));
                    switch ((int) (i % 5)) {
                        case 0, 1 -> {
                            stored.add(new Stored(caseId, seq++, new ReasonableGroundsDecided(caseId,
                                    GroundsOutcome.NEGATIVE, PersonalText.of("Seeded reasons"), decidedAt,
                                    decidedAt.plus(Duration.ofDays(30))), "competent-authority", decidedAt));
                            Instant closedAt = decidedAt.plus(age.dividedBy(10));
                            stored.add(new Stored(caseId, seq, new CaseClosed(caseId, ClosureCategory.NEGATIVE_DECISION,
                                    PersonalText.of("Seeded"), closedAt), "competent-authority", closedAt));
                        }
                        case 2 -> {
                            Instant closedAt = referredAt.plus(age.dividedBy(30));
                            stored.add(new Stored(caseId, seq, new CaseClosed(caseId, ClosureCategory.WITHDRAWN,
                                    PersonalText.of("Seeded"), closedAt), agency, closedAt));
                        }
                        default -> {
                            stored.add(new Stored(caseId, seq++, new ReasonableGroundsDecided(caseId,
                                    GroundsOutcome.POSITIVE, PersonalText.of("Seeded reasons"), decidedAt, null),
                                    "competent-authority", decidedAt));
                            stored.add(new Stored(caseId, seq++, new RecoveryPeriodStarted(caseId, decidedAt,
                                    decidedAt.plus(Duration.ofDays(30))), "competent-authority", decidedAt));
                            Instant closedAt = decidedAt.plus(age.dividedBy(2));
                            stored.add(new Stored(caseId, seq, new CaseClosed(caseId, i % 2 == 0
                                    ? ClosureCategory.INTEGRATED : ClosureCategory.LOST_CONTACT,
                                    PersonalText.of("Seeded"), closedAt), "competent-authority", closedAt));
                        }
                    }
                }
                keys.executeBatch();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO domainevententry (aggregateidentifier,"
                        + " sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, "
                        + "timestamp) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)")) {
                    for (Stored event : stored) {
                        insert.setString(1, event.caseId());
                        insert.setLong(2, event.sequence());
                        insert.setString(3, CASE_AGGREGATE);
                        insert.setString(4, UUID.randomUUID().toString());
                        Map<String, String> metadata = new LinkedHashMap<>();
                        metadata.put("actor", "seed");
                        metadata.put("agency", event.agency());
                        insert.setBytes(5, PLAIN.writeValueAsBytes(metadata));
                        insert.setBytes(6, events.writer().withAttribute(Sealing.SUBJECT, event.caseId())
                                .writeValueAsBytes(event.payload()));
                        insert.setString(7, event.payload().getClass().getName());
                        insert.setString(8, AXON_TIME.format(event.at()));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                involvement.executeBatch();
                queue.executeBatch();
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                for (Stored event : stored) {
                    subjectKeys.remove(event.caseId());
                }
            }
            return stored.size();
        }
    }

    /** The data keys of the cases being written (by case id), for sealing their personal values. */
    private final Map<String, byte[]> subjectKeys = new java.util.concurrent.ConcurrentHashMap<>();

    /** A data key wrapped by the master key as the platform wraps it: IV, then AES-GCM with the subject as AAD. */
    private byte[] wrap(byte[] dataKey, String subjectId) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(128, iv));
            cipher.updateAAD(subjectId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a personal value sealed under its person's key, in the platform's sealed form
     * {@code {"subject", "alg", "iv", "data"}} (AES-256-GCM, the subject as associated data).
     */
    private final class Sealing<T> extends JsonSerializer<T> {
        static final String SUBJECT = "subject";

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            String subject = (String) provider.getAttribute(SUBJECT);
            byte[] key = subjectKeys.get(subject);
            try {
                byte[] iv = new byte[12];
                RANDOM.nextBytes(iv);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
                cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
                Map<String, Object> sealed = new LinkedHashMap<>();
                sealed.put(SUBJECT, subject);
                sealed.put("alg", "AES-256-GCM");
                sealed.put("iv", Base64.getEncoder().encodeToString(iv));
                sealed.put("data", Base64.getEncoder().encodeToString(cipher.doFinal(PLAIN.writeValueAsBytes(value))));
                gen.writeObject(sealed);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot seal personal data", e);
            }
        }
    }
}
