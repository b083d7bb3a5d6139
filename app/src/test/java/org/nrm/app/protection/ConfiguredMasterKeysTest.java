package org.nrm.app.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** The master key's versions from the configuration, and the single key of earlier releases as version 1. */
class ConfiguredMasterKeysTest {

    private static final String ONE = MasterKey.generate();
    private static final String TWO = MasterKey.generate();

    private static SecretKey dataKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }

    @Test
    void the_single_master_key_of_earlier_releases_is_version_1_and_unwraps_what_it_wrapped_before_versions()
            throws Exception {
        SecretKey dataKey = dataKey();
        byte[] wrappedByAnEarlierRelease = new MasterKey(ONE).wrap(dataKey, "case-1");

        ConfiguredMasterKeys keys = ConfiguredMasterKeys.of(ONE);

        assertThat(keys.currentVersion()).isEqualTo(1);
        assertThat(keys.keyId()).isEqualTo(ConfiguredMasterKeys.DEFAULT_ID);
        // a row without kek_id / kek_version reads as version 1 of the configured key
        KeyEncryptionKeys.Wrapped stored = JdbcSubjectKeys.wrapped(wrappedByAnEarlierRelease, null, null, keys);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(keys.unwrap(stored, "case-1").getEncoded()).isEqualTo(dataKey.getEncoded());
        assertThat(keys.wrap(dataKey, "case-1").version()).isEqualTo(1);
    }

    @Test
    void a_new_version_wraps_new_keys_while_the_old_one_still_unwraps() throws Exception {
        SecretKey before = dataKey();
        KeyEncryptionKeys.Wrapped underOne = ConfiguredMasterKeys.of(ONE).wrap(before, "case-1");

        ConfiguredMasterKeys keys = new ConfiguredMasterKeys(ONE, Map.of(2, TWO), null, null);
        assertThat(keys.currentVersion()).as("the highest configured by default").isEqualTo(2);
        assertThat(keys.versions()).containsExactly(1, 2);

        SecretKey after = dataKey();
        KeyEncryptionKeys.Wrapped underTwo = keys.wrap(after, "case-2");
        assertThat(underTwo.version()).isEqualTo(2);
        assertThat(keys.unwrap(underOne, "case-1").getEncoded()).isEqualTo(before.getEncoded());
        assertThat(keys.unwrap(underTwo, "case-2").getEncoded()).isEqualTo(after.getEncoded());
        // version 2 alone cannot open a version 1 wrap: the bytes are really under another key
        assertThatThrownBy(() -> new ConfiguredMasterKeys(null, Map.of(1, TWO), null, null).unwrap(underOne, "case-1"))
                .hasMessageContaining("wrong master key");

        KeyEncryptionKeys.Wrapped rewrapped = keys.rewrap(underOne, "case-1");
        assertThat(rewrapped.version()).isEqualTo(2);
        assertThat(new ConfiguredMasterKeys(null, Map.of(2, TWO), null, null).unwrap(rewrapped, "case-1")
                .getEncoded()).as("after the rewrap version 2 alone opens it").isEqualTo(before.getEncoded());
    }

    @Test
    void the_version_new_wraps_use_is_configurable_and_the_subject_stays_bound() throws Exception {
        ConfiguredMasterKeys keys = new ConfiguredMasterKeys(null, Map.of(1, ONE, 2, TWO), "prod-kek", 1);
        KeyEncryptionKeys.Wrapped wrapped = keys.wrap(dataKey(), "case-1");
        assertThat(wrapped.version()).isEqualTo(1);
        assertThat(wrapped.keyId()).isEqualTo("prod-kek");
        assertThatThrownBy(() -> keys.unwrap(wrapped, "case-2")).as("another person's id")
                .hasMessageContaining("Cannot unwrap");
    }

    @Test
    void a_wrap_under_an_unconfigured_version_or_another_key_fails_naming_them_and_no_key_material() {
        ConfiguredMasterKeys keys = new ConfiguredMasterKeys(null, Map.of(2, TWO), null, null);
        assertThatThrownBy(() -> keys.unwrap(new KeyEncryptionKeys.Wrapped(ConfiguredMasterKeys.DEFAULT_ID, 1,
                new byte[60]), "case-1")).hasMessageContaining("version 1").hasMessageContaining("[2]")
                .hasMessageNotContaining(TWO);
        assertThatThrownBy(() -> keys.unwrap(new KeyEncryptionKeys.Wrapped("other", 2, new byte[60]), "case-1"))
                .hasMessageContaining("'other'");
    }

    @Test
    void a_configuration_that_cannot_be_meant_refuses_to_start() {
        assertThatThrownBy(() -> new ConfiguredMasterKeys(null, Map.of(), null, null))
                .hasMessageContaining("Refusing to start");
        assertThatThrownBy(() -> new ConfiguredMasterKeys(ONE, Map.of(1, TWO), null, null))
                .hasMessageContaining("differ");
        assertThatThrownBy(() -> new ConfiguredMasterKeys(ONE, Map.of(), null, 2))
                .hasMessageContaining("master-key-version is 2");
        assertThatThrownBy(() -> new ConfiguredMasterKeys(ONE, Map.of(2, "c2hvcnQ="), null, null))
                .hasMessageContaining("nrm.protection.master-keys.2 must be 32 bytes");
        assertThatThrownBy(() -> new ConfiguredMasterKeys(ONE, Map.of(0, TWO), null, null))
                .hasMessageContaining("from 1");
        assertThat(new ConfiguredMasterKeys(ONE, Map.of(1, ONE), null, null).versions()).containsExactly(1);
    }

    @Test
    void the_versions_bind_from_environment_variables_as_the_deployment_guide_names_them() throws Exception {
        var environment = new org.springframework.core.env.StandardEnvironment();
        environment.getPropertySources().addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource(
                "systemEnvironment", Map.of("NRM_PROTECTION_MASTER_KEY", ONE, "NRM_PROTECTION_MASTERKEYS_2", TWO,
                        "NRM_PROTECTION_MASTER_KEY_VERSION", "2", "NRM_PROTECTION_MASTER_KEY_ID", "prod")));
        org.springframework.boot.context.properties.source.ConfigurationPropertySources.attach(environment);

        KeyEncryptionKeys keys = new ProtectionConfiguration().masterKeys(environment, "config");

        assertThat(((ConfiguredMasterKeys) keys).versions()).containsExactly(1, 2);
        assertThat(keys.currentVersion()).isEqualTo(2);
        assertThat(keys.keyId()).isEqualTo("prod");
        SecretKey dataKey = dataKey();
        assertThat(new ConfiguredMasterKeys(null, Map.of(2, TWO), "prod", null)
                .unwrap(keys.wrap(dataKey, "case-1"), "case-1").getEncoded()).isEqualTo(dataKey.getEncoded());
    }
}
