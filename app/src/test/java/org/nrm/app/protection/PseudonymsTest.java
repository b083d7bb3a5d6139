package org.nrm.app.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The pseudonym key is a secret of its own; without it the pseudonyms are those of earlier releases. */
class PseudonymsTest {

    private static final String DEMO_MASTER_KEY = "ZGVtby1tYXN0ZXIta2V5LW5vdC1mb3ItcHJvZC11c2U=";

    /** The pseudonym as MasterKey#pseudonym computed it before the pseudonym key was separate. */
    private static String asBefore(String masterKey, String purpose, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(masterKey), "AES"));
        byte[] purposeKey = mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 12);
    }

    @Test
    void without_a_pseudonym_key_an_existing_configuration_keeps_its_pseudonyms() throws Exception {
        Pseudonyms pseudonyms = Pseudonyms.of("", DEMO_MASTER_KEY);
        assertThat(pseudonyms.pseudonym("case", "case-42"))
                .isEqualTo(asBefore(DEMO_MASTER_KEY, "case", "case-42")).hasSize(24);
        assertThat(pseudonyms.pseudonym("case", "case-43")).isNotEqualTo(pseudonyms.pseudonym("case", "case-42"));
        assertThat(pseudonyms.pseudonym("user", "case-42")).isNotEqualTo(pseudonyms.pseudonym("case", "case-42"));
    }

    private static Pseudonyms configured(MockEnvironment environment) {
        return new ProtectionConfiguration().pseudonyms(environment,
                environment.getProperty("nrm.protection.pseudonym-key", ""));
    }

    @Test
    void they_do_not_change_with_the_master_key_version() throws Exception {
        String two = MasterKey.generate();
        String expected = asBefore(DEMO_MASTER_KEY, "case", "case-42");
        MockEnvironment before = new MockEnvironment().withProperty("nrm.protection.master-key", DEMO_MASTER_KEY);
        MockEnvironment withVersionTwo = new MockEnvironment()
                .withProperty("nrm.protection.master-key", DEMO_MASTER_KEY)
                .withProperty("nrm.protection.master-keys.2", two)
                .withProperty("nrm.protection.master-key-version", "2");
        MockEnvironment versioned = new MockEnvironment()
                .withProperty("nrm.protection.master-keys.1", DEMO_MASTER_KEY)
                .withProperty("nrm.protection.master-keys.2", two);
        assertThat(new ProtectionConfiguration().masterKeys(withVersionTwo, "config").currentVersion()).isEqualTo(2);
        assertThat(new ProtectionConfiguration().masterKeys(versioned, "config").currentVersion()).isEqualTo(2);
        assertThat(configured(before).pseudonym("case", "case-42")).isEqualTo(expected);
        assertThat(configured(withVersionTwo).pseudonym("case", "case-42")).isEqualTo(expected);
        assertThat(configured(versioned).pseudonym("case", "case-42")).isEqualTo(expected);

        String own = MasterKey.generate();
        String separate = configured(before.withProperty("nrm.protection.pseudonym-key", own))
                .pseudonym("case", "case-42");
        MockEnvironment rotatedAndRetired = new MockEnvironment()
                .withProperty("nrm.protection.master-keys.2", two)
                .withProperty("nrm.protection.master-keys.3", MasterKey.generate())
                .withProperty("nrm.protection.pseudonym-key", own);
        assertThat(configured(rotatedAndRetired).pseudonym("case", "case-42")).isEqualTo(separate)
                .isNotEqualTo(expected);
    }

    @Test
    void a_separate_pseudonym_key_gives_other_pseudonyms_and_setting_it_to_version_1_keeps_the_old_ones()
            throws Exception {
        Pseudonyms separate = Pseudonyms.of(MasterKey.generate(), DEMO_MASTER_KEY);
        assertThat(separate.pseudonym("case", "case-42")).isNotEqualTo(asBefore(DEMO_MASTER_KEY, "case", "case-42"));
        // retiring version 1 of the master key: its value moves to the pseudonym key
        Pseudonyms moved = Pseudonyms.of(DEMO_MASTER_KEY, "");
        assertThat(moved.pseudonym("case", "case-42")).isEqualTo(asBefore(DEMO_MASTER_KEY, "case", "case-42"));
    }

    @Test
    void without_a_pseudonym_key_and_without_a_version_1_to_derive_it_from_the_platform_refuses_to_start() {
        assertThatThrownBy(() -> Pseudonyms.of("", null)).hasMessageContaining("Refusing to start")
                .hasMessageContaining("pseudonym-key");
        assertThatThrownBy(() -> Pseudonyms.of("c2hvcnQ=", DEMO_MASTER_KEY))
                .hasMessageContaining("32 bytes");
    }
}
