package org.nrm.app.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The master key in Vault's transit engine, against {@link FakeVaultTransit} (Vault's documented HTTP API on
 * loopback; no Vault server can be installed here): the exact requests, the version carried by the ciphertext, a
 * rotation in Vault, and the errors (403, 5xx, unreachable, a key that is not derived) at start and in operation.
 */
class VaultTransitKeysTest {

    private final FakeVaultTransit vault;

    VaultTransitKeysTest() throws Exception {
        vault = new FakeVaultTransit();
        vault.createKey("nrm", true);
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    private VaultTransitKeys keys() {
        return new VaultTransitKeys(vault.address(), vault.token, "transit", "nrm", null, Duration.ofSeconds(5));
    }

    private static SecretKey dataKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_data_key_is_wrapped_by_vault_with_the_subject_as_context_and_its_version_in_the_ciphertext()
            throws Exception {
        VaultTransitKeys keys = keys();
        assertThat(vault.requests).singleElement().satisfies(check -> {
            assertThat(check.method()).isEqualTo("GET");
            assertThat(check.path()).isEqualTo("/v1/transit/keys/nrm");
            assertThat(check.token()).isEqualTo("s.test-token");
        });
        assertThat(keys.keyId()).isEqualTo("vault:transit/nrm");
        assertThat(keys.currentVersion()).isEqualTo(1);
        vault.requests.clear();

        SecretKey dataKey = dataKey();
        KeyEncryptionKeys.Wrapped wrapped = keys.wrap(dataKey, "case-7");

        FakeVaultTransit.Request encrypt = vault.requests.get(0);
        assertThat(encrypt.method()).isEqualTo("POST");
        assertThat(encrypt.path()).isEqualTo("/v1/transit/encrypt/nrm");
        assertThat(encrypt.token()).isEqualTo("s.test-token");
        assertThat(encrypt.body().get("plaintext").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(dataKey.getEncoded()));
        assertThat(encrypt.body().get("context").asText()).isEqualTo(base64("case-7"));
        assertThat(encrypt.body().size()).isEqualTo(2);
        String ciphertext = new String(wrapped.bytes(), StandardCharsets.UTF_8);
        assertThat(ciphertext).startsWith("vault:v1:");
        assertThat(wrapped.version()).isEqualTo(1);
        assertThat(wrapped.keyId()).isEqualTo("vault:transit/nrm");

        SecretKey unwrapped = keys.unwrap(wrapped, "case-7");
        FakeVaultTransit.Request decrypt = vault.requests.get(1);
        assertThat(decrypt.path()).isEqualTo("/v1/transit/decrypt/nrm");
        assertThat(decrypt.body().get("ciphertext").asText()).isEqualTo(ciphertext);
        assertThat(decrypt.body().get("context").asText()).isEqualTo(base64("case-7"));
        assertThat(unwrapped.getEncoded()).isEqualTo(dataKey.getEncoded());

        // under another person's context the wrap does not open
        assertThatThrownBy(() -> keys.unwrap(wrapped, "case-8")).isInstanceOf(KeyEncryptionKeys.KeyStoreException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("message authentication failed");
    }

    @Test
    void after_a_rotation_in_vault_new_wraps_are_under_the_new_version_old_ones_unwrap_and_rewrap_renews_them()
            throws Exception {
        VaultTransitKeys keys = keys();
        SecretKey before = dataKey();
        KeyEncryptionKeys.Wrapped underOne = keys.wrap(before, "case-1");

        vault.rotate("nrm");

        assertThat(keys.currentVersion()).isEqualTo(2);
        SecretKey after = dataKey();
        KeyEncryptionKeys.Wrapped underTwo = keys.wrap(after, "case-2");
        assertThat(underTwo.version()).isEqualTo(2);
        assertThat(new String(underTwo.bytes(), StandardCharsets.UTF_8)).startsWith("vault:v2:");
        assertThat(keys.unwrap(underOne, "case-1").getEncoded()).isEqualTo(before.getEncoded());
        assertThat(keys.unwrap(underTwo, "case-2").getEncoded()).isEqualTo(after.getEncoded());

        vault.requests.clear();
        KeyEncryptionKeys.Wrapped renewed = keys.rewrap(underOne, "case-1");
        FakeVaultTransit.Request rewrap = vault.requests.get(0);
        assertThat(vault.requests).hasSize(1);
        assertThat(rewrap.path()).isEqualTo("/v1/transit/rewrap/nrm");
        assertThat(rewrap.body().get("ciphertext").asText()).startsWith("vault:v1:");
        assertThat(rewrap.body().get("context").asText()).isEqualTo(base64("case-1"));
        assertThat(rewrap.body().has("plaintext")).as("the data key does not travel").isFalse();
        assertThat(renewed.version()).isEqualTo(2);
        assertThat(keys.unwrap(renewed, "case-1").getEncoded()).isEqualTo(before.getEncoded());
    }

    @Test
    void a_token_vault_refuses_a_key_that_is_not_derived_or_an_unreachable_vault_refuse_the_start() throws Exception {
        assertThatThrownBy(() -> new VaultTransitKeys(vault.address(), "s.wrong", "transit", "nrm", null, null))
                .hasMessageContaining("Refusing to start").hasMessageContaining("HTTP 403")
                .hasMessageContaining("permission denied").hasMessageNotContaining("s.wrong");
        vault.createKey("plain", false);
        assertThatThrownBy(() -> new VaultTransitKeys(vault.address(), vault.token, "transit", "plain", null, null))
                .hasMessageContaining("Refusing to start").hasMessageContaining("derived=true");
        assertThatThrownBy(() -> new VaultTransitKeys(vault.address(), vault.token, "transit", "missing", null, null))
                .hasMessageContaining("Refusing to start").hasMessageContaining("HTTP 404");
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> new VaultTransitKeys(URI.create("http://127.0.0.1:" + closed), vault.token,
                "transit", "nrm", null, Duration.ofSeconds(2))).hasMessageContaining("Refusing to start")
                .hasMessageContaining("unreachable");
        assertThatThrownBy(() -> new VaultTransitKeys(vault.address(), " ", "transit", "nrm", null, null))
                .hasMessageContaining("nrm.protection.vault.token");
    }

    @Test
    void a_failing_or_refusing_vault_in_operation_is_a_clear_error_that_carries_no_key_material() throws Exception {
        VaultTransitKeys keys = keys();
        SecretKey dataKey = dataKey();
        KeyEncryptionKeys.Wrapped wrapped = keys.wrap(dataKey, "case-1");
        String plaintext = Base64.getEncoder().encodeToString(dataKey.getEncoded());

        vault.failWith(503, "Vault is sealed");
        assertThatThrownBy(() -> keys.wrap(dataKey, "case-1")).isInstanceOf(KeyEncryptionKeys.KeyStoreException.class)
                .hasMessageContaining("HTTP 503").hasMessageContaining("Vault is sealed")
                .hasMessageContaining("encrypt a data key").hasMessageNotContaining(plaintext);
        assertThatThrownBy(() -> keys.unwrap(wrapped, "case-1")).hasMessageContaining("HTTP 503")
                .hasMessageContaining("decrypt a data key (v1)")
                .hasMessageNotContaining(new String(wrapped.bytes(), StandardCharsets.UTF_8));
        vault.recover();

        vault.token = "s.rotated-token";
        assertThatThrownBy(() -> keys.rewrap(wrapped, "case-1")).hasMessageContaining("HTTP 403")
                .hasMessageContaining("policy").hasMessageNotContaining(plaintext);
        vault.token = "s.test-token";
        assertThat(keys.unwrap(wrapped, "case-1").getEncoded()).isEqualTo(dataKey.getEncoded());

        assertThatThrownBy(() -> keys.unwrap(new KeyEncryptionKeys.Wrapped("nrm-master", 1, new byte[60]), "case-1"))
                .hasMessageContaining("'nrm-master'");
    }

    @Test
    void an_enterprise_namespace_and_another_mount_are_sent_as_vault_expects() {
        vault.requests.clear();
        assertThatThrownBy(() -> new VaultTransitKeys(vault.address(), vault.token, "/kms/", "nrm", "team-a", null))
                .hasMessageContaining("HTTP 404");
        assertThat(vault.requests.get(0).path()).isEqualTo("/v1/kms/keys/nrm");
        assertThat(vault.requests.get(0).namespace()).isEqualTo("team-a");
    }
}
