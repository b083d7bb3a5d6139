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

/** A plain HTTP client of the public API, signed in as one demo user. */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String authorization;

    public Api(int port, String user) {
        this.base = "http://localhost:" + port;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /**
     * Every page of a paged list ({@code GET /api/tasks}): follows the {@code Link: <..>; rel="next"} header until
     * the last page, and returns the items of all pages in order.
     */
    public com.fasterxml.jackson.databind.node.ArrayNode getAll(String path) {
        com.fasterxml.jackson.databind.node.ArrayNode all = JSON.createArrayNode();
        String next = path;
        for (int pages = 0; next != null; pages++) {
            if (pages > 10_000) {
                throw new AssertionError("more than 10,000 pages from " + path);
            }
            Response page = get(next);
            if (page.status() != 200) {
                throw new AssertionError(next + " answered " + page);
            }
            page.body().forEach(all::add);
            next = nextPage(page.header("Link"));
        }
        return all;
    }

    /** The target of a {@code rel="next"} link, or null. */
    public static String nextPage(String link) {
        if (link == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"").matcher(link);
        return m.find() ? m.group(1) : null;
    }

    public Response post(String path, String jsonBody) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody == null ? "" : jsonBody)));
    }

    public Response post(String path, Object body) {
        try {
            return post(path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    /** A POST with extra request headers (e.g. {@code X-Forwarded-For} as the reverse proxy sets it). */
    public Response post(String path, Object body, java.util.Map<String, String> headers) {
        try {
            var builder = request(path).header("Content-Type", "application/json");
            headers.forEach(builder::header);
            return send(builder.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response send(String method, String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() ? JSON.nullNode()
                    : contentType.contains("json") ? JSON.readTree(response.body())
                    : JSON.getNodeFactory().textNode(response.body());
            return new Response(response.statusCode(), contentType,
                    response.headers().firstValue("Location").orElse(null), body, response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String contentType, String location, JsonNode body,
                           java.net.http.HttpHeaders headers) {

        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
