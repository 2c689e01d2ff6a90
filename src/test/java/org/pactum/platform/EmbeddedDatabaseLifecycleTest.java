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

    private static String show(EmbeddedDatabase db, String setting) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void committedDataReachesTheDiskFsyncAndSynchronousCommitAreOn() throws Exception {
        // zonky passes -F (fsync off): an OS crash could then lose committed audit entries.
        try (EmbeddedDatabase db = EmbeddedDatabase.start(freshDir())) {
            assertThat(show(db, "fsync")).isEqualTo("on");
            assertThat(show(db, "synchronous_commit")).isEqualTo("on");
            assertThat(show(db, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void aPostmasterIsOursOnlyIfItServesOurDataDirectory() throws Exception {
        // A pid in a stale postmaster.pid may now belong to another cluster's postgres (same
        // command name): it must never be taken for ours, let alone stopped.
        Path ours = freshDir();
        Path theirs = freshDir();
        try (EmbeddedDatabase other = EmbeddedDatabase.start(theirs)) {
            long otherPid =
                    Long.parseLong(
                            Files.readAllLines(theirs.resolve("postgres/postmaster.pid"))
                                    .get(0)
                                    .trim());
            Files.createDirectories(ours.resolve("postgres"));
            Files.writeString(
                    ours.resolve("postgres/postmaster.pid"),
                    otherPid + "\n" + ours.resolve("postgres") + "\n");
            assertThat(EmbeddedDatabase.postmasterOf(ours.resolve("postgres"))).isEmpty();
            assertThat(EmbeddedDatabase.postmasterOf(theirs.resolve("postgres")))
                    .map(ProcessHandle::pid)
                    .contains(otherPid);

            EmbeddedDatabase.stopStalePostmaster(ours.resolve("postgres"));
            assertThat(ProcessHandle.of(otherPid).map(ProcessHandle::isAlive)).contains(true);
            assertThat(show(other, "fsync")).as("the other cluster still answers").isEqualTo("on");
        }
    }

    @Test
    void anOpenSessionDoesNotDelayRecoveryFromASigkill() throws Exception {
        Path dir = freshDir();
        Child killed = start(dir, "with-a-session");
        int port =
                Integer.parseInt(
                        Files.readAllLines(dir.resolve("postgres/postmaster.pid")).get(3).trim());
        try (Connection session =
                DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "")) {
            killed.jvm().destroyForcibly();
            assertThat(killed.jvm().waitFor(30, TimeUnit.SECONDS)).isTrue();
            long begin = System.nanoTime();
            // A smart shutdown (SIGTERM) would wait for this session; a fast one disconnects it.
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin);
                assertThat(seconds).as("restart took %d s", seconds).isLessThan(15);
                assertThat(rows(db)).containsExactly("with-a-session");
            }
            assertThat(session.isValid(2)).isFalse();
        }
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
