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
 * survives restarts. Zonky's own shutdown hook runs {@code pg_ctl stop} on SIGTERM; after a SIGKILL
 * of the JVM the orphaned postmaster is stopped here before the next start so WAL recovery runs on
 * intact data.
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
                            // Zonky turns synchronous_commit off for speed; an audit entry must
                            // survive a crash
                            // once the data it records has been released, so durability comes back
                            // on.
                            .setServerConfig("synchronous_commit", "on")
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
     * start would then fail with "lock file already exists". Stop it (SIGTERM is PostgreSQL's smart
     * shutdown; its clients died with the JVM) and escalate only if it will not go.
     */
    static void stopStalePostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        Optional<ProcessHandle> stale = postmasterOf(pidFile);
        if (stale.isEmpty()) {
            return;
        }
        ProcessHandle process = stale.get();
        LOG.warnf(
                "Stopping stale embedded PostgreSQL (pid %d) left by an earlier run",
                process.pid());
        process.destroy();
        try {
            process.onExit().get(STALE_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf(
                    "Stale PostgreSQL (pid %d) did not stop in %s; killing it",
                    process.pid(), STALE_STOP_WAIT);
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    static Optional<ProcessHandle> postmasterOf(Path pidFile) throws IOException {
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
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
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
