package org.nrm.app.protection;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-wraps every person's data key that an older master key version wraps under the current version. The data keys
 * themselves do not change, so no event is rewritten and everything sealed reads as before. It works in batches in the
 * order of the subject ids; each batch is one transaction that locks its rows, re-wraps them, and advances the run's
 * progress row ({@code key_rotation}: last subject id done, count done), so an interrupted run (a crash, a failure of
 * the key store, a stop) resumes after the last committed batch, and a second node asking for the same run waits on
 * the progress row and continues from the same point instead of doing the work twice. Erased subjects (no key material)
 * are never touched and stay erased. Old versions may be retired once a run has completed.
 */
public class KeyRotation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);
    private static final String STALE = "wrapped_key IS NOT NULL AND (COALESCE(kek_version, 1) <> ? "
            + "OR COALESCE(kek_id, ?) <> ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KeyEncryptionKeys keys;
    private final Clock clock;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "nrm-key-rotation");
        thread.setDaemon(true);
        return thread;
    });

    public KeyRotation(JdbcTemplate jdbc, TransactionTemplate transactions, KeyEncryptionKeys keys, Clock clock,
                       int batchSize) {
        if (batchSize < 1) {
            throw new IllegalStateException("nrm.protection.rotation.batch-size must be at least 1.");
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.keys = keys;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /**
     * The open run for the current version (resumed), or a new one. An open run for another version (the current one
     * changed since) is closed as {@code SUPERSEDED}: the new run covers its rows too.
     */
    public Progress open(String by) {
        int target = keys.currentVersion();
        String keyId = keys.keyId();
        return transactions.execute(tx -> {
            jdbc.execute("LOCK TABLE key_rotation IN SHARE ROW EXCLUSIVE MODE");
            List<Map<String, Object>> open = jdbc.queryForList("SELECT id, key_id, target_version FROM key_rotation "
                    + "WHERE finished_at IS NULL");
            Timestamp now = Timestamp.from(clock.instant());
            if (!open.isEmpty()) {
                Map<String, Object> run = open.get(0);
                if (keyId.equals(run.get("key_id")) && target == ((Number) run.get("target_version")).intValue()) {
                    return progress();
                }
                jdbc.update("UPDATE key_rotation SET finished_at = ?, updated_at = ?, outcome = 'SUPERSEDED' "
                        + "WHERE id = ?", now, now, run.get("id"));
            }
            long toRewrap = jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE " + STALE, Long.class,
                    target, keyId, keyId);
            jdbc.update("INSERT INTO key_rotation (key_id, target_version, started_at, started_by, updated_at, "
                    + "to_rewrap) VALUES (?, ?, ?, ?, ?, ?)", keyId, target, now, by, now, toRewrap);
            return progress();
        });
    }

    /** Opens (or resumes) the run and carries it on to the end in the background; returns the progress at start. */
    public Progress startInBackground(String by) {
        boolean mine = running.compareAndSet(false, true);
        Progress progress;
        try {
            progress = open(by);
        } catch (RuntimeException notOpened) {
            if (mine) {
                running.set(false);
            }
            throw notOpened;
        }
        if (mine) {
            worker.submit(() -> {
                try {
                    run(Integer.MAX_VALUE);
                } catch (RuntimeException e) {
                    LOG.warn("The master key rotation stopped; POST /api/admin/keys/rotation resumes it: {}",
                            e.getMessage());
                } finally {
                    running.set(false);
                }
                return null;
            });
        }
        return progress;
    }

    /**
     * Runs at most {@code maxBatches} batches of the open run (opening none), then returns the progress. A batch that
     * fails is rolled back whole, its error recorded on the run, and the exception rethrown; the run stays open.
     */
    public Progress run(int maxBatches) {
        for (int batch = 0; batch < maxBatches; batch++) {
            boolean more;
            try {
                more = Boolean.TRUE.equals(transactions.execute(tx -> batch()));
            } catch (RuntimeException failed) {
                String error = failed.getClass().getSimpleName() + ": " + failed.getMessage();
                jdbc.update("UPDATE key_rotation SET last_error = ?, updated_at = ? WHERE finished_at IS NULL",
                        error.length() > 1000 ? error.substring(0, 1000) : error, Timestamp.from(clock.instant()));
                throw failed;
            }
            if (!more) {
                break;
            }
        }
        return progress();
    }

    /** One batch of the open run; false when the run is finished (or there is none). */
    private boolean batch() {
        List<Map<String, Object>> open = jdbc.queryForList("SELECT id, key_id, target_version, last_subject_id "
                + "FROM key_rotation WHERE finished_at IS NULL FOR UPDATE");
        if (open.isEmpty()) {
            return false;
        }
        long id = ((Number) open.get(0).get("id")).longValue();
        String keyId = (String) open.get(0).get("key_id");
        int target = ((Number) open.get(0).get("target_version")).intValue();
        if (!keyId.equals(keys.keyId()) || target != keys.currentVersion()) {
            throw new KeyEncryptionKeys.KeyStoreException("The open rotation targets version " + target + " of '"
                    + keyId + "' but the current master key is version " + keys.currentVersion() + " of '"
                    + keys.keyId() + "': start the rotation again.");
        }
        String after = (String) open.get(0).get("last_subject_id");
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT subject_id, wrapped_key, kek_id, kek_version "
                + "FROM subject_key WHERE subject_id > ? AND " + STALE + " ORDER BY subject_id LIMIT ? FOR UPDATE",
                after == null ? "" : after, target, keyId, keyId, batchSize);
        Timestamp now = Timestamp.from(clock.instant());
        if (rows.isEmpty()) {
            jdbc.update("UPDATE key_rotation SET finished_at = ?, updated_at = ?, outcome = 'COMPLETED', "
                    + "last_error = NULL WHERE id = ?", now, now, id);
            LOG.info("The master key rotation {} to version {} of '{}' has completed.", id, target, keyId);
            return false;
        }
        String last = after;
        for (Map<String, Object> row : rows) {
            String subjectId = (String) row.get("subject_id");
            KeyEncryptionKeys.Wrapped old = JdbcSubjectKeys.wrapped((byte[]) row.get("wrapped_key"),
                    (String) row.get("kek_id"), (Integer) row.get("kek_version"), keys);
            KeyEncryptionKeys.Wrapped renewed = keys.rewrap(old, subjectId);
            jdbc.update("UPDATE subject_key SET wrapped_key = ?, kek_id = ?, kek_version = ? "
                    + "WHERE subject_id = ? AND wrapped_key IS NOT NULL", renewed.bytes(), renewed.keyId(),
                    renewed.version(), subjectId);
            last = subjectId;
        }
        jdbc.update("UPDATE key_rotation SET last_subject_id = ?, rewrapped = rewrapped + ?, updated_at = ?, "
                + "last_error = NULL WHERE id = ?", last, rows.size(), now, id);
        return true;
    }

    /** Where the keys stand: per version, erased, still to re-wrap, and the latest run. */
    public Progress progress() {
        int current = keys.currentVersion();
        String keyId = keys.keyId();
        Map<String, Long> byVersion = new LinkedHashMap<>();
        jdbc.query("SELECT COALESCE(kek_id, ?) AS kek, COALESCE(kek_version, 1) AS v, count(*) AS n FROM subject_key "
                + "WHERE wrapped_key IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2", rs -> {
                    String name = rs.getString("kek").equals(keyId) ? String.valueOf(rs.getInt("v"))
                            : rs.getString("kek") + " v" + rs.getInt("v");
                    byVersion.put(name, rs.getLong("n"));
                }, keyId);
        long erased = jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE wrapped_key IS NULL", Long.class);
        long remaining = jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE " + STALE, Long.class,
                current, keyId, keyId);
        Run run = jdbc.query("SELECT * FROM key_rotation ORDER BY id DESC LIMIT 1", (rs, i) -> new Run(
                rs.getLong("id"), rs.getString("key_id"), rs.getInt("target_version"),
                rs.getTimestamp("started_at").toInstant(), rs.getString("started_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getLong("to_rewrap"), rs.getLong("rewrapped"),
                rs.getString("last_subject_id"),
                rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                rs.getString("outcome") != null ? rs.getString("outcome") : running.get() ? "RUNNING" : "INTERRUPTED",
                rs.getString("last_error"))).stream().findFirst().orElse(null);
        return new Progress(keyId, current, byVersion, erased, remaining, running.get(), run);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /**
     * @param subjectKeysByVersion data keys per master key version ("2"; "other-key v1" for another key's)
     * @param remaining            data keys not yet under the current version
     * @param running              whether this node is carrying a run on now
     * @param rotation             the latest run, null if there never was one
     */
    public record Progress(String keyId, int currentVersion, Map<String, Long> subjectKeysByVersion, long erased,
                           long remaining, boolean running, Run rotation) {
    }

    /**
     * @param state {@code RUNNING} (on this node), {@code INTERRUPTED} (open, not running here: POST resumes it),
     *              {@code COMPLETED} or {@code SUPERSEDED} (the current version changed before it finished)
     */
    public record Run(long id, String keyId, int targetVersion, Instant startedAt, String startedBy, Instant updatedAt,
                      long toRewrap, long rewrapped, String lastSubjectId, Instant finishedAt, String state,
                      String lastError) {
    }
}
