package org.pactum.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pactum.support.KeepAliveHttp;
import org.pactum.support.PactumProcess;

/**
 * The audit benchmark (issue 16): {@code ./mvnw -B verify -Pbenchmark -Dit.test=AuditBenchmark}.
 *
 * <p>50 concurrent writers make audited requests against the packaged jar on its embedded default;
 * the appends per second, the integration lag of each append (from its response to the first signed
 * checkpoint covering its seq, p50 and p99), and a physical baseline from the same run (the same
 * writers committing plain INSERTs of the same rows into an unindexed table) are printed and
 * checked (targets: at least 2,000/s, p99 within 1 s). Then the packaged jar verifies a
 * 1,000,000-entry export offline against a signed checkpoint (target: under 10 s) and finds an
 * edited entry at its seq.
 */
class AuditBenchmark {

    static final int WRITERS = Integer.getInteger("bench.writers", 50);
    static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    static final int WARMUP = Integer.getInteger("bench.warmup", 10);
    static final int ENTRIES = Integer.getInteger("bench.entries", 1_000_000);

    /** The audited request the writers send (any audited GET an IG lead or witness polls). */
    static final String PATH = System.getProperty("bench.path", "/api/v1/audit/checkpoint");

    /**
     * The benchmark measures throughput from one address and one token, far beyond any one real
     * client: the per-address and per-client rate limits are lifted (as in org.pactum.bench's
     * BenchClient), or the 50/s per-client limit is all it measures.
     */
    static final Map<String, String> UNTHROTTLED =
            Map.of(
                    "PACTUM_HTTP_REQUESTS_PER_SECOND", "1000000",
                    "PACTUM_HTTP_REQUEST_BURST", "1000000",
                    "PACTUM_HTTP_CALLER_REQUESTS_PER_SECOND", "1000000",
                    "PACTUM_HTTP_CALLER_REQUEST_BURST", "1000000");

    @Test
    void fiftyConcurrentWritersAndCheckpointLatency() throws Exception {
        Path dir = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(dir);
        try (PactumProcess app =
                PactumProcess.start(
                        dir.resolve("audit-data-" + System.nanoTime()),
                        "1g",
                        PactumProcess.profiled(UNTHROTTLED))) {
            String token = app.token("admin");
            HttpClient http =
                    HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
            // One kept-alive connection per writer, with a client cheap enough not to take the
            // server's CPU (see KeepAliveHttp).
            ThreadLocal<KeepAliveHttp> connection =
                    ThreadLocal.withInitial(() -> new KeepAliveHttp("localhost", app.port()));
            Appends appends = new Appends();
            CheckpointWatch watch = new CheckpointWatch(app);
            Writers writers =
                    new Writers(WRITERS, () -> appends.send(connection.get(), PATH, token));
            Thread.sleep(WARMUP * 1_000L); // warm-up: the JIT compiles the request path first
            appends.measuring = true;
            Thread watcher = new Thread(watch, "checkpoint-watch");
            watcher.start();
            long start = System.nanoTime();
            Thread.sleep(SECONDS * 1_000L);
            appends.measuring = false;
            double seconds = (System.nanoTime() - start) / 1e9;
            writers.stop();
            long lastAppended = maxSeq(app);
            long stopped = System.nanoTime();
            while (checkpointSize(app) < lastAppended) {
                Thread.sleep(5);
            }
            long coveredMs = (System.nanoTime() - stopped) / 1_000_000;
            watch.awaitSize(lastAppended);
            watch.running = false;
            watcher.join();
            double rate = appends.count() / seconds;
            long[] lags = appends.lagsMs(watch);
            double baseline = physicalBaseline(app, seconds);
            report(rate, seconds, appends, lags, coveredMs, baseline);
            double direct = directAppends(app, seconds, baseline);
            String verified = verify(http, app, token);
            assertThat(verified).contains("\"valid\":true");
            assertThat(appends.failed.get()).isZero();
            assertThat(rate).isGreaterThanOrEqualTo(2_000);
            assertThat(percentile(lags, 99)).isLessThanOrEqualTo(1_000);
            assertThat(coveredMs).isLessThanOrEqualTo(1_000);
        }
    }

