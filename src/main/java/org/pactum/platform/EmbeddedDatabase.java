package org.pactum.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The embedded default's PostgreSQL 18: a zonky cluster in {@code <data-dir>/postgres} that
 * survives restarts, with fsync on. Zonky's own shutdown hook runs {@code pg_ctl stop} on SIGTERM;
 * after a SIGKILL of the JVM the orphaned postmaster is stopped here before the next start so WAL
 * recovery runs on intact data.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        Path pgData = dataDirectory.resolve("postgres");
        try {
            Files.createDirectories(dataDirectory);
            stopStalePostmaster(pgData);
            EmbeddedPostgres pg =
                    EmbeddedPostgres.builder()
                            .setDataDirectory(pgData)
                            .setCleanDataDirectory(false)
                            .setServerConfig("max_connections", "200")
                            // Zonky starts postgres with -F (fsync off) and synchronous_commit off,
                            // for speed. An audit entry must survive an OS crash once the data it
                            // records has been released, so durability comes back on: these -c
                            // options follow -F on the command line, and the last setting wins.
                            .setServerConfig("fsync", "on")
                            .setServerConfig("synchronous_commit", "on")
                            .setServerConfig("full_page_writes", "on")
                            .start();
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + pgData, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * A postmaster whose JVM was killed keeps running and holds {@code postmaster.pid}; a fresh
     * start would then fail with "lock file already exists". Stop it with a fast shutdown (SIGINT:
     * open sessions are disconnected rather than waited for, and WAL recovery runs at the next
     * start) and escalate only if it will not go.
     */
    static void stopStalePostmaster(Path pgData) throws IOException {
        Optional<ProcessHandle> stale = postmasterOf(pgData);
        if (stale.isEmpty()) {
            return;
        }
        ProcessHandle process = stale.get();
        LOG.warnf(
                "Stopping stale embedded PostgreSQL (pid %d) left by an earlier run",
                process.pid());
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
            process.onExit().get(STALE_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the stale PostgreSQL", e);
        } catch (Exception e) {
            LOG.warnf(
                    "Stale PostgreSQL (pid %d) did not stop in %s; killing it",
                    process.pid(), STALE_STOP_WAIT);
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    /**
     * The live postmaster serving {@code pgData}, if any. The pid in {@code postmaster.pid} may
     * have been reused since (after a reboot, by anything, including another cluster's postgres),
     * so the process counts as ours only if it serves this data directory: its working directory (a
     * postmaster changes into its data directory) or its {@code -D} argument.
     */
    static Optional<ProcessHandle> postmasterOf(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Path dataDir = pgData.toRealPath();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> servesDataDirectory(p, dataDir));
    }

    private static boolean servesDataDirectory(ProcessHandle process, Path dataDir) {
        try {
            Path cwd =
                    Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
            if (cwd.equals(dataDir)) {
                return true;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException noProc) {
            // not Linux, or not ours to inspect: fall back to the command line
        }
        List<String> args = process.info().arguments().map(List::of).orElse(List.of());
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-D")
                    && Path.of(args.get(i + 1)).toAbsolutePath().normalize().equals(dataDir)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.error("Could not stop embedded PostgreSQL", e);
        }
    }
}
