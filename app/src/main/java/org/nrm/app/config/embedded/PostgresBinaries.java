package org.nrm.app.config.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries that zonky's binary artifacts carry (a {@code .txz} on the class path), unpacked once per
 * machine into {@code ${java.io.tmpdir}/nrm-embedded-pg/PG-<digest>}. Only the binaries are taken from zonky: the
 * server's life (initdb, settings, authentication, start, stop, orphans) is {@link EmbeddedPostgresServer}'s.
 */
public final class PostgresBinaries {

    private static Path unpacked;

    private PostgresBinaries() {
    }

    /** The unpacked installation (with {@code bin/initdb}, {@code bin/postgres}, {@code bin/pg_ctl}). */
    public static synchronized Path directory() {
        if (unpacked != null && Files.isExecutable(unpacked.resolve("bin/postgres"))) {
            return unpacked;
        }
        try {
            byte[] archive = archive();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "nrm-embedded-pg");
            Files.createDirectories(root);
            Path target = root.resolve("PG-" + digest.substring(0, 32));
            Path done = target.resolve(".complete");
            try (FileChannel channel = FileChannel.open(root.resolve("PG-" + digest.substring(0, 32) + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!Files.exists(done)) {
                    Path staging = Files.createTempDirectory(root, "unpacking-");
                    unpack(archive, staging);
                    if (Files.exists(target)) {
                        deleteRecursively(target);
                    }
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    Files.createFile(done);
                }
            }
            unpacked = target;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] archive() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String system = os.contains("win") ? "Windows" : os.contains("mac") ? "Darwin" : "Linux";
        String arch = System.getProperty("os.arch");
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system,
                "amd64".equals(arch) ? "x86_64" : arch)) {
            if (in == null) {
                throw new IOException("no PostgreSQL binaries on the class path for " + system + " " + arch);
            }
            return in.readAllBytes();
        }
    }

    private static void unpack(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().replaceFirst("^\\./", "").startsWith("bin/")) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