    private static void report(
            double rate,
            double seconds,
            Appends appends,
            long[] lags,
            long coveredMs,
            double baseline) {
        System.out.printf(
                "%nAUDIT BENCHMARK: %d writers over HTTP (GET %s), %.1f s: %d audited appends,"
                        + " %.0f appends/s (target >= 2000); %d failed requests%n",
                WRITERS, PATH, seconds, appends.count(), rate, appends.failed.get());
        System.out.printf(
                "AUDIT BENCHMARK: integration lag (response received -> a signed checkpoint covers"
                        + " its seq) over %d appends: p50 %d ms, p99 %d ms, max %d ms (target <= 1000);"
                        + " after the writers stopped the last append was covered in %d ms%n",
                lags.length,
                percentile(lags, 50),
                percentile(lags, 99),
                lags.length == 0 ? 0 : lags[lags.length - 1],
                coveredMs);
        System.out.printf(
                "AUDIT BENCHMARK: physical baseline, %d writers each committing plain INSERTs of the"
                        + " same rows into an unindexed table: %.0f rows/s; audited appends/s is %.2f of"
                        + " it (%.1fx slower)%n",
                WRITERS, baseline, rate / baseline, baseline / rate);
    }

    /**
     * The log's own share, without HTTP, JWT and JTA: {@link #WRITERS} JDBC connections append
     * entries with AuditLog's statements (seq from the sequence with its advisory lock, then the
     * insert, one commit per entry) while the running Pactum's integrator folds them into signed
     * checkpoints. Prints appends/s and integration lag; returns appends/s.
     */
    private static double directAppends(PactumProcess app, double seconds, double baseline)
            throws Exception {
        Appends appends = new Appends();
        CheckpointWatch watch = new CheckpointWatch(app);
        Queue<Connection> free = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < WRITERS; i++) {
            Connection c = db(app);
            c.setAutoCommit(false);
            free.add(c);
        }
        ThreadLocal<Connection> mine = ThreadLocal.withInitial(free::poll);
        ObjectMapper json = new ObjectMapper();
        Writers writers =
                new Writers(
                        WRITERS,
                        () -> {
                            try {
                                Connection c = mine.get();
                                long seq = AuditLog.reserve(c);
                                AuditLog.insert(c, directEntry(seq), json);
                                c.commit();
                                appends.record(seq, System.nanoTime());
                            } catch (Exception e) {
                                appends.failed.incrementAndGet();
                            }
                        });
        Thread.sleep(1_000);
        appends.measuring = true;
        Thread watcher = new Thread(watch, "checkpoint-watch");
        watcher.start();
        Thread.sleep((long) (seconds * 1_000));
        appends.measuring = false;
        writers.stop();
        long last = maxSeq(app);
        while (checkpointSize(app) < last) {
            Thread.sleep(5);
        }
        watch.awaitSize(last);
        watch.running = false;
        watcher.join();
        long[] lags = appends.lagsMs(watch);
        double rate = appends.count() / seconds;
        System.out.printf(
                "AUDIT BENCHMARK: the log alone (%d JDBC writers, AuditLog's statements, one commit"
                        + " per entry, no HTTP): %.0f appends/s, %.2f of the physical baseline;"
                        + " integration lag p50 %d ms, p99 %d ms; %d failed%n",
                WRITERS,
                rate,
                rate / baseline,
                percentile(lags, 50),
                percentile(lags, 99),
                appends.failed.get());
        for (Connection c : free) {
            c.close();
        }
        return rate;
    }

    private static AuditEntry directEntry(long seq) {
        return AuditLog.build(
                seq,
                Instant.now(),
                new Actor("bench-user", "bench-org", Set.of("admin"), "127.0.0.1", "bench-" + seq),
                AuditEvent.allowed("audit.checkpoint", "audit").with("treeSize", seq));
    }

    /** Counts audited appends and remembers when each one's response arrived. */
    static final class Appends {
        volatile boolean measuring;
        final AtomicLong failed = new AtomicLong();
        private final Queue<long[]> seen = new ConcurrentLinkedQueue<>();

        void send(KeepAliveHttp http, String path, String token) {
            try {
                KeepAliveHttp.Response r = http.get(path, token);
                long at = System.nanoTime();
                String seq = r.header("Pactum-Audit-Seq");
                if (r.status() != 200 || seq == null) {
                    failed.incrementAndGet();
                } else {
                    String[] all = seq.split(",");
                    record(Long.parseLong(all[all.length - 1].trim()), at);
                }
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }

        void record(long seq, long at) {
            if (measuring) {
                seen.add(new long[] {seq, at});
            }
        }

        long count() {
            return seen.size();
        }

        /** Each append's lag until the checkpoint watch first saw a tree covering it, sorted. */
        long[] lagsMs(CheckpointWatch watch) {
            long[] out = new long[seen.size()];
            int i = 0;
            for (long[] append : seen) {
                out[i++] = Math.max(0, (watch.firstCovering(append[0]) - append[1]) / 1_000_000);
            }
            Arrays.sort(out);
            return out;
        }
    }

    /** Polls the latest checkpoint's size every few ms and records when each size appeared. */
    static final class CheckpointWatch implements Runnable {
        volatile boolean running = true;
        private final PactumProcess app;
        private final TreeMap<Long, Long> firstSeen = new TreeMap<>();

        CheckpointWatch(PactumProcess app) {
            this.app = app;
        }

        @Override
        public void run() {
            try (Connection c = db(app);
                    var ps =
                            c.prepareStatement(
                                    "SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint")) {
                while (running) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        long size = rs.getLong(1);
                        long now = System.nanoTime();
                        synchronized (firstSeen) {
                            firstSeen.putIfAbsent(size, now);
                        }
                    }
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Waits until the watch itself has seen a checkpoint of at least {@code size}, so that no
         * append is left without the time it was first covered (stopping the watch as soon as the
         * database had that checkpoint once left the last appends uncovered, printed as a p99 of
         * Long.MAX_VALUE).
         */
        void awaitSize(long size) throws InterruptedException {
            while (true) {
                synchronized (firstSeen) {
                    if (!firstSeen.isEmpty() && firstSeen.lastKey() >= size) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        }

        long firstCovering(long seq) {
            synchronized (firstSeen) {
                Map.Entry<Long, Long> e = firstSeen.ceilingEntry(seq);
                return e == null ? Long.MAX_VALUE : e.getValue();
            }
        }
    }

    /** A pool of threads running {@code work} until stopped. */
    static final class Writers {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService pool;
        private final List<Future<?>> done = new ArrayList<>();

        Writers(int n, Runnable work) {
            pool = Executors.newFixedThreadPool(n);
            for (int i = 0; i < n; i++) {
                done.add(
                        pool.submit(
                                () -> {
                                    while (running.get()) {
                                        work.run();
                                    }
                                    return null;
                                }));
            }
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
    }

    /**
     * The same machine's floor in the same run: {@link #WRITERS} JDBC connections, each committing
     * one plain INSERT at a time of rows copied from the log into a table with no index, key or
     * trigger. Returns rows per second.
     */
    private static double physicalBaseline(PactumProcess app, double seconds) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = db(app);
                var st = c.createStatement()) {
            st.execute("CREATE TABLE audit_baseline (LIKE audit_entry)");
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT occurred_at::text, actor_subject, actor_organisation,"
                                    + " actor_roles::text, client_address, action, target, agreement_id,"
                                    + " purpose, outcome, reason, detail::text, concerning::text,"
                                    + " request_id, prev_hash, hash FROM audit_entry ORDER BY seq DESC"
                                    + " LIMIT 1000")) {
                while (rs.next()) {
                    String[] row = new String[16];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        AtomicLong inserted = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong next = new AtomicLong();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            connections.add(db(app));
        }
        ThreadLocal<Connection> mine = new ThreadLocal<>();
        Queue<Connection> free = new ConcurrentLinkedQueue<>(connections);
        Writers writers =
                new Writers(
                        WRITERS,
                        () -> {
                            if (mine.get() == null) {
                                mine.set(free.poll());
                            }
                            long n = next.incrementAndGet();
                            try {
                                insertBaseline(mine.get(), n, rows.get((int) (n % rows.size())));
                                inserted.incrementAndGet();
                            } catch (Exception e) {
                                failures.incrementAndGet();
                            }
                        });
        Thread.sleep(1_000); // warm-up
        long before = inserted.get();
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1_000));
        long rows2 = inserted.get() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        writers.stop();
        for (Connection c : connections) {
            c.close();
        }
        assertThat(failures.get()).isZero();
        return rows2 / elapsed;
    }

    private static void insertBaseline(Connection c, long seq, String[] row) throws Exception {
        try (var ps =
                c.prepareStatement(
                        "INSERT INTO audit_baseline VALUES (?, ?::timestamptz, ?, ?, ?::text[], ?, ?,"
                                + " ?, ?, ?, ?, ?, ?::jsonb, ?::text[], ?, ?, ?)")) {
            ps.setLong(1, seq);
            for (int i = 0; i < row.length; i++) {
                ps.setString(i + 2, row[i]);
            }
            ps.executeUpdate();
        }
    }

    private static String verify(HttpClient http, PactumProcess app, String token)
            throws Exception {
        HttpResponse<String> verify =
                http.send(
                        HttpRequest.newBuilder(URI.create(app.url("/api/v1/audit/verify")))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        System.out.printf("AUDIT BENCHMARK: verify afterwards: %s%n", verify.body());
        return verify.body();
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int at = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
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

    private static long queryLong(PactumProcess app, String sql) throws Exception {
        try (Connection c = db(app);
                var st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
