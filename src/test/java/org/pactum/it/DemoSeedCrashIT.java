package org.pactum.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pactum.support.PactumProcess;

/**
 * First-start seeding survives a kill -9 (issue 11): the packaged jar is killed the moment the demo
 * organisations are visible in its database, and the next start completes the demo instead of
 * leaving a partnership without agreements for ever.
 */
class DemoSeedCrashIT {

    /** The README's demo: 13 organisations, 3 agreements, 24 months of 5 feeds. */
    private static final int ORGANISATIONS = 13;

    private static final int AGREEMENTS = 3;
    private static final int SUBMISSIONS = 24 * 5;

    @Test
    void aKillDuringFirstStartSeedingIsCompletedByTheNextStart() throws Exception {
        Path dir = Path.of("target", "it-demo-seed-crash").toAbsolutePath();
        KeycloakProcess.deleteRecursively(dir);
        KeycloakProcess.deleteRecursively(dir.resolveSibling(dir.getFileName() + ".log"));
        Files.createDirectories(dir);

        Process first = startJar(dir);
        String jdbc = awaitOrganisations(first, dir);
        first.destroyForcibly(); // kill -9: no shutdown hook, no transaction gets to finish
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (PactumProcess second = PactumProcess.start(dir, "768m", Map.of())) {
            String url = second.jdbcUrl();
            assertThat(count(url, "SELECT count(*) FROM organisation")).isEqualTo(ORGANISATIONS);
            assertThat(count(url, "SELECT count(*) FROM agreement")).isEqualTo(AGREEMENTS);
            assertThat(count(url, "SELECT count(*) FROM submission WHERE status = 'ACCEPTED'"))
                    .isEqualTo(SUBMISSIONS);
            assertThat(count(url, "SELECT count(*) FROM agreement_version WHERE version = 2"))
                    .as("the probation extension was proposed once")
                    .isEqualTo(1);
            HttpResponse<String> agreements =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(second.url("/api/v1/agreements")))
                                            .header(
                                                    "Authorization",
                                                    "Bearer " + second.token("dudley-mbc-analyst"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(agreements.statusCode()).isEqualTo(200);
            assertThat(agreements.body()).contains("West Midlands serious violence");
        }
        assertThat(jdbc).isNotBlank();
    }

    private static Process startJar(Path dir) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx768m",
                                "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                                "-jar",
                                jar.toString()));
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolveSibling("it-demo-seed-first.log").toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("PACTUM_"));
        pb.environment().put("PACTUM_DATA_DIR", dir.toString());
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(KeycloakProcess.freePort()));
        return pb.start();
    }

    /** Polls the embedded database until the first organisation row is visible; returns its URL. */
    private static String awaitOrganisations(Process jvm, Path dir) throws Exception {
        Path pid = dir.resolve("postgres").resolve("postmaster.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(jvm.isAlive()).as("Pactum exited during its first start").isTrue();
            if (Files.exists(pid)) {
                List<String> lines = Files.readAllLines(pid);
                if (lines.size() > 3 && !lines.get(3).isBlank()) {
                    String url = "jdbc:postgresql://localhost:" + lines.get(3).trim() + "/postgres";
                    try {
                        if (count(url, "SELECT count(*) FROM organisation") > 0) {
                            return url;
                        }
                    } catch (SQLException notYet) {
                        // not accepting connections, or not migrated yet
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no organisation was seeded within 120 s");
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
