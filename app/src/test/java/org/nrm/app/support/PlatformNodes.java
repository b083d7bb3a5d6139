package org.nrm.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.nrm.app.NrmApplication;
import org.nrm.app.config.embedded.EmbeddedPostgresServer;

/**
 * Real processes for the fault tests: one PostgreSQL server started from the embedded binaries as an "external" server
 * (a process of its own, reached by JDBC URL, outliving the application processes), and platform nodes, each a JVM
 * of its own ({@code java -cp <test class path> NrmApplication}) with its own web server, processors and job executor,
 * pointed at that server with {@code SPRING_DATASOURCE_URL}. Loopback only. {@link #close()} kills what it started.
 */
public final class PlatformNodes implements Closeable {

    public static final String DATABASE = "nrm";

    private final Path directory;
    private final EmbeddedPostgresServer database;
    private final List<Node> nodes = new ArrayList<>();

    private PlatformNodes(Path directory, EmbeddedPostgresServer database) {
        this.directory = directory;
        this.database = database;
    }

    /** Starts the external PostgreSQL server (durable, as a real one is) with an empty database {@value #DATABASE}. */
    public static PlatformNodes onExternalPostgres(Path directory) throws IOException, SQLException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Settings(
                directory.resolve("external-pg/data").toString(), 0, true, null, Duration.ofSeconds(120)));
        try (Connection db = server.connect("postgres")) {
            db.createStatement().execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new PlatformNodes(directory, server);
    }

    public EmbeddedPostgresServer database() {
        return database;
    }

    public Connection connect() throws SQLException {
        return database.connect(DATABASE);
    }

    /** A count from the shared database ({@code ?} parameters bound in order). */
    public long count(String sql, Object... parameters) {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a query, for failure messages. */
    public List<List<Object>> rows(String sql, Object... parameters) {
        try (Connection db = connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.add(rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a node (demo-fast: a day lasts a second) and waits until it is ready. */
    public Node start(String name, String... extraArguments) throws IOException {
        Node node = launch(name, extraArguments);
        node.awaitReady();
        return node;
    }

    /** Starts a node without waiting for it. */
    public Node launch(String name, String... extraArguments) throws IOException {
        int port = freePort();
        Path log = directory.resolve(name + "-" + nodes.size() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                NrmApplication.class.getName(), "--spring.profiles.active=demo-fast", "--server.port=" + port,
                "--logging.level.root=INFO"));
        command.addAll(List.of(extraArguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.environment().put("SPRING_DATASOURCE_URL", database.jdbcUrl(DATABASE));
        builder.environment().put("SPRING_DATASOURCE_USERNAME", EmbeddedPostgresServer.SUPERUSER);
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", database.password());
        Node node = new Node(name, port, log, builder.start());
        nodes.add(node);
        return node;
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.kill();
        }
        database.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One application instance. */
    public static final class Node {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private final String name;
        private final int port;
        private final Path log;
        private final Process process;

        Node(String name, int port, Path log, Process process) {
            this.name = name;
            this.port = port;
            this.log = log;
            this.process = process;
        }

        public String name() {
            return name;
        }

        public int port() {
            return port;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public Api as(String user) {
            return new Api(port, user);
        }

        /** The consistency checker's report ({@code GET /api/admin/consistency}, optionally for one case). */
        public ConsistencyReport consistency(String caseId) {
            return ConsistencyReport.of(as("admin").get("/api/admin/consistency"
                    + (caseId == null ? "" : "?caseId=" + caseId)));
        }

        public void awaitReady() {
            try {
                Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " ended with " + process.exitValue() + ":\n" + tail());
                    }
                    try {
                        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).GET().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(name + " did not become ready:\n" + tail(), e);
            }
        }

        /** SIGKILL: no shutdown hook runs, nothing is handed over. */
        public void kill() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** SIGTERM: a graceful shutdown (Spring stops the processors, releasing their segments, and the engine). */
        public void stop() {
            process.destroy();
            try {
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
            } catch (IOException e) {
                return "(no log)";
            }
        }

        @Override
        public String toString() {
            return name + " (pid " + process.pid() + ", port " + port + ")";
        }
    }

    /** What {@code GET /api/admin/consistency} answers: {@code {"checkedCases": n, "findings": [...]}}. */
    public record ConsistencyReport(int status, long checkedCases, JsonNode findings, String raw) {

        static ConsistencyReport of(Api.Response response) {
            JsonNode body = response.body();
            return new ConsistencyReport(response.status(),
                    body.path("checkedCases").asLong(-1), body.path("findings"), response.toString());
        }

        public boolean clean() {
            return status == 200 && findings.isArray() && findings.isEmpty();
        }
    }
}
