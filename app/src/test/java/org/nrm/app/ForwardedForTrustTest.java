package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Whose {@code X-Forwarded-For} counts for the reports' rate limit (issue #17): only a configured proxy's. The
 * packaged default trusts no proxy at all; these tests run with 127.0.0.1 as the installation's one proxy
 * ({@code server.tomcat.remoteip.internal-proxies}, see {@link PlatformTest}) and connect from 127.0.0.2 as a client
 * on a private network would: whatever address it names, it is limited by its own.
 */
class ForwardedForTrustTest extends PlatformTest {

    private static final String REPORT = "{\"description\": \"Men sleeping in a car wash\", \"location\": \"Dock Road\","
            + " \"occurredOn\": \"2026-11-30\", \"channel\": \"WEB\"}";

    record Reply(int status, String head) {

        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\s*$").matcher(head);
            return m.find() ? m.group(1) : null;
        }
    }

    /** {@code POST /api/reports} over a connection from {@code from}, naming {@code forwardedFor}. */
    private Reply report(String from, String forwardedFor) throws IOException {
        byte[] body = REPORT.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/reports HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Content-Type: application/json\r\nAccept: application/json\r\n"
                    + "X-Forwarded-For: " + forwardedFor + "\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            return new Reply(Integer.parseInt(head.split(" ", 3)[1]), head);
        }
    }

    @Test
    void a_client_that_is_not_a_trusted_proxy_names_any_address_and_is_still_limited_by_its_own() throws IOException {
        List<Integer> statuses = new ArrayList<>();
        Reply refused = null;
        for (int i = 0; i < 8; i++) {
            // a new address of the private ranges each time, as Tomcat's own default would have believed
            Reply reply = report("127.0.0.2", "10.77.0." + (i + 1));
            statuses.add(reply.status());
            if (reply.status() == 429) {
                refused = reply;
            }
        }
        assertThat(statuses.subList(0, 5)).as(statuses.toString()).containsOnly(201);
        assertThat(statuses.subList(5, 8)).as(statuses.toString()).containsOnly(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 600L);
        // it was counted as 127.0.0.2: the trusted proxy forwarding that address finds it used up
        assertThat(report("127.0.0.1", "127.0.0.2").status()).isEqualTo(429);
    }

    @Test
    void the_configured_proxys_forwarded_address_is_the_one_limited() throws IOException {
        String client = "198.51.100.201";
        for (int i = 0; i < 5; i++) {
            assertThat(report("127.0.0.1", client).status()).isEqualTo(201);
        }
        Reply refused = report("127.0.0.1", client);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        // another client behind the same proxy goes on: the proxy's own address is not what is counted
        assertThat(report("127.0.0.1", "198.51.100.202").status()).isEqualTo(201);
        // a chain: the right-most address not of a trusted proxy is the client
        assertThat(report("127.0.0.1", "203.0.113.250, " + client).status()).isEqualTo(429);
    }

    @Test
    void the_packaged_configuration_trusts_no_proxy() throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml"));
        Object trusted = null;
        for (PropertySource<?> source : sources) {
            if (source.containsProperty("server.tomcat.remoteip.internal-proxies")) {
                trusted = source.getProperty("server.tomcat.remoteip.internal-proxies");
            }
        }
        assertThat(trusted).as("server.tomcat.remoteip.internal-proxies is set").isNotNull();
        assertThat(trusted.toString().strip().toLowerCase(Locale.ROOT)).isEmpty();
        for (String profile : List.of("application-demo.yml", "application-demo-fast.yml")) {
            ClassPathResource resource = new ClassPathResource(profile);
            if (resource.exists()) {
                assertThat(new YamlPropertySourceLoader().load(profile, resource))
                        .as(profile + " keeps the default")
                        .noneMatch(s -> s.containsProperty("server.tomcat.remoteip.internal-proxies"));
            }
        }
    }
}
