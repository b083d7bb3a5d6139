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
        Pseudonyms pseudonyms = Pseudonyms.of("", ConfiguredMasterKeys.of(DEMO_MASTER_KEY));
        assertThat(pseudonyms.pseudonym("case", "case-42"))
                .isEqualTo(asBefore(DEMO_MASTER_KEY, "case", "case-42")).hasSize(24);
        assertThat(pseudonyms.pseudonym("case", "case-43")).isNotEqualTo(pseudonyms.pseudonym("case", "case-42"));
        assertThat(pseudonyms.pseudonym("user", "case-42")).isNotEqualTo(pseudonyms.pseudonym("case", "case-42"));
    }

    @Test
    void they_do_not_change_with_the_master_key_version() throws Exception {
        String two = MasterKey.generate();
        Pseudonyms afterANewVersion = Pseudonyms.of(null,
                new ConfiguredMasterKeys(DEMO_MASTER_KEY, Map.of(2, two), null, 2));
        assertThat(afterANewVersion.pseudonym("case", "case-42")).isEqualTo(asBefore(DEMO_MASTER_KEY, "case",
                "case-42"));

        String own = MasterKey.generate();
        Pseudonyms separate = Pseudonyms.of(own, ConfiguredMasterKeys.of(DEMO_MASTER_KEY));
        Pseudonyms separateAfterANewVersion = Pseudonyms.of(own,
                new ConfiguredMasterKeys(null, Map.of(2, two, 3, MasterKey.generate()), null, 3));
        assertThat(separateAfterANewVersion.pseudonym("case", "case-42")).isEqualTo(separate.pseudonym("case",
                "case-42"));
    }

    @Test
    void a_separate_pseudonym_key_gives_other_pseudonyms_and_setting_it_to_version_1_keeps_the_old_ones()
            throws Exception {
        Pseudonyms separate = Pseudonyms.of(MasterKey.generate(), ConfiguredMasterKeys.of(DEMO_MASTER_KEY));
        assertThat(separate.pseudonym("case", "case-42")).isNotEqualTo(asBefore(DEMO_MASTER_KEY, "case", "case-42"));
        // retiring version 1 of the master key: its value moves to the pseudonym key
        Pseudonyms moved = Pseudonyms.of(DEMO_MASTER_KEY,
                new ConfiguredMasterKeys(null, Map.of(2, MasterKey.generate()), null, null));
        assertThat(moved.pseudonym("case", "case-42")).isEqualTo(asBefore(DEMO_MASTER_KEY, "case", "case-42"));
    }

    @Test
    void without_a_pseudonym_key_and_without_a_version_1_to_derive_it_from_the_platform_refuses_to_start() {
        assertThatThrownBy(() -> Pseudonyms.of("", new ConfiguredMasterKeys(null, Map.of(2, MasterKey.generate()),
                null, null))).hasMessageContaining("Refusing to start").hasMessageContaining("pseudonym-key");
        assertThatThrownBy(() -> Pseudonyms.of("c2hvcnQ=", ConfiguredMasterKeys.of(DEMO_MASTER_KEY)))
                .hasMessageContaining("32 bytes");
    }
}
