package org.nrm.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for HashiCorp Vault's transit secrets engine on loopback (Vault cannot be installed here), answering as
 * Vault's API documents it: {@code GET /v1/transit/keys/:name}, {@code POST /v1/transit/keys/:name/rotate},
 * {@code POST /v1/transit/encrypt|decrypt|rewrap/:name} with base64 {@code plaintext} and {@code context}, ciphertext
 * {@code vault:v<N>:<base64 nonce+ciphertext>}, {@code {"data": {...}}} on success and {@code {"errors": [...]}} with
 * 400 (bad input, missing context of a derived key, failed authentication of the ciphertext), 403 (a token it does not
 * know: "permission denied") or 404. Keys are AES-256-GCM; a derived key's per-context key is an HMAC of the context
 * (Vault uses HKDF; only the behaviour matters here). It records every request.
 */
final class FakeVaultTransit implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("^/v1/transit/(keys|encrypt|decrypt|rewrap)/([^/]+)(/rotate)?$");
    private static final Pattern CIPHERTEXT = Pattern.compile("^vault:v(\\d+):(.+)$");
    private static final SecureRandom RANDOM = new SecureRandom();

    record Request(String method, String path, String token, String namespace, JsonNode body) {
    }

    private record Key(boolean derived, List<byte[]> versions) {
    }

    private final HttpServer server;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile String token = "s.test-token";
    private volatile int failStatus;
    private volatile String failError;

    FakeVaultTransit() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void createKey(String name, boolean derived) {
        List<byte[]> versions = new ArrayList<>();
        versions.add(newKey());
        keys.put(name, new Key(derived, versions));
    }

    /** What {@code vault write -f transit/keys/:name/rotate} does. */
    void rotate(String name) {
        keys.get(name).versions().add(newKey());
    }

    /** Every following request answers {@code status} with Vault's error shape, until {@link #recover()}. */
    void failWith(int status, String error) {
        failError = error;
        failStatus = status;
    }

    void recover() {
        failStatus = 0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        String path = exchange.getRequestURI().getPath();
        String presented = exchange.getRequestHeaders().getFirst("X-Vault-Token");
        requests.add(new Request(exchange.getRequestMethod(), path, presented,
                exchange.getRequestHeaders().getFirst("X-Vault-Namespace"), body));
        try {
            if (failStatus != 0) {
                errors(exchange, failStatus, failError);
                return;
            }
            if (presented == null || !presented.equals(token)) {
                errors(exchange, 403, "permission denied");
                return;
            }
            Matcher matcher = PATH.matcher(path);
            if (!matcher.matches()) {
                errors(exchange, 404, null);
                return;
            }
            String operation = matcher.group(1);
            Key key = keys.get(matcher.group(2));
            boolean rotate = matcher.group(3) != null;
            if (key == null) {
                errors(exchange, operation.equals("keys") ? 404 : 400,
                        operation.equals("keys") ? null : "encryption key not found");
                return;
            }
            ObjectNode data = JSON.createObjectNode();
            switch (operation) {
                case "keys" -> {
                    if (rotate) {
                        key.versions().add(newKey());
                    }
                    data.put("name", matcher.group(2)).put("type", "aes256-gcm96").put("derived", key.derived())
                            .put("latest_version", key.versions().size()).put("min_decryption_version", 1)
                            .put("min_encryption_version", 0).put("supports_encryption", true);
                    if (key.derived()) {
                        data.put("kdf", "hkdf_sha256");
                    }
                    ObjectNode versions = data.putObject("keys");
                    for (int v = 1; v <= key.versions().size(); v++) {
                        versions.put(String.valueOf(v), 1_700_000_000L + v);
                    }
                }
                case "encrypt" -> {
                    if (body == null || !body.hasNonNull("plaintext")) {
                        errors(exchange, 400, "missing plaintext to encrypt");
                        return;
                    }
                    byte[] plaintext = Base64.getDecoder().decode(body.get("plaintext").asText());
                    int version = key.versions().size();
                    data.put("ciphertext", encrypt(key, version, context(key, body), plaintext))
                            .put("key_version", version);
                }
                case "decrypt", "rewrap" -> {
                    Matcher ciphertext = CIPHERTEXT.matcher(body == null ? "" : body.path("ciphertext").asText());
                    if (!ciphertext.matches()) {
                        errors(exchange, 400, "invalid ciphertext: no prefix");
                        return;
                    }
                    int version = Integer.parseInt(ciphertext.group(1));
                    if (version < 1 || version > key.versions().size()) {
                        errors(exchange, 400, "invalid key version");
                        return;
                    }
                    byte[] context = context(key, body);
                    byte[] plaintext = decrypt(key, version, context, Base64.getDecoder().decode(ciphertext.group(2)));
                    if (operation.equals("decrypt")) {
                        data.put("plaintext", Base64.getEncoder().encodeToString(plaintext));
                    } else {
                        int latest = key.versions().size();
                        data.put("ciphertext", encrypt(key, latest, context, plaintext)).put("key_version", latest);
                    }
                }
                default -> throw new IllegalStateException(operation);
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.put("request_id", UUID.randomUUID().toString()).put("lease_id", "").put("renewable", false)
                    .put("lease_duration", 0);
            answer.set("data", data);
            answer.putNull("wrap_info");
            answer.putNull("warnings");
            answer.putNull("auth");
            send(exchange, 200, answer);
        } catch (VaultError error) {
            errors(exchange, 400, error.getMessage());
        }
    }

    private static final class VaultError extends RuntimeException {
        VaultError(String message) {
            super(message);
        }
    }

    private static byte[] context(Key key, JsonNode body) {
        String context = body.path("context").asText("");
        if (key.derived() && context.isEmpty()) {
            throw new VaultError("missing 'context' for key derivation; the key was created using a derived key, "
                    + "which means additional, per-request information must be included in order to perform "
                    + "operations with the key");
        }
        return Base64.getDecoder().decode(context);
    }

    private static SecretKeySpec keyFor(Key key, int version, byte[] context) throws GeneralSecurityException {
        byte[] material = key.versions().get(version - 1);
        if (!key.derived()) {
            return new SecretKeySpec(material, "AES");
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(material, "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(context), "AES");
    }

    private static String encrypt(Key key, int version, byte[] context, byte[] plaintext) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyFor(key, version, context), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            return "vault:v" + version + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decrypt(Key key, int version, byte[] context, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keyFor(key, version, context), new GCMParameterSpec(128, sealed, 0, 12));
            return cipher.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new VaultError("cipher: message authentication failed");
        }
    }

    private static byte[] newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void errors(HttpExchange exchange, int status, String error) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        var errors = answer.putArray("errors");
        if (error != null) {
            errors.add(error);
        }
        send(exchange, status, answer);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
