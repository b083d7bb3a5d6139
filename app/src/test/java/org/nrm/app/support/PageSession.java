package org.nrm.app.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like client of the pages without a browser: a cookie jar (the session), the sign-in form and each page's
 * CSRF token, redirects not followed (so a test sees the 302 of a successful form and the 400 of a re-shown one).
 */
public final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private String csrf;

    private final Map<String, String> headers;

    public PageSession(int port) {
        this(port, Map.of());
    }

    /** A session whose every request carries {@code headers} (e.g. {@code X-Forwarded-For}, as the proxy sets it). */
    public PageSession(int port, Map<String, String> headers) {
        this.base = "http://localhost:" + port;
        this.headers = Map.copyOf(headers);
    }

    /** Signs in through the form; the answer is the sign-in's (302 to the home page when it worked). */
    public HttpResponse<String> signIn(String user, String password) {
        get("/login");
        return post("/login", Map.of("username", user, "password", password));
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a page read so far carried a CSRF token (the next form posts it). */
    public boolean hasCsrfToken() {
        return csrf != null;
    }

    /** Posts a form with the CSRF token of the last page read. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, new java.util.ArrayList<>(form.entrySet()), true);
    }

    /** Posts a form without any CSRF token, as a forged cross-site form would. */
    public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> form) {
        return post(path, new java.util.ArrayList<>(form.entrySet()), false);
    }

    /** Posts a form whose fields may repeat (checkboxes), with the CSRF token of the last page read. */
    public HttpResponse<String> post(String path, java.util.List<Map.Entry<String, String>> form) {
        return post(path, form, true);
    }

    private HttpResponse<String> post(String path, java.util.List<Map.Entry<String, String>> form, boolean withCsrf) {
        java.util.List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(form);
        if (withCsrf && csrf != null) {
            fields.add(Map.entry("_csrf", csrf));
        }
        String body = fields.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /**
     * Posts a {@code multipart/form-data} form (a file upload) with the CSRF token of the last page read: the text
     * fields, and one file field.
     */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField,
                                              String fileName, byte[] content) {
        String boundary = "----nrm" + java.util.UUID.randomUUID().toString().replace("-", "");
        var out = new java.io.ByteArrayOutputStream();
        java.util.List<Map.Entry<String, String>> all = new java.util.ArrayList<>(fields.entrySet());
        if (csrf != null) {
            all.add(Map.entry("_csrf", csrf));
        }
        for (Map.Entry<String, String> field : all) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/json\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /** Posts a form with the CSRF token and answers the body as bytes (a download). */
    public HttpResponse<byte[]> postForBytes(String path, Map<String, String> form) {
        java.util.List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(form.entrySet());
        if (csrf != null) {
            fields.add(Map.entry("_csrf", csrf));
        }
        String body = fields.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            return client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            headers.forEach(request::header);
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
