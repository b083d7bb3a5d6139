package org.nrm.app.support;

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

/** Writes (POST, PUT, PATCH) with request headers (an {@code Idempotency-Key}), answering with the response headers too. */
public final class KeyedApi {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String authorization;

    public KeyedApi(int port, String user) {
        this.base = "http://localhost:" + port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    public Reply post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    /** Any method with a JSON body (a {@code String} is sent as it is). */
    public Reply send(String method, String path, Object body, String... headers) {
        try {
            String json = body instanceof String text ? text : JSON.writeValueAsString(body);
            var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
            for (int i = 0; i < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode parsed = response.body().isEmpty() ? JSON.nullNode()
                    : contentType.contains("json") ? JSON.readTree(response.body())
                    : JSON.getNodeFactory().textNode(response.body());
            return new Reply(response.statusCode(), contentType, response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Idempotent-Replayed").isPresent(), response.body(), parsed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Reply(int status, String contentType, String location, boolean replayed, String raw, JsonNode body) {

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + (replayed ? " (replayed) " : " ") + raw;
        }
    }
}
