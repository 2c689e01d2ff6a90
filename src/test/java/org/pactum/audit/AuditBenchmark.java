package org.pactum.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pactum.support.PactumProcess;

/**
 * The audit benchmark (issue 16): {@code ./mvnw -B verify -Pbenchmark -Dit.test=AuditBenchmark}.
 *
 * <p>50 concurrent writers make audited requests against the packaged jar on its embedded default;
 * the appends per second, and how long after the last append a signed checkpoint covers it, are
 * printed and checked (targets: at least 2,000/s, within 1 s). Then the packaged jar verifies a
 * 1,000,000-entry export offline against a signed checkpoint (target: under 10 s) and finds an
 * edited entry at its seq.
 */
class AuditBenchmark {

    static final int WRITERS = Integer.getInteger("bench.writers", 50);
    static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    static final int ENTRIES = Integer.getInteger("bench.entries", 1_000_000);

    @Test
    void fiftyConcurrentWritersAndCheckpointLatency() throws Exception {
        Path dir = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(dir);
        try (PactumProcess app =
                PactumProcess.start(
                        dir.resolve("audit-data-" + System.nanoTime()), "1g", Map.of())) {
            String token = app.token("admin");
            HttpClient http =
                    HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(app.url("/api/v1/audit/checkpoint")))
                            .header("Authorization", "Bearer " + token)
                            .build();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                done.add(
                        writers.submit(
                                () -> {
                                    while (running.get()) {
                                        try {
                                            HttpResponse<Void> r =
                                                    http.send(
                                                            request,
                                                            HttpResponse.BodyHandlers.discarding());
                                            (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                                        } catch (Exception e) {
                                            failed.incrementAndGet();
                                        }
                                    }
                                    return null;
                                }));
            }
            Thread.sleep(3_000); // warm-up
            long startSeq = maxSeq(app);
            long start = System.nanoTime();
            long worstLagMs = 0;
            while (System.nanoTime() - start < SECONDS * 1_000_000_000L) {
                Thread.sleep(250);
                long[] lag = lag(app);
                worstLagMs = Math.max(worstLagMs, lag[0]);
            }
            long endSeq = maxSeq(app);
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Future<?> f : done) {
                f.get();
            }
            writers.shutdown();
            long lastAppended = maxSeq(app);
            long appendedAt = System.nanoTime();
            long coveredMs;
            while (true) {
                if (checkpointSize(app) >= lastAppended) {
                    coveredMs = (System.nanoTime() - appendedAt) / 1_000_000;
                    break;
                }
                Thread.sleep(5);
            }
            double rate = (endSeq - startSeq) / seconds;
            System.out.printf(
                    "%nAUDIT BENCHMARK: %d writers, %.1f s: %d audited appends, %.0f appends/s (target >= 2000);"
                            + " %d failed requests%n",
                    WRITERS, seconds, endSeq - startSeq, rate, failed.get());
            System.out.printf(
                    "AUDIT BENCHMARK: checkpoint covered the last append %d ms after the writers stopped;"
                            + " worst lag under load (oldest entry not yet in a checkpoint) %d ms (target <= 1000)%n",
                    coveredMs, worstLagMs);
            HttpResponse<String> verify =
                    http.send(
                            HttpRequest.newBuilder(URI.create(app.url("/api/v1/audit/verify")))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            System.out.printf("AUDIT BENCHMARK: verify afterwards: %s%n", verify.body());
            assertThat(verify.body()).contains("\"valid\":true");
            assertThat(failed.get()).isZero();
            assertThat(rate).isGreaterThanOrEqualTo(2_000);
            assertThat(coveredMs).isLessThanOrEqualTo(1_000);
            assertThat(worstLagMs).isLessThanOrEqualTo(1_000);
        }
    }

    @Test
    void offlineVerificationOfAMillionEntries() throws Exception {
        Path dir = Path.of("target", "bench", "verify").toAbsolutePath();
        Files.createDirectories(dir);
        SyntheticLog log = new SyntheticLog();
        Path export = dir.resolve("export-" + ENTRIES + ".ndjson");
        byte[] root = log.export(export, ENTRIES);
        Path key = log.publicKey(dir.resolve("key.pem"));
        Path cp = log.checkpoint(dir.resolve("cp.txt"), "pactum.bench/audit", ENTRIES, root);
        long start = System.nanoTime();
        Result good = verify(export, cp, key);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%nAUDIT BENCHMARK: java -jar quarkus-run.jar verify-audit on %d entries (%d MB): %.2f s (target < 10 s): %s%n",
                ENTRIES, Files.size(export) >> 20, seconds, good.out().trim());
        assertThat(good.status()).isZero();
        assertThat(seconds).isLessThan(10);

        long tampered = ENTRIES * 7L / 10;
        Path edited = dir.resolve("edited.ndjson");
        try (var in = Files.newBufferedReader(export);
                var out = Files.newBufferedWriter(edited)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                out.write(n == tampered ? line.replace("\"cells\":", "\"cells\":1") : line);
                out.write('\n');
            }
        }
        Result bad = verify(edited, cp, key);
        System.out.printf("AUDIT BENCHMARK: edited entry %d: %s%n", tampered, bad.out().trim());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.out()).contains("first broken seq " + tampered + ":");
        Files.delete(edited);
    }

    record Result(int status, String out) {}

    private static Result verify(Path export, Path cp, Path key) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        Process p =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                jar.toString(),
                                "verify-audit",
                                export.toString(),
                                "--checkpoint",
                                cp.toString(),
                                "--key",
                                key.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private static Connection db(PactumProcess app) throws Exception {
        return DriverManager.getConnection(app.jdbcUrl(), "postgres", "");
    }

    private static long maxSeq(PactumProcess app) throws Exception {
        return queryLong(app, "SELECT coalesce(max(seq), 0) FROM audit_entry");
    }

    private static long checkpointSize(PactumProcess app) throws Exception {
        return queryLong(app, "SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint");
    }

    /** Age (ms) of the oldest committed entry no checkpoint covers yet. */
    private static long[] lag(PactumProcess app) throws Exception {
        return new long[] {
            queryLong(
                    app,
                    "SELECT coalesce((extract(epoch FROM now() - min(occurred_at)) * 1000)::bigint, 0) FROM audit_entry"
                            + " WHERE seq > (SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint)")
        };
    }

    private static long queryLong(PactumProcess app, String sql) throws Exception {
        try (Connection c = db(app);
                var st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
