package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nrm.app.config.embedded.EmbeddedPostgresServer;
import org.nrm.app.support.Api;
import org.nrm.app.support.Consistency;

/**
 * The platform as a real process on the embedded default (durable, its data in a directory of its own), killed with
 * SIGKILL in the middle of a load of referrals and started again on the same directory: the embedded PostgreSQL went
 * down with its JVM, the second start comes up, and every referral that got a 201 is in the store exactly once, with
 * its process, and readable, and the consistency checker (over HTTP, as the demo admin) reports nothing for its case.
 */
class CrashRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFERRAL = """
            {"person":{"givenName":"Crash","familyName":"Test","birthDate":"1990-03-01","ageUncertain":false,
             "gender":"FEMALE","citizenships":["VN"],"languages":["vie"]},"exploitationTypes":["FORCED_LABOUR"],
             "exploitationLocation":"DOMESTIC","indicators":["DOCUMENTS_WITHHELD"],"consentToReferral":true,
             "needsAccommodation":true,"narrative":"Referred while the platform was about to be killed"}""";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopPlatforms() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: a graceful shutdown, which stops its PostgreSQL
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void every_acknowledged_referral_survives_a_kill_9_in_the_middle_of_the_load_and_the_platform_starts_again()
            throws Exception {
        Path data = temp.resolve("data/postgres");
        int firstPort = freePort();
        Process first = platform(firstPort, data, temp.resolve("first.log"));
        awaitReady(first, firstPort, temp.resolve("first.log"));

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        for (int i = 0; i < 3; i++) {
            clients.submit(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = http.send(referral(firstPort),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201) {
                            acknowledged.add(JSON.readTree(response.body()).get("caseId").asText());
                        }
                    } catch (IOException e) {
                        // the platform is gone: what it acknowledged before is what counts
                    }
                }
                return null;
            });
        }
        long postgresPid;
        try {
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= 20);
            postgresPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            first.destroyForcibly(); // SIGKILL, mid-load
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
        }
        Set<String> beforeTheKill = Set.copyOf(acknowledged);

        // its PostgreSQL does not outlive it
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> ProcessHandle.of(postgresPid).filter(ProcessHandle::isAlive).isEmpty());

        int secondPort = freePort();
        Process second = platform(secondPort, data, temp.resolve("second.log"));
        awaitReady(second, secondPort, temp.resolve("second.log"));

        String password = Files.readString(data.resolve(EmbeddedPostgresServer.PASSWORD_FILE)).strip();
        int databasePort = Integer.parseInt(Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip());
        Properties credentials = new Properties();
        credentials.setProperty("user", EmbeddedPostgresServer.SUPERUSER);
        credentials.setProperty("password", password);
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres",
                credentials)) {
            try (ResultSet rs = db.createStatement().executeQuery("SELECT current_setting('fsync'), "
                    + "current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
                rs.next();
                assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                        .as("the embedded default is durable").containsOnly("on");
            }
            for (String caseId : beforeTheKill) {
                assertThat(count(db, "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND sequencenumber = 0", caseId)).as("referral events of " + caseId).isEqualTo(1);
                assertThat(count(db, "SELECT count(*) FROM act_hi_procinst WHERE business_key_ = ?", caseId))
                        .as("processes of " + caseId).isEqualTo(1);
            }
        }
        for (String caseId : beforeTheKill) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + secondPort + "/api/cases/" + caseId))
                    .header("Authorization", basic("police")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }
        // and the consistency checker finds every acknowledged case whole after the restart (transient findings,
        // such as a case view still catching up, awaited)
        Consistency.assertConsistent(new Api(secondPort, "admin"), beforeTheKill);
        // and it takes new referrals
        assertThat(http.send(referral(secondPort), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
    }

    private static int count(Connection db, String sql, String caseId) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, caseId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The platform in a JVM of its own, from this test's class path, on the embedded default with {@code data}. */
    private Process platform(int port, Path data, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                NrmApplication.class.getName(), "--spring.profiles.active=demo", "--server.port=" + port,
                "--nrm.embedded-database.data-dir=" + data, "--logging.level.root=INFO");
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.environment().remove("SPRING_DATASOURCE_URL");
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void awaitReady(Process process, int port, Path log) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the platform ended with " + process.exitValue() + ":\n" + tail(log));
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the platform did not become ready:\n" + tail(log), e);
        }
    }

    private HttpRequest referral(int port) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/referrals"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", basic("police"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(REFERRAL)).build();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
