package org.nrm.app.config.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default's server on its own (no Spring): durable by default, closed to everyone but its application,
 * and able to start again on a data directory that an earlier run left with a running or a stale PostgreSQL.
 */
class EmbeddedPostgresServerTest {

    @TempDir
    Path temp;

    private EmbeddedPostgresServer start(Path dataDir, boolean durable) throws IOException {
        return EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Settings(dataDir.toString(), 0, durable, "",
                Duration.ofSeconds(120)));
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void by_default_it_is_durable_and_only_a_test_can_turn_durability_off() throws Exception {
        try (EmbeddedPostgresServer server = start(temp.resolve("durable"), true);
             Connection c = server.connect("postgres")) {
            assertThat(show(c, "fsync")).isEqualTo("on");
            assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            assertThat(show(c, "full_page_writes")).isEqualTo("on");
        }
        try (EmbeddedPostgresServer server = start(temp.resolve("volatile"), false);
             Connection c = server.connect("postgres")) {
            assertThat(show(c, "fsync")).isEqualTo("off");
            assertThat(show(c, "synchronous_commit")).isEqualTo("off");
        }
    }

    @Test
    void it_listens_on_loopback_only_and_its_superuser_needs_the_generated_password() throws Exception {
        Path dataDir = temp.resolve("closed");
        String password;
        try (EmbeddedPostgresServer server = start(dataDir, false); Connection c = server.connect("postgres")) {
            password = server.password();
            assertThat(password).hasSizeGreaterThanOrEqualTo(24);
            assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(c, "unix_socket_directories")).isEmpty();
            assertThat(show(c, "password_encryption")).isEqualTo("scram-sha-256");

            for (String wrong : new String[] {"", "postgres", password + "x"}) {
                Properties properties = new Properties();
                properties.setProperty("user", "postgres");
                properties.setProperty("password", wrong);
                assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), properties).close())
                        .as("signing in with password '%s'", wrong).isInstanceOf(SQLException.class);
            }
            Path kept = dataDir.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
            assertThat(Files.readString(kept).strip()).isEqualTo(password);
            assertThat(Files.getPosixFilePermissions(kept))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        // the next start on the same directory signs in with the kept password
        try (EmbeddedPostgresServer server = start(dataDir, false); Connection c = server.connect("postgres")) {
            assertThat(server.password()).isEqualTo(password);
            assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void a_postgres_left_running_on_the_data_directory_by_a_crashed_run_is_stopped_and_the_server_starts_again()
            throws Exception {
        Path dataDir = temp.resolve("orphan");
        try (EmbeddedPostgresServer server = start(dataDir, false); Connection c = server.connect("postgres")) {
            c.createStatement().execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
        }
        // what an earlier version left after kill -9 of its JVM: a detached postgres (pg_ctl start) still running
        long orphan = startDetached(dataDir);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedPostgresServer server = start(dataDir, false); Connection c = server.connect("postgres")) {
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("the orphan").isEmpty();
            assertThat(server.postmasterPid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(orphan));
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void a_stale_pid_file_whose_process_is_now_something_else_is_removed() throws Exception {
        Path dataDir = temp.resolve("stale");
        start(dataDir, false).close();
        // the pid of a live process that is no postgres (as after a reboot, when the pid is reused): this JVM's
        long someoneElse = ProcessHandle.current().pid();
        Files.writeString(dataDir.resolve("postmaster.pid"), someoneElse + "\n" + dataDir + "\n1700000000\n5432\n\n"
                + "127.0.0.1\n  5432001  12345\nready   \n");
        try (EmbeddedPostgresServer server = start(dataDir, false); Connection c = server.connect("postgres")) {
            assertThat(show(c, "fsync")).isEqualTo("off");
            assertThat(server.postmasterPid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(someoneElse));
        }
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void two_applications_never_share_one_data_directory() throws Exception {
        Path dataDir = temp.resolve("shared");
        try (EmbeddedPostgresServer server = start(dataDir, false)) {
            assertThatThrownBy(() -> start(dataDir, false)).hasMessageContaining("another application");
            try (Connection c = server.connect("postgres")) {
                assertThat(show(c, "fsync")).isEqualTo("off");
            }
        }
    }

    @Test
    void stopped_it_refuses_connections_and_started_again_it_serves_the_same_data() throws Exception {
        try (EmbeddedPostgresServer server = start(temp.resolve("outage"), false)) {
            try (Connection c = server.connect("postgres")) {
                c.createStatement().execute("CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
            }
            long pid = server.postmasterPid().orElseThrow();
            server.stop();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThatThrownBy(() -> server.connect("postgres").close()).isInstanceOf(SQLException.class);
            server.start();
            try (Connection c = server.connect("postgres");
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void a_throw_away_directory_abandoned_by_a_dead_jvm_is_removed_and_one_in_use_is_not() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path abandoned = Files.createTempDirectory(tmp, "nrm-embedded-pg-data");
        Files.createDirectories(abandoned.resolve("pgdata"));
        Files.writeString(abandoned.resolve("pgdata.lock"), "");
        Path recent = Files.createTempDirectory(tmp, "nrm-embedded-pg-data");
        Files.writeString(recent.resolve("pgdata.lock"), "");
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - Duration.ofHours(1).toMillis()));
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Settings("", 0,
                false, "", Duration.ofSeconds(120)))) {
            assertThat(abandoned).doesNotExist();
            assertThat(recent).exists();
            Path inUse = first.dataDirectory().getParent();
            Files.setLastModifiedTime(inUse, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - Duration.ofHours(1).toMillis()));
            try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Settings(
                    "", 0, false, "", Duration.ofSeconds(120)))) {
                assertThat(inUse).as("the directory of a running server").exists();
                assertThat(second.dataDirectory()).isNotEqualTo(first.dataDirectory());
            }
        } finally {
            PostgresBinaries.deleteRecursively(recent);
        }
    }

    /** Starts postgres on the directory detached from this JVM, as {@code pg_ctl start} does, and returns its pid. */
    private static long startDetached(Path dataDir) throws Exception {
        Path bin = PostgresBinaries.directory().resolve("bin");
        List<String> command = new ArrayList<>();
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
                dataDir.resolveSibling("orphan.log").toString(), "-o",
                "-c listen_addresses=127.0.0.1 -c unix_socket_directories= -F -p " + freePort(), "-w", "start"));
        Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(pgCtl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pgCtl.exitValue()).isZero();
        Path pidFile = dataDir.resolve("postmaster.pid");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile));
        return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
