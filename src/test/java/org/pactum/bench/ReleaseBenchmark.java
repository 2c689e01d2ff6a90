package org.pactum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.support.PactumProcess;

/**
 * The release benchmark (issue 6): {@code ./mvnw -B verify -Pbenchmark -Dit.test=ReleaseBenchmark}.
 *
 * <p>On 1,000,000 stored police rows: a typical aggregate (council x month x age band x sex)
 * through the API against the equivalent raw SQL GROUP BY on the same database in the same run
 * (medians of five), a 1,000,000-row record extract, and many analysts at once with the audit chain
 * verified afterwards.
 */
class ReleaseBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    static final String AGGREGATE =
            "{\"feed\":\"police-recorded-violence\",\"dimensions\":[\"localAuthority\",\"month\",\"ageBand\",\"sex\"]}";
    static final String RAW_SQL =
            "SELECT local_authority, to_char(event_month, 'YYYY-MM'), age_band, sex, count(*) FROM feed_row "
                    + "WHERE feed = 'police-recorded-violence' AND provider = ANY (ARRAY['wm-police']) GROUP BY 1, 2, 3, 4";
    static final String RULES =
            "{\"police-recorded-violence\":{\"victim_id\":{\"action\":\"PSEUDONYMISE\"},"
                    + "\"offence_group\":{\"action\":\"ALLOW\"},\"knife_flag\":{\"action\":\"ALLOW\"},"
                    + "\"lsoa\":{\"action\":\"GENERALISE\",\"to\":\"LOCAL_AUTHORITY\"},\"occurred_at\":{\"action\":\"GENERALISE\",\"to\":\"MONTH\"},"
                    + "\"victim_date_of_birth\":{\"action\":\"GENERALISE\",\"to\":\"AGE_BAND\"},\"victim_age\":{\"action\":\"GENERALISE\",\"to\":\"AGE_BAND\"},"
                    + "\"victim_sex\":{\"action\":\"ALLOW\"}}}";

    @Test
    void releaseAgainstRawSql() throws Exception {
        Path dir = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(dir);
        Path csv = dir.resolve("police-" + ROWS + ".csv");
        if (!Files.exists(csv)) {
            try (var w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                new SyntheticData(2023L, YearMonth.now().minusMonths(1), 24).police(ROWS, w);
            }
        }
        IngestBenchmark.deleteRecursively(dir.resolve("release-data"));
        try (PactumProcess app =
                PactumProcess.start(dir.resolve("release-data"), "1g", BenchClient.UNTHROTTLED)) {
            BenchClient client = new BenchClient(app);
            String providers =
                    "[{\"organisation\":\"wm-police\",\"feeds\":[\"police-recorded-violence\"]}]";
            String crossable = "[\"localAuthority\",\"month\",\"ageBand\",\"sex\"]";
            String aggregate =
                    client.activeAgreement(
                            "AGGREGATE",
                            providers,
                            "[\"dudley-mbc\"]",
                            RULES.replace("{\"victim_id\":{\"action\":\"PSEUDONYMISE\"},", "{"),
                            crossable,
                            "wm-police",
                            "dudley-mbc");
            String records =
                    client.activeAgreement(
                            "RECORD",
                            providers,
                            "[\"dudley-mbc\"]",
                            RULES,
                            crossable,
                            "wm-police",
                            "dudley-mbc");
            client.push(
                    "police-recorded-violence",
                    "2000-01",
                    app.token("wm-police-submitter"),
                    Files.size(csv),
                    out -> IngestBenchmark.copyFile(csv, out));
            String analyst = app.token("dudley-mbc-analyst");
            try (Connection c = DriverManager.getConnection(app.jdbcUrl(), "postgres", "")) {
                c.createStatement().execute("VACUUM ANALYZE feed_row");
                List<Double> api = new ArrayList<>();
                List<Double> sql = new ArrayList<>();
                long cells = 0;
                for (int run = 0; run < 7; run++) {
                    long start = System.nanoTime();
                    JsonNode table =
                            client.call(
                                    "POST",
                                    "/api/v1/agreements/" + aggregate + "/aggregates",
                                    analyst,
                                    AGGREGATE);
                    double apiSeconds = (System.nanoTime() - start) / 1e9;
                    cells = table.get("cells").size();
                    start = System.nanoTime();
                    long groups = 0;
                    try (PreparedStatement ps = c.prepareStatement(RAW_SQL);
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            groups++;
                        }
                    }
                    double sqlSeconds = (System.nanoTime() - start) / 1e9;
                    assertThat(groups).isPositive();
                    if (run >= 2) { // two warm-up runs
                        api.add(apiSeconds);
                        sql.add(sqlSeconds);
                    }
                }
                double apiMedian = median(api);
                double sqlMedian = median(sql);
                System.out.printf(
                        "%n== Release benchmark: %,d police rows pushed (plus the demo's), embedded PostgreSQL 18 ==%n",
                        ROWS);
                System.out.printf(
                        "Aggregate council x month x age band x sex through the API (%,d cells): median %7.1f ms%n",
                        cells, apiMedian * 1000);
                System.out.printf(
                        "Baseline: the same GROUP BY as raw SQL on the same database:        median %7.1f ms%n",
                        sqlMedian * 1000);
                System.out.printf(
                        "Ratio API/SQL: %.2f  (target <= 2.0: %s)%n",
                        apiMedian / sqlMedian, apiMedian / sqlMedian <= 2.0 ? "met" : "MISSED");
            }

            long stored;
            try (Connection c = DriverManager.getConnection(app.jdbcUrl(), "postgres", "");
                    ResultSet rs =
                            c.createStatement()
                                    .executeQuery(
                                            "SELECT count(*) FROM feed_row WHERE feed = 'police-recorded-violence'")) {
                rs.next();
                stored = rs.getLong(1); // the benchmark's rows plus the demo partnership's
            }
            long start = System.nanoTime();
            long lines = streamRecords(app, records, analyst);
            double seconds = (System.nanoTime() - start) / 1e9;
            // Records no equivalence class of k can hide are withheld (issue 15);
            // RecordReleaseBenchmark checks the exact count.
            assertThat(lines).isLessThanOrEqualTo(stored).isPositive();
            System.out.printf(
                    "Record extract: %,d rows as NDJSON in %.2f s = %,.0f rows/s  (target >= 100,000: %s)%n",
                    lines, seconds, lines / seconds, lines / seconds >= 100_000 ? "met" : "MISSED");

            concurrentAnalysts(app, client, aggregate, analyst);
        }
    }

    /**
     * Many analysts at once: no errors, one audit entry per released response, and the chain
     * verifies.
     */
    static void concurrentAnalysts(
            PactumProcess app, BenchClient client, String agreement, String analyst)
            throws Exception {
        int threads = 32;
        int each = 10;
        long before =
                client.call("GET", "/api/v1/audit/head", app.token("admin"), null)
                        .get("seq")
                        .asLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        String small =
                "{\"feed\":\"police-recorded-violence\",\"dimensions\":[\"localAuthority\",\"sex\"]}";
        long start = System.nanoTime();
        for (int i = 0; i < threads * each; i++) {
            results.add(
                    pool.submit(
                            () -> {
                                client.call(
                                        "POST",
                                        "/api/v1/agreements/" + agreement + "/aggregates",
                                        analyst,
                                        small);
                                return 1;
                            }));
        }
        int ok = 0;
        int errors = 0;
        for (Future<Integer> f : results) {
            try {
                ok += f.get();
            } catch (Exception e) {
                errors++;
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode verify = client.call("GET", "/api/v1/audit/verify", app.token("admin"), null);
        JsonNode page =
                client.call(
                        "GET",
                        "/api/v1/audit?action=release.aggregate&afterSeq=" + before + "&limit=1000",
                        app.token("admin"),
                        null);
        System.out.printf(
                "Concurrent analysts: %d threads x %d aggregates in %.1f s (%.0f/s), %d errors; %d release entries audited; chain valid=%s%n%n",
                threads,
                each,
                seconds,
                ok / seconds,
                errors,
                page.get("entries").size(),
                verify.get("valid").asBoolean());
        assertThat(errors).isZero();
        assertThat(page.get("entries").size()).isEqualTo(threads * each);
        assertThat(verify.get("valid").asBoolean()).isTrue();
    }

    static long streamRecords(PactumProcess app, String agreement, String token) throws Exception {
        HttpURLConnection c =
                (HttpURLConnection)
                        URI.create(
                                        app.url(
                                                "/api/v1/agreements/"
                                                        + agreement
                                                        + "/records?feed=police-recorded-violence"))
                                .toURL()
                                .openConnection();
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setRequestProperty("Accept", "application/x-ndjson");
        assertThat(c.getResponseCode()).isEqualTo(200);
        long lines = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = c.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
