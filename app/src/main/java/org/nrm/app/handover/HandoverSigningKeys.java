package org.nrm.app.handover;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.protection.KeyEncryptionKeys;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The installation's own Ed25519 key for signing handover packages (JDK's EdDSA, no extra library). Generated on first
 * use and kept in {@code handover_signing_key}: the private key encrypted with a data key of its own, the data key
 * wrapped by the master key ({@link KeyEncryptionKeys}, as the persons' keys are), so a copy of the database alone
 * signs nothing. The key id is the country code and the first 16 characters of the public key's SHA-256
 * (base64url): stable, and a rotated key gets a new one. The public key is published as a JWK (RFC 8037, OKP).
 */
@Component
public class HandoverSigningKeys {

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw 32-byte key follows. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signing key: its id, its public key (raw 32 bytes) and, unsealed, its private key. */
    public record SigningKey(String keyId, byte[] publicKey, PrivateKey privateKey) {
        @Override
        public String toString() {
            return "SigningKey[" + keyId + "]";
        }
    }

    private final JdbcTemplate jdbc;
    private final KeyEncryptionKeys masterKeys;
    private final JurisdictionProperties jurisdiction;
    private final Clock clock;

    public HandoverSigningKeys(JdbcTemplate jdbc, KeyEncryptionKeys masterKeys, JurisdictionProperties jurisdiction,
                               Clock clock) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
        this.jurisdiction = jurisdiction;
        this.clock = clock;
    }

    /** The key that signs now, generated (and stored) the first time. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public SigningKey current() {
        List<SigningKey> found = jdbc.query("SELECT key_id, public_key, sealed_private_key, iv, wrapped_data_key, "
                + "kek_id, kek_version FROM handover_signing_key WHERE retired_at IS NULL", (rs, i) -> new SigningKey(
                rs.getString(1), rs.getBytes(2), unseal(rs.getString(1), rs.getBytes(3), rs.getBytes(4),
                new KeyEncryptionKeys.Wrapped(rs.getString(6), rs.getInt(7), rs.getBytes(5)))));
        if (!found.isEmpty()) {
            return found.get(0);
        }
        try {
            return generate();
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return current();
        }
    }

    /** Retires the current key and generates a new one; packages are signed with the new key from now on. */
    @Transactional
    public SigningKey rotate() {
        jdbc.update("UPDATE handover_signing_key SET retired_at = ? WHERE retired_at IS NULL",
                Timestamp.from(clock.instant()));
        return generate();
    }

    private SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] raw = raw(pair.getPublic());
            String keyId = keyId(jurisdiction.countryCode(), raw);
            KeyGenerator aes = KeyGenerator.getInstance("AES");
            aes.init(256, RANDOM);
            SecretKey dataKey = aes.generateKey();
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(128, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            byte[] sealed = cipher.doFinal(pkcs8);
            Arrays.fill(pkcs8, (byte) 0);
            KeyEncryptionKeys.Wrapped wrapped = masterKeys.wrap(dataKey, subject(keyId));
            jdbc.update("INSERT INTO handover_signing_key (key_id, public_key, sealed_private_key, iv, "
                            + "wrapped_data_key, kek_id, kek_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    keyId, raw, sealed, iv, wrapped.bytes(), wrapped.keyId(), wrapped.version(),
                    Timestamp.from(clock.instant()));
            return new SigningKey(keyId, raw, pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate the handover signing key", e);
        }
    }

    private PrivateKey unseal(String keyId, byte[] sealed, byte[] iv, KeyEncryptionKeys.Wrapped wrapped) {
        try {
            SecretKey dataKey = masterKeys.unwrap(wrapped, subject(keyId));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(128, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] pkcs8 = cipher.doFinal(sealed);
            try {
                return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new KeyEncryptionKeys.KeyStoreException("the handover signing key " + keyId + " does not unseal", e);
        }
    }

    private static String subject(String keyId) {
        return "handover-signing-key:" + keyId;
    }

    /** The JWK of a public key (RFC 8037): {@code kty OKP, crv Ed25519, x, kid, use sig, alg EdDSA}. */
    public static Map<String, Object> jwk(String keyId, byte[] raw) {
        var jwk = new LinkedHashMap<String, Object>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        return jwk;
    }

    public static String keyId(String country, byte[] raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return country.toUpperCase(java.util.Locale.ROOT) + "-"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    /** A public key from its raw 32 bytes; {@code IllegalArgumentException} if they are not one. */
    public static PublicKey publicKey(byte[] raw) {
        if (raw == null || raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] content) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean verify(PublicKey key, byte[] content, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(content);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
