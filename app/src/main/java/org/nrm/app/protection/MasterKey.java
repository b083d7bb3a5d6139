package org.nrm.app.protection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One version of the installation's key-encryption key (AES-256-GCM): wraps and unwraps the subjects' data keys, the
 * subject id as associated data. {@link ConfiguredMasterKeys} holds the versions.
 */
public final class MasterKey {

    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public MasterKey(String base64) {
        this(base64, "nrm.protection.master-key");
    }

    MasterKey(String base64, String property) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("Refusing to start: no master key for personal data is configured "
                    + "(" + property + ", 32 bytes in base64).");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException(property + " is not base64 (32 bytes, 256 bits, in base64).");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (256 bits) in base64.");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public byte[] wrap(SecretKey dataKey, String subjectId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(subjectId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(dataKey.getEncoded());
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap a data key", e);
        }
    }

    public SecretKey unwrap(byte[] wrapped, String subjectId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrapped, 0, IV_BYTES));
            cipher.updateAAD(subjectId.getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(cipher.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unwrap the data key of a subject (wrong master key?)", e);
        }
    }

    /** The key itself, for deriving the pseudonyms' key from version 1 (see {@link Pseudonyms}). */
    SecretKey secretKey() {
        return key;
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
