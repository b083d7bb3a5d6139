package org.nrm.app.protection;

import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The data keys of data subjects (one per person). The table-backed implementation wraps keys with the installation's
 * master key; a KMS or HSM can take its place behind this interface.
 */
public interface SubjectKeys {

    /** The subject's key, created on first use; empty when the subject's personal data was erased. */
    Optional<SecretKey> keyFor(String subjectId);

    /** The subject's key if it exists; empty when there is none or it was erased. */
    Optional<SecretKey> existingKey(String subjectId);

    /** Destroys the subject's key for good: everything encrypted with it becomes unreadable. */
    void erase(String subjectId, String erasedBy);

    boolean isErased(String subjectId);
}
