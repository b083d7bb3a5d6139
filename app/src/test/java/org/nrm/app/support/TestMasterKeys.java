package org.nrm.app.support;

import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import org.nrm.app.protection.KeyEncryptionKeys;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The shared test context's master key, switchable: the configured one (the demo's single key, version 1) until a
 * test {@link #use}s another ring, as an installation does when it restarts with a new version configured; and a fault
 * that makes re-wraps fail after a number of successes, as a key store that goes away in the middle of a rotation.
 * A test that switches must leave a ring that still unwraps every key it wrapped (the context is shared).
 */
public class TestMasterKeys implements KeyEncryptionKeys {

    private final KeyEncryptionKeys configured;
    private volatile KeyEncryptionKeys delegate;
    private final AtomicInteger rewrapsBeforeFailure = new AtomicInteger(-1);

    TestMasterKeys(KeyEncryptionKeys configured) {
        this.configured = configured;
        this.delegate = configured;
    }

    public KeyEncryptionKeys configured() {
        return configured;
    }

    public void use(KeyEncryptionKeys keys) {
        delegate = keys;
    }

    /** After {@code successes} more re-wraps, every re-wrap fails until {@link #heal()}. */
    public void failRewrapsAfter(int successes) {
        rewrapsBeforeFailure.set(successes);
    }

    public void heal() {
        rewrapsBeforeFailure.set(-1);
    }

    @Override
    public String keyId() {
        return delegate.keyId();
    }

    @Override
    public int currentVersion() {
        return delegate.currentVersion();
    }

    @Override
    public Wrapped wrap(SecretKey dataKey, String subjectId) {
        return delegate.wrap(dataKey, subjectId);
    }

    @Override
    public SecretKey unwrap(Wrapped wrapped, String subjectId) {
        return delegate.unwrap(wrapped, subjectId);
    }

    @Override
    public Wrapped rewrap(Wrapped wrapped, String subjectId) {
        if (rewrapsBeforeFailure.get() == 0) {
            throw new KeyStoreException("injected: the key store went away in the middle of the rotation");
        }
        rewrapsBeforeFailure.getAndUpdate(n -> n > 0 ? n - 1 : n);
        return delegate.rewrap(wrapped, subjectId);
    }

    /** Wraps the context's {@link KeyEncryptionKeys} bean. */
    static BeanPostProcessor wrapper() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof KeyEncryptionKeys keys && !(bean instanceof TestMasterKeys)
                        ? new TestMasterKeys(keys) : bean;
            }
        };
    }
}
