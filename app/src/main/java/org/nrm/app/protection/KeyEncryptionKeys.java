package org.nrm.app.protection;

import javax.crypto.SecretKey;

/**
 * The installation's master key (key-encryption key), in versions: it wraps and unwraps the data keys of the data
 * subjects, with the subject id bound to each wrap (as associated data or derivation context), so a wrapped key cannot
 * be moved to another person. New wraps use the current version; every version still configured unwraps. Two
 * implementations: {@link ConfiguredMasterKeys} (keys in the configuration) and {@link VaultTransitKeys} (HashiCorp
 * Vault's transit engine: the key never leaves Vault).
 */
public interface KeyEncryptionKeys {

    /** The name of the master key (what {@code subject_key.kek_id} records). */
    String keyId();

    /** The version new wraps use. */
    int currentVersion();

    Wrapped wrap(SecretKey dataKey, String subjectId);

    SecretKey unwrap(Wrapped wrapped, String subjectId);

    /** The same data key wrapped under the current version (Vault does it without the key leaving it). */
    default Wrapped rewrap(Wrapped wrapped, String subjectId) {
        return wrap(unwrap(wrapped, subjectId), subjectId);
    }

    /** A wrapped data key and the master key (id, version) that wrapped it. */
    record Wrapped(String keyId, int version, byte[] bytes) {

        @Override
        public String toString() {
            return "Wrapped[" + keyId + " v" + version + ", " + bytes.length + " bytes]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Wrapped w && w.keyId.equals(keyId) && w.version == version
                    && java.util.Arrays.equals(w.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(keyId, version, java.util.Arrays.hashCode(bytes));
        }
    }

    /** A master key operation that failed: the message names the key and version, never any key material. */
    class KeyStoreException extends IllegalStateException {
        public KeyStoreException(String message) {
            super(message);
        }

        public KeyStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
