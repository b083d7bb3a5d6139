package org.nrm.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key in HashiCorp Vault's transit secrets engine: the key never leaves Vault. A data key is wrapped by
 * {@code POST /v1/<mount>/encrypt/<key>} (base64 plaintext, the subject id as base64 {@code context}: the transit key
 * must be created with {@code derived=true}, so each person's wrap is under a key derived for that person and cannot
 * be moved to another), unwrapped by {@code /decrypt/<key>} and re-wrapped under the latest version by
 * {@code /rewrap/<key>} (the data key is not returned). The ciphertext, {@code vault:v<N>:...}, carries the version;
 * Vault's own {@code transit/keys/<key>/rotate} makes a new version, and the key's {@code latest_version} is the
 * current one. The token ({@code X-Vault-Token}) needs {@code update} on encrypt, decrypt and rewrap and {@code read}
 * on {@code keys/<key>}. Failures (403, 5xx, unreachable) are {@link KeyStoreException}s naming the operation, the key
 * and Vault's error messages; no data key or plaintext is ever in a message or a log.
 */
public final class VaultTransitKeys implements KeyEncryptionKeys {

    private static final Pattern CIPHERTEXT = Pattern.compile("^vault:v(\\d+):.+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI address;
    private final String token;
    private final String mount;
    private final String key;
    private final String namespace;
    private final Duration timeout;

    /**
     * Connects and checks the key: it must exist, be readable with the token, and be derived. Refuses to start
     * otherwise.
     */
    public VaultTransitKeys(URI address, String token, String mount, String key, String namespace, Duration timeout) {
        if (address == null || address.toString().isBlank()) {
            throw new IllegalStateException("Refusing to start: nrm.protection.key-store=vault needs "
                    + "nrm.protection.vault.address (e.g. https://vault.example:8200).");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("Refusing to start: nrm.protection.key-store=vault needs "
                    + "nrm.protection.vault.token.");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("Refusing to start: nrm.protection.key-store=vault needs "
                    + "nrm.protection.vault.key (the transit key's name).");
        }
        String base = address.toString();
        this.address = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = token.trim();
        this.mount = mount == null || mount.isBlank() ? "transit" : mount.replaceAll("^/+|/+$", "");
        this.key = key.trim();
        this.namespace = namespace == null || namespace.isBlank() ? null : namespace.trim();
        this.timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        this.http = HttpClient.newBuilder().connectTimeout(this.timeout).build();
        JsonNode data;
        try {
            data = call("GET", "keys/" + this.key, null, "read the transit key");
        } catch (KeyStoreException e) {
            throw new IllegalStateException("Refusing to start: " + e.getMessage(), e);
        }
        if (!data.path("derived").asBoolean(false)) {
            throw new IllegalStateException("Refusing to start: the transit key '" + this.key + "' is not derived; "
                    + "create it with derived=true (vault write -f " + this.mount + "/keys/" + this.key
                    + " derived=true), so each person's key is wrapped under a key derived for that person.");
        }
    }

    @Override
    public String keyId() {
        return "vault:" + mount + "/" + key;
    }

    /** The key's latest version, read from Vault (a rotation in Vault shows at once). */
    @Override
    public int currentVersion() {
        return call("GET", "keys/" + key, null, "read the transit key").path("latest_version").asInt();
    }

    @Override
    public Wrapped wrap(SecretKey dataKey, String subjectId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plaintext", Base64.getEncoder().encodeToString(dataKey.getEncoded()));
        body.put("context", context(subjectId));
        return wrapped(call("POST", "encrypt/" + key, body, "encrypt a data key").path("ciphertext").asText());
    }

    @Override
    public SecretKey unwrap(Wrapped wrapped, String subjectId) {
        requireMine(wrapped);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ciphertext", new String(wrapped.bytes(), StandardCharsets.UTF_8));
        body.put("context", context(subjectId));
        String plaintext = call("POST", "decrypt/" + key, body, "decrypt a data key (v" + wrapped.version() + ")")
                .path("plaintext").asText();
        byte[] bytes = Base64.getDecoder().decode(plaintext);
        if (bytes.length != 32) {
            throw new KeyStoreException("Vault's decrypt of a data key under '" + key + "' did not return a 256-bit "
                    + "key.");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public Wrapped rewrap(Wrapped wrapped, String subjectId) {
        requireMine(wrapped);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ciphertext", new String(wrapped.bytes(), StandardCharsets.UTF_8));
        body.put("context", context(subjectId));
        return wrapped(call("POST", "rewrap/" + key, body, "rewrap a data key (v" + wrapped.version() + ")")
                .path("ciphertext").asText());
    }

    private void requireMine(Wrapped wrapped) {
        if (!keyId().equals(wrapped.keyId())) {
            throw new KeyStoreException("A data key is wrapped by master key '" + wrapped.keyId()
                    + "', but this installation's master key is '" + keyId() + "'.");
        }
    }

    private Wrapped wrapped(String ciphertext) {
        Matcher matcher = CIPHERTEXT.matcher(ciphertext);
        if (!matcher.matches()) {
            throw new KeyStoreException("Vault answered the transit key '" + key + "' without a ciphertext of the "
                    + "form vault:v<N>:...");
        }
        return new Wrapped(keyId(), Integer.parseInt(matcher.group(1)), ciphertext.getBytes(StandardCharsets.UTF_8));
    }

    private static String context(String subjectId) {
        return Base64.getEncoder().encodeToString(subjectId.getBytes(StandardCharsets.UTF_8));
    }

    /** One call of the transit API; the response's {@code data}. */
    private JsonNode call(String method, String path, Map<String, Object> body, String what) {
        URI uri = URI.create(address + "/v1/" + mount + "/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("X-Vault-Token", token).header("Accept", "application/json");
        if (namespace != null) {
            request.header("X-Vault-Namespace", namespace);
        }
        if (body == null) {
            request.GET();
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new KeyStoreException("Cannot " + what + ": the request could not be written.");
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new KeyStoreException("Cannot " + what + " with transit key '" + key + "': Vault at " + address
                    + " is unreachable (" + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyStoreException("Interrupted while asking Vault to " + what + ".");
        }
        JsonNode answer = parse(response.body());
        int status = response.statusCode();
        if (status / 100 != 2) {
            String errors = answer.path("errors").isArray() && !answer.path("errors").isEmpty()
                    ? String.join("; ", JSON.convertValue(answer.path("errors"), String[].class))
                    : "no error message";
            String hint = status == 403 ? " (the token is invalid or expired, or its policy lacks this path)"
                    : status >= 500 ? " (Vault is failing or sealed: retry when it is back)" : "";
            throw new KeyStoreException("Vault refused to " + what + " with transit key '" + key + "' at "
                    + uri.getPath() + ": HTTP " + status + hint + ": " + errors);
        }
        if (!answer.has("data")) {
            throw new KeyStoreException("Vault's answer to " + what + " with transit key '" + key + "' has no data.");
        }
        return answer.get("data");
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }
}
