package org.nrm.app.config.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by the application on a data directory of its own: the embedded default.
 *
 * <ul>
 *   <li><b>Durable</b> unless told otherwise: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes}
 *   on, so an acknowledged step survives the machine dying. Only tests turn durability off.</li>
 *   <li><b>Closed</b>: it listens on {@code 127.0.0.1} only, has no Unix socket, and its superuser signs in with a
 *   password ({@code scram-sha-256}), generated on first start and kept in the data directory readable by its owner
 *   only ({@value #PASSWORD_FILE}), or configured.</li>
 *   <li><b>Bound to its application</b>: the server runs under a small shell that holds a pipe from this JVM; when the
 *   JVM ends in any way (even {@code kill -9}) the pipe closes and the shell asks PostgreSQL for a fast shutdown.</li>
 *   <li><b>Restartable after a crash</b>: a PostgreSQL left running on the data directory by an earlier run (one that
 *   ended without stopping it) is recognised by its pid file, checked to be a postgres of this very directory, and
 *   stopped cleanly before the new start; a pid file of a process that is gone (or is something else now) is
 *   removed. A lock file beside the data directory keeps two applications from sharing one directory.</li>
 * </ul>
 */
public final class EmbeddedPostgresServer implements Closeable {

    public static final String PASSWORD_FILE = "nrm-superuser.password";
    public static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String TEMPORARY_PREFIX = "nrm-embedded-pg-data";
    private static final String WATCHDOG = "\"$@\" & pg=$!; while read -r _; do :; done; "
            + "kill -INT \"$pg\" 2>/dev/null; wait \"$pg\"";

    /** How to run it. An empty {@code dataDir} means a throw-away directory, deleted on close. */
    public record Settings(String dataDir, int port, boolean durable, String password, Duration startupTimeout) {
    }

    private final Path bin;
    private final Path dataDir;
    private final Path temporaryRoot;
    private final boolean durable;
    private final String password;
    private final Duration startupTimeout;
    private final int port;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Process watchdog;
    private OutputStream lifeline;
    private boolean closed;

    private EmbeddedPostgresServer(Settings settings) throws IOException {
        this.bin = PostgresBinaries.directory().resolve("bin");
        this.durable = settings.durable();
        this.startupTimeout = settings.startupTimeout() == null ? Duration.ofSeconds(120) : settings.startupTimeout();
        if (settings.dataDir() == null || settings.dataDir().isBlank()) {
            removeAbandonedTemporaryDirectories();
            temporaryRoot = Files.createTempDirectory(TEMPORARY_PREFIX);
            dataDir = temporaryRoot.resolve("pgdata");
        } else {
            temporaryRoot = null;
            dataDir = Path.of(settings.dataDir()).toAbsolutePath().normalize();
        }
        Files.createDirectories(dataDir.getParent());
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            acquired = null; // held by this very JVM
        }
        lock = acquired;
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("Refusing to start: another application uses the embedded database in "
                    + dataDir + " (" + lockFile + " is locked)");
        }
        try {
            stopOrphan();
            this.password = preparePassword(settings.password());
            writeHostBasedAuthentication();
            this.port = settings.port() > 0 ? settings.port() : freePort();
            start();
        } catch (IOException | RuntimeException e) {
            releaseLock();
            throw e;
        }
    }

    /** Starts the embedded server (initialising the data directory on first use) and waits until it answers. */
    public static EmbeddedPostgresServer start(Settings settings) throws IOException {
        return new EmbeddedPostgresServer(settings);
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    public Path dataDirectory() {
        return dataDir;
    }

    public boolean durable() {
        return durable;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The postmaster's process id while it runs, from its pid file. */
    public OptionalLong postmasterPid() {
        return readPid(dataDir.resolve("postmaster.pid"));
    }

    /** Starts the server again after {@link #stop()} (operators' and tests' use: a database outage and its end). */
    public synchronized void start() throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (watchdog != null && watchdog.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(launcher());
        command.addAll(List.of("sh", "-c", WATCHDOG, "nrm-embedded-postgres",
                bin.resolve("postgres").toString(), "-D", dataDir.toString(), "-p", Integer.toString(port)));
        command.addAll(serverSettings());
        Path logFile = dataDir.resolve("postgres.log");
        watchdog = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        lifeline = watchdog.getOutputStream();
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        SQLException last = null;
        boolean seenPostgres = false;
        while (System.nanoTime() < deadline) {
            // the shell's one child is postgres: once seen, its absence means it has ended (bad settings, no space)
            boolean postgresRunning = watchdog.toHandle().children().findAny().isPresent();
            if (postgresRunning) {
                seenPostgres = true;
            } else if (seenPostgres) {
                break;
            }
            try (Connection ignored = connect("postgres")) {
                log.info("Embedded PostgreSQL (pid {}) answers on 127.0.0.1:{}, data in {}, durable: {}",
                        postmasterPid().orElse(-1), port, dataDir, durable);
                return;
            } catch (SQLException e) {
                last = e;
            }
            if (!watchdog.isAlive()) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        String tail = tail(logFile);
        stop();
        throw new IOException("the embedded PostgreSQL did not start within " + startupTimeout
                + "; the end of its log (" + logFile + "):\n" + tail, last);
    }

    /** Fast shutdown (open transactions roll back, a checkpoint is written); waits until the server has ended. */
    public synchronized void stop() {
        if (watchdog == null) {
            return;
        }
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // the shell reads end of input either way
        }
        try {
            if (!watchdog.waitFor(60, TimeUnit.SECONDS)) {
                log.warn("The embedded PostgreSQL did not stop within 60 s; stopping it immediately");
                postmasterPid().ifPresent(pid -> signal("-QUIT", pid));
                watchdog.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog = null;
    }

    /** Opens a connection as the superuser (with the password) over loopback. */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        releaseLock();
        if (temporaryRoot != null) {
            try {
                PostgresBinaries.deleteRecursively(temporaryRoot);
            } catch (IOException e) {
                log.warn("Could not delete the temporary database directory {}", temporaryRoot, e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ settings

    private List<String> serverSettings() {
        String onOff = durable ? "on" : "off";
        List<String> settings = new ArrayList<>();
        for (String setting : List.of("listen_addresses=127.0.0.1", "unix_socket_directories=",
                "fsync=" + onOff, "synchronous_commit=" + onOff, "full_page_writes=" + onOff,
                "max_connections=300", "timezone=UTC", "password_encryption=scram-sha-256")) {
            settings.add("-c");
            settings.add(setting);
        }
        // statement statistics (the bench's statements per step; an operator's first look at slow SQL), loaded when
        // the binaries ship the module, as managed servers do
        if (shipsStatementStatistics()) {
            settings.addAll(List.of("-c", "shared_preload_libraries=pg_stat_statements",
                    "-c", "pg_stat_statements.max=10000"));
        }
        return settings;
    }

    private boolean shipsStatementStatistics() {
        Path lib = bin.getParent().resolve("lib").resolve("postgresql");
        return Files.exists(lib.resolve("pg_stat_statements.so")) || Files.exists(lib.resolve("pg_stat_statements.dll"))
                || Files.exists(lib.resolve("pg_stat_statements.dylib"));
    }

    private void writeHostBasedAuthentication() throws IOException {
        Files.writeString(dataDir.resolve("pg_hba.conf"), """
                # Written by the NRM platform at every start of its embedded PostgreSQL: the superuser signs in with
                # its password (nrm-superuser.password), over loopback only. There is no Unix socket.
                host    all    all    127.0.0.1/32    scram-sha-256
                """);
    }

    /**
     * The superuser's password: the configured one, else the one kept in the data directory, else a new one. A
     * fresh directory is initialised with it; an existing one (also one initialised by earlier versions, which
     * trusted every local connection) gets it set in single-user mode when it changes.
     */
    private String preparePassword(String configured) throws IOException {
        Path file = dataDir.resolve(PASSWORD_FILE);
        boolean initialised = Files.exists(dataDir.resolve("PG_VERSION"));
        Optional<String> kept = initialised && Files.exists(file)
                ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        String password = configured != null && !configured.isBlank() ? configured
                : kept.orElseGet(EmbeddedPostgresServer::generatePassword);
        if (!initialised) {
            initdb(password);
        } else if (kept.isEmpty() || !kept.get().equals(password)) {
            setPasswordInSingleUserMode(password);
        }
        if (kept.isEmpty() || !kept.get().equals(password)) {
            writeOwnerOnly(file, password);
        }
        return password;
    }

    private void initdb(String password) throws IOException {
        if (Files.exists(dataDir)) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException("Refusing to start: " + dataDir
                            + " is neither empty nor a PostgreSQL data directory");
                }
            }
        }
        Path passwordFile = Files.createTempFile(dataDir.getParent(), ".initdb-", ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, password);
            List<String> command = new ArrayList<>(launcher());
            command.addAll(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
                    "-E", "UTF-8", "--auth=scram-sha-256", "--pwfile=" + passwordFile));
            run(command, null, "initdb", password);
            log.info("Initialised the embedded PostgreSQL data directory {}", dataDir);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private void setPasswordInSingleUserMode(String password) throws IOException {
        List<String> command = new ArrayList<>(launcher());
        command.addAll(List.of(bin.resolve("postgres").toString(), "--single", "-D", dataDir.toString(),
                "-c", "listen_addresses=", "-c", "unix_socket_directories=", "-c", "password_encryption=scram-sha-256",
                "postgres"));
        run(command, "ALTER ROLE " + SUPERUSER + " PASSWORD '" + password.replace("'", "''") + "';\n",
                "setting the superuser's password", password);
        log.info("Set the embedded PostgreSQL superuser's password (kept in {})", dataDir.resolve(PASSWORD_FILE));
    }

    private static String generatePassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content + "\n");
    }

    /**
     * Throw-away directories (tests) whose JVM died before deleting them: older than ten minutes, their lock free
     * and no postgres running on them.
     */
    private static void removeAbandonedTemporaryDirectories() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var candidates = Files.newDirectoryStream(tmp, TEMPORARY_PREFIX + "*")) {
            for (Path root : candidates) {
                Path lockFile = root.resolve("pgdata.lock");
                if (!Files.isRegularFile(lockFile) || Files.getLastModifiedTime(root).toMillis()
                        > System.currentTimeMillis() - Duration.ofMinutes(10).toMillis()) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                     FileLock held = channel.tryLock()) {
                    OptionalLong pid = readPid(root.resolve("pgdata/postmaster.pid"));
                    if (held != null && (pid.isEmpty() || ProcessHandle.of(pid.getAsLong())
                            .filter(ProcessHandle::isAlive).isEmpty())) {
                        PostgresBinaries.deleteRecursively(root);
                        log.info("Removed the abandoned temporary database directory {}", root);
                    }
                } catch (java.nio.channels.OverlappingFileLockException | IOException e) {
                    // in use, or not ours to remove
                }
            }
        } catch (IOException e) {
            log.debug("Could not look for abandoned temporary database directories", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ orphans

    /**
     * A PostgreSQL still running on this data directory can only be an orphan here (this process holds the lock, so
     * no other application runs on it): stop it cleanly. A pid file whose process is gone, or is no postgres of this
     * directory (its pid reused), is stale: remove it.
     */
    private void stopOrphan() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        OptionalLong pid = readPid(pidFile);
        if (pid.isEmpty()) {
            if (Files.exists(pidFile)) {
                log.warn("Removing an unreadable PostgreSQL pid file {}", pidFile);
                Files.deleteIfExists(pidFile);
            }
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isPostgresOf(process.get())) {
            log.warn("Removing the stale pid file {} (process {} is {})", pidFile, pid.getAsLong(),
                    process.isEmpty() ? "gone" : "no PostgreSQL of this data directory");
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("An embedded PostgreSQL (pid {}) is still running on {}, left by an earlier run that ended without "
                + "stopping it: stopping it (fast shutdown) before starting again", pid.getAsLong(), dataDir);
        signal("-INT", pid.getAsLong());
        if (!awaitExit(process.get(), Duration.ofSeconds(60))) {
            log.warn("The orphaned PostgreSQL (pid {}) did not stop within 60 s: immediate shutdown", pid.getAsLong());
            signal("-QUIT", pid.getAsLong());
            if (!awaitExit(process.get(), Duration.ofSeconds(20))) {
                throw new IllegalStateException("Refusing to start: the orphaned PostgreSQL (pid " + pid.getAsLong()
                        + ") on " + dataDir + " does not stop");
            }
        }
        // an immediate shutdown leaves the pid file; PostgreSQL recovers from its WAL on the next start
        Files.deleteIfExists(pidFile);
    }

    private boolean isPostgresOf(ProcessHandle process) {
        boolean named = process.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres"))
                .orElse(false);
        Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            // the postmaster works in its data directory
            return named && Files.readSymbolicLink(cwd).equals(dataDir.toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            return named && process.info().arguments().map(a -> List.of(a).contains(dataDir.toString()))
                    .orElse(false);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static OptionalLong readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    /**
     * PostgreSQL refuses to run as root: under {@code unshare -U} it runs in a user namespace of its own (as zonky
     * does). {@code setsid} keeps a terminal's Ctrl-C away from it: the application stops it after its own shutdown.
     */
    private static List<String> launcher() {
        List<String> prefix = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            prefix.add("/usr/bin/setsid");
        }
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            prefix.addAll(List.of("unshare", "-U"));
        }
        return prefix;
    }

    private static void run(List<String> command, String input, String what, String secret) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            process.getOutputStream().close();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(what + " failed: " + output.replace(secret, "[password]"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void releaseLock() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Could not release {}", dataDir, e);
        }
    }
}
