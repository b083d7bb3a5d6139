package org.nrm.app.protection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms (HMAC-SHA256 under a key per purpose, itself the HMAC of the purpose under the pseudonym key):
 * stable, not reversible without the key. The key is a secret of its own, {@code nrm.protection.pseudonym-key} (32
 * bytes in base64), independent of the master key and its versions; production sets it. When it is not set, it is
 * version 1 of the configured master key, as in releases before the two were separate, so the pseudonyms already
 * handed out stay the same.
 */
public final class Pseudonyms {

    private final SecretKey key;

    Pseudonyms(SecretKey key) {
        this.key = key;
    }

    /**
     * The pseudonyms from {@code nrm.protection.pseudonym-key}, or, when blank, from version 1 of the master key in the
     * configuration ({@code nrm.protection.master-keys.1} or {@code nrm.protection.master-key}); refuses when neither
     * is there (a master key in Vault, or version 1 retired).
     */
    public static Pseudonyms of(String pseudonymKey, String masterKeyVersionOne) {
        if (pseudonymKey != null && !pseudonymKey.isBlank()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(pseudonymKey.trim());
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalStateException("nrm.protection.pseudonym-key is not base64 (32 bytes in base64).");
            }
            if (bytes.length != 32) {
                throw new IllegalStateException("nrm.protection.pseudonym-key must be 32 bytes (256 bits) in base64.");
            }
            return new Pseudonyms(new SecretKeySpec(bytes, "HmacSHA256"));
        }
        if (masterKeyVersionOne != null && !masterKeyVersionOne.isBlank()) {
            return new Pseudonyms(new MasterKey(masterKeyVersionOne).secretKey());
        }
        throw new IllegalStateException("Refusing to start: no nrm.protection.pseudonym-key is configured and there "
                + "is no version 1 of a configured master key to derive it from (the master key is in Vault, or "
                + "version 1 was retired): set nrm.protection.pseudonym-key (32 bytes in base64; to keep the "
                + "pseudonyms already handed out, the former version 1 of the master key).");
    }

    /** A keyed pseudonym of {@code value} for {@code purpose}. */
    public String pseudonym(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] purposeKey = mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
            mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
