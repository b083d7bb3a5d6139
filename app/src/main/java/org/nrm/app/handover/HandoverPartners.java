package org.nrm.app.handover;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nrm.app.security.NrmUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The partners' public keys an administrator trusts (registered as the partner's {@code GET /api/handovers/key}
 * returned them). A rotation registers the partner's new key (optionally revoking the one it replaces); a revoked key
 * verifies nothing from then on.
 */
@Component
public class HandoverPartners {

    /** A registered key. */
    public record PartnerKey(String keyId, String country, byte[] publicKey, Instant registeredAt,
                             String registeredBy, Instant revokedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }

        public Map<String, Object> view() {
            var out = new LinkedHashMap<String, Object>();
            out.put("keyId", keyId);
            out.put("country", country);
            out.put("publicKey", HandoverSigningKeys.jwk(keyId, publicKey));
            out.put("registeredAt", registeredAt);
            out.put("registeredBy", registeredBy);
            out.put("revokedAt", revokedAt);
            return out;
        }
    }

    /** Why a registration is refused (400 naming the field, or 409 for a state that does not allow it). */
    public static class RegistrationRefused extends RuntimeException {
        private final String field;
        private final boolean conflict;

        RegistrationRefused(String field, boolean conflict, String message) {
            super(message);
            this.field = field;
            this.conflict = conflict;
        }

        public String field() {
            return field;
        }

        public boolean conflict() {
            return conflict;
        }
    }

    /** What a key id may be: the platform's are {@code <country>-<16 base64url characters>}. */
    public static final String KEY_ID = "[A-Za-z0-9_-]{1,64}";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public HandoverPartners(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<PartnerKey> find(String keyId) {
        if (keyId == null || !keyId.matches(KEY_ID)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT key_id, country, public_key, registered_at, registered_by, revoked_at "
                + "FROM handover_partner_key WHERE key_id = ?", (rs, i) -> new PartnerKey(rs.getString(1),
                rs.getString(2), rs.getBytes(3), rs.getTimestamp(4).toInstant(), rs.getString(5),
                rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()), keyId).stream().findFirst();
    }

    public List<PartnerKey> all() {
        return jdbc.query("SELECT key_id, country, public_key, registered_at, registered_by, revoked_at "
                + "FROM handover_partner_key ORDER BY country, registered_at", (rs, i) -> new PartnerKey(
                rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getTimestamp(4).toInstant(), rs.getString(5),
                rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()));
    }

    /**
     * Registers a partner's key: {@code publicKey} is the JWK (or its {@code x}, base64url) the partner published;
     * the key id must be the partner's (checked against its country and the key's digest, so a typo cannot trust
     * the wrong key). {@code replaces}: a key of the same country revoked in the same step (a rotation).
     */
    @Transactional
    public PartnerKey register(String country, String keyId, Object publicKey, String replaces, String ownCountry,
                               NrmUser admin) {
        if (country == null || !country.matches("[A-Z]{2}")) {
            throw new RegistrationRefused("country", false, "'country' must be an ISO 3166-1 alpha-2 code.");
        }
        if (country.equals(ownCountry)) {
            throw new RegistrationRefused("country", false, "'country' is this installation's own country.");
        }
        if (keyId == null || !keyId.matches(KEY_ID)) {
            throw new RegistrationRefused("keyId", false, "'keyId' must be given (at most 64 characters).");
        }
        byte[] raw = raw(publicKey);
        if (!HandoverSigningKeys.keyId(country, raw).equals(keyId)) {
            throw new RegistrationRefused("keyId", false,
                    "'keyId' is not the id of this public key for " + country + ".");
        }
        Optional<PartnerKey> existing = find(keyId);
        if (existing.isPresent()) {
            if (existing.get().revoked()) {
                throw new RegistrationRefused("keyId", true, "The key " + keyId + " was revoked; it cannot be "
                        + "trusted again.");
            }
            return existing.get();
        }
        Instant now = clock.instant();
        if (replaces != null) {
            if (!replaces.matches(KEY_ID)) {
                throw new RegistrationRefused("replaces", false, "'replaces' names no key of " + country + ".");
            }
            PartnerKey old = find(replaces).filter(k -> k.country().equals(country)).orElseThrow(() ->
                    new RegistrationRefused("replaces", false, "'replaces' names no key of " + country + "."));
            if (!old.revoked()) {
                revoke(old.keyId(), admin);
            }
        }
        jdbc.update("INSERT INTO handover_partner_key (key_id, country, public_key, registered_at, registered_by) "
                + "VALUES (?, ?, ?, ?, ?)", keyId, country, raw, Timestamp.from(now), admin.userId());
        return find(keyId).orElseThrow();
    }

    @Transactional
    public PartnerKey revoke(String keyId, NrmUser admin) {
        PartnerKey key = find(keyId).orElseThrow(() -> new RegistrationRefused(null, false, "No partner key "
                + keyId + "."));
        if (!key.revoked()) {
            jdbc.update("UPDATE handover_partner_key SET revoked_at = ?, revoked_by = ? WHERE key_id = ?",
                    Timestamp.from(clock.instant()), admin.userId(), keyId);
        }
        return find(keyId).orElseThrow();
    }

    private static byte[] raw(Object publicKey) {
        String x = null;
        if (publicKey instanceof Map<?, ?> jwk) {
            if (!"OKP".equals(jwk.get("kty")) || !"Ed25519".equals(jwk.get("crv"))) {
                throw new RegistrationRefused("publicKey", false,
                        "'publicKey' must be an Ed25519 JWK (kty OKP, crv Ed25519).");
            }
            x = jwk.get("x") instanceof String s ? s : null;
        } else if (publicKey instanceof String s) {
            x = s;
        }
        if (x == null) {
            throw new RegistrationRefused("publicKey", false, "'publicKey' must be given (the partner's JWK).");
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(x);
            HandoverSigningKeys.publicKey(raw);
            return raw;
        } catch (IllegalArgumentException e) {
            throw new RegistrationRefused("publicKey", false, "'publicKey' is not an Ed25519 public key.");
        }
    }
}
