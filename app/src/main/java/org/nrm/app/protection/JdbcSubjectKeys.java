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
 * Subject keys in the {@code subject_key} table, wrapped by the master key ({@link KeyEncryptionKeys}), with the
 * master key's id and version that wrapped each ({@code kek_id}, {@code kek_version}; rows without them are version 1
 * of the configured key). Keys are created inside the caller's transaction, so a key and the first events encrypted
 * with it commit together. {@link KeyRotation} re-wraps them under a new version.
 */
public class JdbcSubjectKeys implements SubjectKeys {

    private final JdbcTemplate jdbc;
    private final KeyEncryptionKeys masterKeys;
    private final Clock clock;

    public JdbcSubjectKeys(JdbcTemplate jdbc, KeyEncryptionKeys masterKeys, Clock clock) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
        this.clock = clock;
    }

    @Override
    public Optional<SecretKey> keyFor(String subjectId) {
        Optional<Row> row = row(subjectId);
        if (row.isEmpty()) {
            KeyEncryptionKeys.Wrapped wrapped = masterKeys.wrap(newKey(), subjectId);
            // the row as written; none when another transaction wrote the subject's row first (then that one counts)
            row = jdbc.query("INSERT INTO subject_key (subject_id, wrapped_key, kek_id, kek_version, created_at) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (subject_id) DO NOTHING "
                    + "RETURNING wrapped_key, kek_id, kek_version", JdbcSubjectKeys::row, subjectId, wrapped.bytes(),
                    wrapped.keyId(), wrapped.version(), Timestamp.from(clock.instant())).stream().findFirst();
            if (row.isEmpty()) {
                row = row(subjectId);
            }
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

    private record Row(byte[] wrapped, String keyId, Integer version) {
    }

    private Optional<Row> row(String subjectId) {
        List<Row> rows = jdbc.query("SELECT wrapped_key, kek_id, kek_version FROM subject_key WHERE subject_id = ?",
                JdbcSubjectKeys::row, subjectId);
        return rows.stream().findFirst();
    }

    private static Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(rs.getBytes("wrapped_key"), rs.getString("kek_id"), (Integer) rs.getObject("kek_version"));
    }

    private Optional<SecretKey> unwrap(Row row, String subjectId) {
        return row.wrapped() == null ? Optional.empty()
                : Optional.of(masterKeys.unwrap(wrapped(row.wrapped(), row.keyId(), row.version(), masterKeys),
                        subjectId));
    }

    /** A stored wrap; a row without id and version (written before they were recorded) is version 1 of the key. */
    static KeyEncryptionKeys.Wrapped wrapped(byte[] bytes, String keyId, Integer version, KeyEncryptionKeys keys) {
        return new KeyEncryptionKeys.Wrapped(keyId == null ? keys.keyId() : keyId, version == null ? 1 : version,
                bytes);
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
