package org.nrm.app.protection;

import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Subject keys in the {@code subject_key} table, wrapped by the master key. Keys are created inside the caller's
 * transaction, so a key and the first events encrypted with it commit together.
 */
public class JdbcSubjectKeys implements SubjectKeys {

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final Clock clock;

    public JdbcSubjectKeys(JdbcTemplate jdbc, MasterKey masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    @Override
    public Optional<SecretKey> keyFor(String subjectId) {
        Optional<Row> row = row(subjectId);
        if (row.isEmpty()) {
            jdbc.update("INSERT INTO subject_key (subject_id, wrapped_key, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (subject_id) DO NOTHING", subjectId, masterKey.wrap(newKey(), subjectId),
                    Timestamp.from(clock.instant()));
            row = row(subjectId);
        }
        return row.flatMap(r -> unwrap(r, subjectId));
    }

    @Override
    public Optional<SecretKey> existingKey(String subjectId) {
        return row(subjectId).flatMap(r -> unwrap(r, subjectId));
    }

    @Override
    public void erase(String subjectId, String erasedBy) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("UPDATE subject_key SET wrapped_key = NULL, erased_at = ?, erased_by = ? "
                + "WHERE subject_id = ? AND erased_at IS NULL", now, erasedBy, subjectId);
        if (updated == 0) {
            jdbc.update("INSERT INTO subject_key (subject_id, wrapped_key, created_at, erased_at, erased_by) "
                    + "VALUES (?, NULL, ?, ?, ?) ON CONFLICT (subject_id) DO NOTHING", subjectId, now, now, erasedBy);
        }
    }

    @Override
    public boolean isErased(String subjectId) {
        return row(subjectId).map(r -> r.wrapped() == null).orElse(false);
    }

    private record Row(byte[] wrapped) {
    }

    private Optional<Row> row(String subjectId) {
        List<Row> rows = jdbc.query("SELECT wrapped_key FROM subject_key WHERE subject_id = ?",
                (rs, i) -> new Row(rs.getBytes("wrapped_key")), subjectId);
        return rows.stream().findFirst();
    }

    private Optional<SecretKey> unwrap(Row row, String subjectId) {
        return row.wrapped() == null ? Optional.empty() : Optional.of(masterKey.unwrap(row.wrapped(), subjectId));
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
