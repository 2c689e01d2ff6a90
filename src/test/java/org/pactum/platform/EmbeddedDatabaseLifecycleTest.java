package org.pactum.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded default's promises about its PostgreSQL, tested with real processes: data survives a
 * restart, SIGTERM leaves no postgres behind, and after a SIGKILL the next start recovers.
 */
class EmbeddedDatabaseLifecycleTest {

    private static Path freshDir() throws Exception {
        Path dir = Path.of("target", "lifecycle-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * Starts a child JVM holding the database; returns it once the postmaster is up, with its pid.
     */
    private static Child start(Path dir, String row) throws Exception {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                                "-cp",
                                System.getProperty("java.class.path"),
                                EmbeddedDatabaseChild.class.getName(),
                                dir.toString(),
                                row));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
                drain.setDaemon(true);
                drain.start();
                return new Child(process, Long.parseLong(line.substring(6).trim()));
            }
        }
        throw new AssertionError(
                "child JVM exited before the database was ready: " + process.waitFor());
    }

    record Child(Process jvm, long postmasterPid) {}

    /** pg_ctl returns once postmaster.pid is gone; the process itself ends a moment later. */
    private static boolean exitsWithin(long pid, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(100);
            } else {
                return true;
            }
        }
        return false;
    }

    private static List<String> rows(EmbeddedDatabase db) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT id FROM survivor ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    @Test
    void sigtermStopsPostgresCleanlyAndARestartKeepsTheData() throws Exception {
        Path dir = freshDir();
        Child first = start(dir, "row-1");
        first.jvm().destroy(); // SIGTERM
        assertThat(first.jvm().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(exitsWithin(first.postmasterPid(), 10))
                .as("no stray postgres after SIGTERM")
                .isTrue();
        assertThat(dir.resolve("postgres/postmaster.pid")).doesNotExist();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertThat(rows(db)).containsExactly("row-1");
        }
    }

    @Test
    void afterASigkillOfTheJvmTheNextStartRecoversWithDataIntact() throws Exception {
        Path dir = freshDir();
        Child killed = start(dir, "before-kill");
        killed.jvm().destroyForcibly(); // SIGKILL: no shutdown hooks run
        assertThat(killed.jvm().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(
                        ProcessHandle.of(killed.postmasterPid())
                                .map(ProcessHandle::isAlive)
                                .orElse(false))
                .as("the orphaned postmaster is still running")
                .isTrue();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertThat(
                            ProcessHandle.of(killed.postmasterPid())
                                    .map(ProcessHandle::isAlive)
                                    .orElse(false))
                    .isFalse();
            assertThat(rows(db)).containsExactly("before-kill");
        }
        assertThat(dir.resolve("postgres/postmaster.pid")).doesNotExist();
    }
}
