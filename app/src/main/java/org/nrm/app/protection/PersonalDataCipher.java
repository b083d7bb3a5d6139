package org.nrm.app.protection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a piece of personal data with its subject's key (AES-256-GCM, the subject id as associated data, so a sealed
 * value cannot be moved to another person). A sealed value is a small JSON object:
 * {@code {"subject": .., "alg": "AES-256-GCM", "iv": .., "data": ..}}; once the subject is erased it can no longer
 * be opened, and new values for the subject are written as {@code {"subject": .., "erased": true}}.
 */
public class PersonalDataCipher {

    public static final String SUBJECT = "subject";
    public static final String ALGORITHM = "alg";
    public static final String IV = "iv";
    public static final String DATA = "data";
    public static final String ERASED = "erased";
    private static final String AES_GCM = "AES-256-GCM";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubjectKeys keys;

    public PersonalDataCipher(SubjectKeys keys) {
        this.keys = keys;
    }

    public Map<String, Object> seal(String subjectId, byte[] plaintext) {
        Map<String, Object> sealed = new LinkedHashMap<>();
        sealed.put(SUBJECT, subjectId);
        Optional<SecretKey> key = keys.keyFor(subjectId);
        if (key.isEmpty()) {
            sealed.put(ERASED, true);
            return sealed;
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.get(), new GCMParameterSpec(128, iv));
            cipher.updateAAD(subjectId.getBytes(StandardCharsets.UTF_8));
            sealed.put(ALGORITHM, AES_GCM);
            sealed.put(IV, Base64.getEncoder().encodeToString(iv));
            sealed.put(DATA, Base64.getEncoder().encodeToString(cipher.doFinal(plaintext)));
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt personal data", e);
        }
    }

    /** The plaintext of a sealed value, or empty when the subject was erased. */
    public Optional<byte[]> open(Map<?, ?> sealed) {
        String subjectId = (String) sealed.get(SUBJECT);
        if (Boolean.TRUE.equals(sealed.get(ERASED)) || subjectId == null) {
            return Optional.empty();
        }
        Optional<SecretKey> key = keys.existingKey(subjectId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(),
                    new GCMParameterSpec(128, Base64.getDecoder().decode((String) sealed.get(IV))));
            cipher.updateAAD(subjectId.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(Base64.getDecoder().decode((String) sealed.get(DATA))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Personal data of a subject does not decrypt: tampered or wrong key", e);
        }
    }

    /** True when a sealed value can no longer be opened because its subject was erased (nothing is decrypted). */
    public boolean isErased(Map<?, ?> sealed) {
        Object subjectId = sealed.get(SUBJECT);
        return Boolean.TRUE.equals(sealed.get(ERASED)) || subjectId == null || keys.isErased(subjectId.toString());
    }

    public static boolean isSealed(Object value) {
        return value instanceof Map<?, ?> map && map.containsKey(SUBJECT)
                && (map.containsKey(DATA) || map.containsKey(ERASED));
    }
}
