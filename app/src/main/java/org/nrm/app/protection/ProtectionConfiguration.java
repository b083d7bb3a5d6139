package org.nrm.app.protection;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.nrm.projections.cases.EventDataReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal data protection: the master key ({@code nrm.protection.key-store}: {@code config}, the default, or
 * {@code vault}), keys per person, the cipher, decryption for the history, the pseudonyms and the key rotation.
 */
@Configuration(proxyBeanMethods = false)
public class ProtectionConfiguration {

    @Bean
    KeyEncryptionKeys masterKeys(Environment environment,
                                 @Value("${nrm.protection.key-store:config}") String store) {
        Binder binder = Binder.get(environment);
        if ("vault".equalsIgnoreCase(store.trim())) {
            return new VaultTransitKeys(URI.create(environment.getProperty("nrm.protection.vault.address", "")),
                    environment.getProperty("nrm.protection.vault.token"),
                    environment.getProperty("nrm.protection.vault.mount", "transit"),
                    environment.getProperty("nrm.protection.vault.key"),
                    environment.getProperty("nrm.protection.vault.namespace"),
                    binder.bind("nrm.protection.vault.timeout", Duration.class).orElse(Duration.ofSeconds(10)));
        }
        if (!"config".equalsIgnoreCase(store.trim())) {
            throw new IllegalStateException("Refusing to start: nrm.protection.key-store is '" + store
                    + "'; it is config (the default) or vault.");
        }
        Map<Integer, String> versions = binder.bind("nrm.protection.master-keys",
                Bindable.mapOf(Integer.class, String.class)).orElse(Map.of());
        return new ConfiguredMasterKeys(environment.getProperty("nrm.protection.master-key"), versions,
                environment.getProperty("nrm.protection.master-key-id"),
                environment.getProperty("nrm.protection.master-key-version", Integer.class));
    }

    @Bean
    Pseudonyms pseudonyms(Environment environment, @Value("${nrm.protection.pseudonym-key:}") String pseudonymKey) {
        String versionOne = environment.getProperty("nrm.protection.master-keys.1",
                environment.getProperty("nrm.protection.master-key", ""));
        return Pseudonyms.of(pseudonymKey, versionOne);
    }

    @Bean
    SubjectKeys subjectKeys(JdbcTemplate jdbc, KeyEncryptionKeys masterKeys, Clock clock) {
        return new JdbcSubjectKeys(jdbc, masterKeys, clock);
    }

    @Bean
    KeyRotation keyRotation(JdbcTemplate jdbc, PlatformTransactionManager transactions, KeyEncryptionKeys masterKeys,
                            Clock clock, @Value("${nrm.protection.rotation.batch-size:500}") int batchSize) {
        return new KeyRotation(jdbc, new TransactionTemplate(transactions), masterKeys, clock, batchSize);
    }

    @Bean
    PersonalDataCipher personalDataCipher(SubjectKeys keys) {
        return new PersonalDataCipher(keys);
    }

    @Bean
    PersonalDataModule personalDataModule(PersonalDataCipher cipher) {
        return new PersonalDataModule(cipher);
    }

    @Bean
    EventDataReader historyDataReader(PersonalDataCipher cipher, SubjectKeys keys) {
        return new HistoryDataReader(cipher, keys);
    }
}
