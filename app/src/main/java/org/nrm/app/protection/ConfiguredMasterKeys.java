package org.nrm.app.protection;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKey;

/**
 * The master key's versions from the configuration: {@code nrm.protection.master-keys.<version>} (32 bytes in base64
 * each), {@code nrm.protection.master-key-id} (the name recorded with each wrap, default {@value #DEFAULT_ID}) and
 * {@code nrm.protection.master-key-version} (the version new wraps use; default the highest configured). The single
 * property of earlier releases, {@code nrm.protection.master-key}, is version 1, so existing installations start
 * unchanged, and so do the rows wrapped before versions were recorded.
 */
public final class ConfiguredMasterKeys implements KeyEncryptionKeys {

    public static final String DEFAULT_ID = "nrm-master";

    private final String keyId;
    private final Map<Integer, MasterKey> versions;
    private final int current;

    /**
     * @param legacy    {@code nrm.protection.master-key} (version 1), may be blank
     * @param versioned {@code nrm.protection.master-keys.*}, may be empty
     * @param keyId     {@code nrm.protection.master-key-id}, blank for the default
     * @param current   {@code nrm.protection.master-key-version}, null for the highest configured
     */
    public ConfiguredMasterKeys(String legacy, Map<Integer, String> versioned, String keyId, Integer current) {
        Map<Integer, MasterKey> keys = new TreeMap<>();
        Map<Integer, String> encoded = new TreeMap<>();
        versioned.forEach((version, base64) -> {
            if (version == null || version < 1) {
                throw new IllegalStateException("Refusing to start: nrm.protection.master-keys." + version
                        + ": versions are whole numbers from 1.");
            }
            keys.put(version, new MasterKey(base64, "nrm.protection.master-keys." + version));
            encoded.put(version, base64.trim());
        });
        if (legacy != null && !legacy.isBlank()) {
            MasterKey one = new MasterKey(legacy, "nrm.protection.master-key");
            if (encoded.containsKey(1) && !encoded.get(1).equals(legacy.trim())) {
                throw new IllegalStateException("Refusing to start: nrm.protection.master-key and "
                        + "nrm.protection.master-keys.1 are both set and differ (the former is version 1).");
            }
            keys.putIfAbsent(1, one);
        }
        if (keys.isEmpty()) {
            new MasterKey("", "nrm.protection.master-key or nrm.protection.master-keys.<version>");
        }
        this.current = current == null ? ((TreeMap<Integer, MasterKey>) keys).lastKey() : current;
        if (!keys.containsKey(this.current)) {
            throw new IllegalStateException("Refusing to start: nrm.protection.master-key-version is " + this.current
                    + " but no such version is configured (nrm.protection.master-keys." + this.current + ").");
        }
        this.keyId = keyId == null || keyId.isBlank() ? DEFAULT_ID : keyId.trim();
        this.versions = Collections.unmodifiableMap(keys);
    }

    /** The legacy single key as version 1 (tests, tools). */
    public static ConfiguredMasterKeys of(String base64) {
        return new ConfiguredMasterKeys(base64, Map.of(), null, null);
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public int currentVersion() {
        return current;
    }

    /** The configured versions, lowest first. */
    public java.util.Set<Integer> versions() {
        return versions.keySet();
    }

    @Override
    public Wrapped wrap(SecretKey dataKey, String subjectId) {
        return new Wrapped(keyId, current, versions.get(current).wrap(dataKey, subjectId));
    }

    @Override
    public SecretKey unwrap(Wrapped wrapped, String subjectId) {
        if (!keyId.equals(wrapped.keyId())) {
            throw new KeyStoreException("A data key is wrapped by master key '" + wrapped.keyId()
                    + "', but this installation's master key is '" + keyId + "' (nrm.protection.master-key-id).");
        }
        MasterKey key = versions.get(wrapped.version());
        if (key == null) {
            throw new KeyStoreException("A data key is wrapped by version " + wrapped.version() + " of master key '"
                    + keyId + "', which is not configured (nrm.protection.master-keys." + wrapped.version()
                    + "); configured: " + versions.keySet() + ". Keep every version until a rotation has finished.");
        }
        return key.unwrap(wrapped.bytes(), subjectId);
    }
}
