package org.nrm.app.protection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nrm.app.security.NrmUser;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit of every read of a case's personal data: who, when, which case and why. A break-glass read gives a
 * ground (a code, kept in clear: the audit must survive the person's erasure) and a free-text reason, which is
 * personal data of the person read: sealed with their key, never shown in clear to oversight, erased with the key.
 */
@Component
public class PersonalDataReads {

    public static final String BREAK_GLASS = "break-glass";
    private static final String LEGACY_BREAK_GLASS = BREAK_GLASS + ": ";

    /**
     * One read. {@code reason} is the free-text reason of a break-glass read as oversight sees it: {@code
     * [pseudonymised]} while the person's data exists, {@code [erased]} after, null when none was given.
     */
    public record Read(String caseId, String userId, String agency, String role, String purpose, String ground,
                       String reason, Instant readAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PersonalDataCipher cipher;

    public PersonalDataReads(JdbcTemplate jdbc, Clock clock, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
    }

    public void record(String caseId, NrmUser user, String purpose) {
        jdbc.update("INSERT INTO personal_data_read (case_id, user_id, agency, role, purpose, read_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", caseId, user.userId(), user.agency(), user.role().name(),
                purpose, Timestamp.from(clock.instant()));
    }

    /** A break-glass read: the ground in clear, the reason sealed with the key of the person read. */
    public void recordBreakGlass(String caseId, NrmUser user, BreakGlassGround ground, String reason) {
        jdbc.update("INSERT INTO personal_data_read (case_id, user_id, agency, role, purpose, ground, reason, read_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", caseId, user.userId(), user.agency(), user.role().name(),
                BREAK_GLASS, ground.name(), seal(caseId, reason), Timestamp.from(clock.instant()));
    }

    public List<Read> list(String caseId, int limit) {
        String where = caseId == null ? "" : " WHERE case_id = ?";
        Object[] args = caseId == null ? new Object[] {limit} : new Object[] {caseId, limit};
        return jdbc.query("SELECT * FROM personal_data_read" + where + " ORDER BY read_at DESC, id DESC LIMIT ?",
                (rs, i) -> new Read(rs.getString("case_id"), rs.getString("user_id"), rs.getString("agency"),
                        rs.getString("role"), rs.getString("purpose"), rs.getString("ground"),
                        withheld(rs.getString("reason")), rs.getTimestamp("read_at").toInstant()), args);
    }

    /** The reason of a break-glass read in clear, for the data-protection officer's inquiry; empty once erased. */
    public java.util.Optional<String> openReason(String sealedReason) {
        if (sealedReason == null) {
            return java.util.Optional.empty();
        }
        return cipher.open(read(sealedReason)).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Rows written before reasons were sealed hold them in clear in {@code purpose}: seal them (idempotent; a
     * person already erased gets an erased tombstone instead, so the clear reason is gone either way).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void sealLegacyReasons() {
        jdbc.query("SELECT id, case_id, purpose FROM personal_data_read WHERE purpose LIKE ?", rs -> {
            String reason = rs.getString("purpose").substring(LEGACY_BREAK_GLASS.length());
            jdbc.update("UPDATE personal_data_read SET purpose = ?, ground = ?, reason = ? WHERE id = ? "
                            + "AND purpose LIKE ?", BREAK_GLASS, BreakGlassGround.OTHER.name(),
                    seal(rs.getString("case_id"), reason), rs.getLong("id"), LEGACY_BREAK_GLASS + "%");
        }, LEGACY_BREAK_GLASS + "%");
    }

    private String withheld(String sealedReason) {
        if (sealedReason == null) {
            return null;
        }
        Map<String, Object> sealed = read(sealedReason);
        return Boolean.TRUE.equals(sealed.get(PersonalDataCipher.ERASED)) || cipherErased(sealed)
                ? PersonalDataModule.ERASED : HistoryDataReader.PSEUDONYMISED;
    }

    private boolean cipherErased(Map<String, Object> sealed) {
        return cipher.isErased(sealed);
    }

    private String seal(String caseId, String reason) {
        try {
            return JSON.writeValueAsString(cipher.seal(caseId, reason.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
