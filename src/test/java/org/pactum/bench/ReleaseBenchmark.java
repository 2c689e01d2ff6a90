package org.pactum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.support.KeepAliveHttp;
import org.pactum.support.PactumProcess;

/**
 * The release benchmark (issues 6 and 14): {@code ./mvnw -B verify -Pbenchmark
 * -Dit.test=ReleaseBenchmark [-Dbench.rows=N -Dbench.analysts=N -Dbench.seconds=N]}.
 *
 * <p>What an analyst gets, beside its physical baseline in the same run: the council x month x age
 * band x sex table with totals through the API (p50) against the raw SQL GROUP BY over feed_row
 * that computes the same cells (count and record-hash sum of unrestricted rows in the same months);
 * many analysts at once mixing five table shapes (releases/s, p50/p99, refusals, errors, each
 * release audited exactly once, the chain verifies); distinct-person counts (p50/p99); and the
 * disclosure step alone on a table of the same shape, in process.
 */
class ReleaseBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 200_000);
    static final int ANALYSTS = Integer.getInteger("bench.analysts", 50);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);

    /** Timed distinct-person tables (after three warm-ups); a few suffice at millions of rows. */
    static final int PERSON_RUNS = Integer.getInteger("bench.personRuns", 20);

    /** Rows per pushed extract. */
    static final int CHUNK_ROWS = Integer.getInteger("bench.chunkRows", 1_000_000);

    static final String FEED = "police-recorded-violence";
    static final YearMonth LAST = YearMonth.now().minusMonths(1);
    static final String RAW_SQL =
            "SELECT local_authority, to_char(event_month, 'YYYY-MM'), age_band, sex, count(*), sum(record_hash)"
                    + " FROM feed_row WHERE feed = 'police-recorded-violence' AND provider = ANY (ARRAY['wm-police'])"
                    + " AND NOT restricted AND event_month >= ? AND event_month <= ? GROUP BY 1, 2, 3, 4";
    static final String RULES =
            "{\"police-recorded-violence\":{\"victim_id\":{\"action\":\"PSEUDONYMISE\"},"
                    + "\"offence_group\":{\"action\":\"ALLOW\"},\"knife_flag\":{\"action\":\"ALLOW\"},"
                    + "\"lsoa\":{\"action\":\"GENERALISE\",\"to\":\"LOCAL_AUTHORITY\"},\"occurred_at\":{\"action\":\"GENERALISE\",\"to\":\"MONTH\"},"
                    + "\"victim_date_of_birth\":{\"action\":\"GENERALISE\",\"to\":\"AGE_BAND\"},\"victim_age\":{\"action\":\"GENERALISE\",\"to\":\"AGE_BAND\"},"
                    + "\"victim_sex\":{\"action\":\"ALLOW\"}}}";
    static final String CROSSABLE =
            "[\"localAuthority\",\"month\",\"quarter\",\"ageBand\",\"sex\",\"offenceGroup\",\"knifeFlag\"]";

    static String table(String dimensions, int months, boolean totals, String measure) {
        return "{\"feed\":\""
                + FEED
                + "\",\"dimensions\":["
                + dimensions
                + "],\"from\":\""
                + LAST.minusMonths(months - 1L)
                + "\",\"to\":\""
                + LAST
                + "\",\"includeTotals\":"
                + totals
                + ",\"measure\":\""
                + measure
                + "\"}";
    }

    @Test
    void releaseAgainstRawSql() throws Exception {
        Path dir = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(dir);
        // Stored as extracts of at most bench.chunkRows rows, each its own push and period, as a
        // partnership's data arrives (monthly extracts, not one 10M-row file).
        List<Path> extracts = new ArrayList<>();
        for (int k = 0, left = ROWS; left > 0; k++, left -= CHUNK_ROWS) {
            int rows = Math.min(CHUNK_ROWS, left);
            Path csv = dir.resolve("police-" + rows + (k == 0 ? "" : "-" + k) + ".csv");
            if (!Files.exists(csv)) {
                try (var w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    new SyntheticData(2023L + k, LAST, 24).police(rows, w);
                }
            }
            extracts.add(csv);
        }
        IngestBenchmark.deleteRecursively(dir.resolve("release-data"));
        Map<String, String> env = new HashMap<>(BenchClient.UNTHROTTLED);
        // One demo analyst token stands for every analyst here: lift the per-client bound only.
        env.put("PACTUM_RELEASE_PER_CLIENT", String.valueOf(ANALYSTS));
        try (PactumProcess app =
                PactumProcess.start(
                        dir.resolve("release-data"), "1g", PactumProcess.profiled(env))) {
            BenchClient client = new BenchClient(app);
            String providers = "[{\"organisation\":\"wm-police\",\"feeds\":[\"" + FEED + "\"]}]";
            for (int k = 0; k < extracts.size(); k++) {
                Path csv = extracts.get(k);
                client.push(
                        FEED,
                        YearMonth.of(2000, 1).plusMonths(k).toString(),
                        app.token("wm-police-submitter"),
                        Files.size(csv),
                        out -> IngestBenchmark.copyFile(csv, out));
            }
            // Agreements enough for every analyst's tables: the query budget (at most 200 tables
            // per agreement, recipient and feed in a window) is per agreement and recipient, and an
            // analyst moves to its next agreement when one is spent.
            List<String> agreements = new ArrayList<>();
            for (int i = 0; i < ANALYSTS * (SECONDS / 20 + 1); i++) {
                agreements.add(
                        client.activeAgreement(
                                "AGGREGATE",
                                providers,
                                "[\"dudley-mbc\"]",
                                RULES.replace("{\"victim_id\":{\"action\":\"PSEUDONYMISE\"},", "{"),
                                CROSSABLE,
                                "wm-police",
                                "dudley-mbc"));
            }
            String analyst = app.token("dudley-mbc-analyst");
            try (Connection c = DriverManager.getConnection(app.jdbcUrl(), "postgres", "")) {
                c.createStatement().execute("VACUUM ANALYZE feed_row");
                c.createStatement().execute("VACUUM ANALYZE release_cube");
                printStored(c);
                int months = widestAccepted(client, agreements.get(0), analyst);
                double api = againstRawSql(client, c, agreements.get(0), analyst, months);
                disclosureStep(client, agreements.get(0), analyst, months, api);
                persons(client, agreements.get(1), analyst);
                linked(client, c, analyst);
                concurrentAnalysts(app, client, agreements, analyst, months);
            }
        }
    }

    private static void printStored(Connection c) throws Exception {
        try (ResultSet rs =
                c.createStatement()
                        .executeQuery(
                                "SELECT (SELECT count(*) FROM feed_row WHERE feed = 'police-recorded-violence'),"
                                        + " (SELECT count(*) FROM release_cube WHERE feed = 'police-recorded-violence')")) {
            rs.next();
            System.out.printf(
                    "%n== Release benchmark: %,d police rows stored (%,d pushed plus the demo's), %,d cube cells; embedded PostgreSQL ==%n",
                    rs.getLong(1), ROWS, rs.getLong(2));
        }
    }

    /** The most months (12 at most) whose four-dimension table the cell limit accepts. */
    private static int widestAccepted(BenchClient client, String agreement, String analyst)
            throws Exception {
        for (int months = 12; months > 1; months--) {
            BenchClient.Answer a =
                    client.send(
                            "POST",
                            "/api/v1/agreements/" + agreement + "/aggregates",
                            analyst,
                            table(FOUR, months, true, "rows"));
            if (a.status() == 200) {
                return months;
            }
        }
        return 1;
    }

    static final String FOUR = "\"localAuthority\",\"month\",\"ageBand\",\"sex\"";

    private static double againstRawSql(
            BenchClient client, Connection c, String agreement, String analyst, int months)
            throws Exception {
        List<Double> api = new ArrayList<>();
        List<Double> sql = new ArrayList<>();
        long cells = 0;
        for (int run = 0; run < 13; run++) {
            long start = System.nanoTime();
            JsonNode table =
                    client.call(
                            "POST",
                            "/api/v1/agreements/" + agreement + "/aggregates",
                            analyst,
                            table(FOUR, months, true, "rows"));
            double apiMs = (System.nanoTime() - start) / 1e6;
            cells = table.get("cells").size();
            start = System.nanoTime();
            long groups = 0;
            try (PreparedStatement ps = c.prepareStatement(RAW_SQL)) {
                ps.setDate(1, Date.valueOf(LAST.minusMonths(months - 1L).atDay(1)));
                ps.setDate(2, Date.valueOf(LAST.atDay(1)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups++;
                    }
                }
            }
            double sqlMs = (System.nanoTime() - start) / 1e6;
            assertThat(groups).isPositive();
            if (run >= 3) { // three warm-up runs
                api.add(apiMs);
                sql.add(sqlMs);
            }
        }
        double a = percentile(api, 50);
        double s = percentile(sql, 50);
        System.out.printf(
                "Council x month x age band x sex, %d months, with totals (%,d cells) through the API: p50 %8.1f ms%n",
                months, cells, a);
        System.out.printf(
                "Baseline: raw SQL GROUP BY over feed_row computing the same cells:             p50 %8.1f ms%n",
                s);
        System.out.printf(
                "Ratio API/raw SQL: %.2f (issue 14 target <= 0.2 and <= 50 ms at 10M rows)%n",
                a / s);
        return a;
    }

    /** The disclosure step alone (perturbation, totals, withholding) on a table of that shape. */
    private static void disclosureStep(
            BenchClient client, String agreement, String analyst, int months, double apiMs)
            throws Exception {
        JsonNode table =
                client.call(
                        "POST",
                        "/api/v1/agreements/" + agreement + "/aggregates",
                        analyst,
                        table(FOUR, months, true, "rows"));
        double ms = DisclosureProfile.medianMillis(table, months);
        System.out.printf(
                "Disclosure step alone (perturbation and the release-history decision, in process, same shape): median %.2f ms = %.1f%% of the API p50%n",
                ms, 100 * ms / apiMs);
    }

    private static void persons(BenchClient client, String agreement, String analyst)
            throws Exception {
        if (PERSON_RUNS == 0) {
            System.out.println("Distinct persons: not measured (-Dbench.personRuns=0)");
            return;
        }
        List<Double> times =
                timedAggregates(
                        client,
                        agreement,
                        analyst,
                        table("\"localAuthority\",\"sex\"", 12, false, "persons"));
        System.out.printf(
                "Distinct persons, council x sex over 12 months (reads feed_row): p50 %.1f ms, p99 %.1f ms%n",
                percentile(times, 50), percentile(times, 99));
    }

    /**
     * Linked counts: children known to youth justice who were excluded from school in the 12 months
     * before, by council, under the demo's SNA agreement, over the demo's two feeds (the police
     * feed links to neither).
     */
    private static void linked(BenchClient client, Connection c, String analyst) throws Exception {
        if (PERSON_RUNS == 0) {
            System.out.println("Linked counts: not measured (-Dbench.personRuns=0)");
            return;
        }
        String sna = null;
        for (JsonNode a : client.call("GET", "/api/v1/agreements", analyst, null)) {
            if ("ACTIVE".equals(a.path("status").asText())
                    && a.path("content")
                            .path("title")
                            .asText()
                            .contains("strategic needs assessment")) {
                sna = a.get("id").asText();
            }
        }
        assertThat(sna).as("the demo SNA agreement").isNotNull();
        long rows;
        try (ResultSet rs =
                c.createStatement()
                        .executeQuery(
                                "SELECT count(*) FROM feed_row WHERE feed IN"
                                        + " ('youth-justice-disposals', 'school-exclusions')")) {
            rs.next();
            rows = rs.getLong(1);
        }
        String body =
                "{\"feed\":\"youth-justice-disposals\",\"dimensions\":[\"localAuthority\"],"
                        + "\"includeTotals\":true,\"linkedTo\":{\"feed\":\"school-exclusions\",\"withinMonths\":12}}";
        List<Double> times = timedAggregates(client, sna, analyst, body);
        System.out.printf(
                "Linked counts, youth justice linked to school exclusions within 12 months, by council"
                        + " (the demo's %,d rows of those feeds, read from feed_row): p50 %.1f ms, p99 %.1f ms%n",
                rows, percentile(times, 50), percentile(times, 99));
    }

    /** {@code bench.personRuns} timings (ms) of one aggregate request, after three warm-ups. */
    private static List<Double> timedAggregates(
            BenchClient client, String agreement, String analyst, String body) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int run = 0; run < PERSON_RUNS + 3; run++) {
            long start = System.nanoTime();
            client.call("POST", "/api/v1/agreements/" + agreement + "/aggregates", analyst, body);
            if (run >= 3) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        return times;
    }

    /**
     * Many analysts at once, each on its own agreement, mixing five table shapes for a fixed time;
     * a 429 or 503 is waited out as its Retry-After says. No errors, one audit entry per release,
     * and the chain verifies.
     */
    static void concurrentAnalysts(
            PactumProcess app,
            BenchClient client,
            List<String> agreements,
            String analyst,
            int months)
            throws Exception {
        List<String> shapes =
                List.of(
                        table(FOUR, months, true, "rows"),
                        table("\"localAuthority\",\"sex\"", 12, true, "rows"),
                        table("\"month\",\"offenceGroup\"", 12, false, "rows"),
                        table("\"ageBand\",\"sex\",\"knifeFlag\"", 6, true, "rows"),
                        table("\"localAuthority\",\"quarter\"", 12, false, "rows"));
        // The first table of each shape after an extract arrives loads the instance's copy of the
        // cube it reads; timed here, apart from the analysts, who meet a warm instance.
        for (String shape : shapes) {
            long start = System.nanoTime();
            BenchClient.Answer a =
                    client.send(
                            "POST",
                            "/api/v1/agreements/" + agreements.get(0) + "/aggregates",
                            analyst,
                            shape);
            System.out.printf(
                    "First table of a shape after the extracts (loads its cube copy): %d in %.0f ms%n",
                    a.status(), (System.nanoTime() - start) / 1e6);
        }
        long before = head(client, app);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        List<ConcurrentLinkedQueue<Double>> byShape = new ArrayList<>();
        for (int s = 0; s < shapes.size(); s++) {
            byShape.add(new ConcurrentLinkedQueue<>());
        }
        AtomicInteger released = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(ANALYSTS);
        long began = System.nanoTime();
        long end = began + SECONDS * 1_000_000_000L;
        // Releases completed per quarter second: a stall shows as a run of empty quarters.
        AtomicIntegerArray quarters = new AtomicIntegerArray(SECONDS * 4 + 40);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < ANALYSTS; i++) {
            int first = i;
            done.add(
                    pool.submit(
                            () -> {
                                // A kept-alive raw HTTP/1.1 connection per analyst: a load
                                // generator that leaves the 2 cores to the server (KeepAliveHttp).
                                KeepAliveHttp http = new KeepAliveHttp("localhost", app.port());
                                int mine = first;
                                for (int n = first; System.nanoTime() < end; n++) {
                                    long start = System.nanoTime();
                                    KeepAliveHttp.Response a;
                                    while (true) {
                                        String path =
                                                "/api/v1/agreements/"
                                                        + agreements.get(mine)
                                                        + "/aggregates";
                                        a = http.postJson(path, analyst, shapes.get(n % 5));
                                        if (budgetSpent(a) && mine + ANALYSTS < agreements.size()) {
                                            mine += ANALYSTS;
                                            continue;
                                        }
                                        if (a.status() != 429 && a.status() != 503
                                                || budgetSpent(a)
                                                || System.nanoTime() > end + 30_000_000_000L) {
                                            break;
                                        }
                                        shed.incrementAndGet();
                                        Thread.sleep(retryAfterMs(a));
                                    }
                                    if (a.status() == 200) {
                                        released.incrementAndGet();
                                        double ms = (System.nanoTime() - start) / 1e6;
                                        latencies.add(ms);
                                        byShape.get(n % 5).add(ms);
                                        int q = (int) ((System.nanoTime() - began) / 250_000_000L);
                                        quarters.incrementAndGet(
                                                Math.min(q, quarters.length() - 1));
                                    } else {
                                        errors.incrementAndGet();
                                        System.out.println(
                                                "  error "
                                                        + a.status()
                                                        + " "
                                                        + new String(
                                                                a.body(), StandardCharsets.UTF_8));
                                    }
                                }
                                http.close();
                                return null;
                            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = SECONDS;
        List<Double> all = new ArrayList<>(latencies);
        long audited = auditedReleases(client, app, before);
        JsonNode verify = client.call("GET", "/api/v1/audit/verify", app.token("admin"), null);
        System.out.printf(
                "%d concurrent analysts, five shapes, %d s: %d releases (%.1f/s), p50 %.0f ms, p99 %.0f ms"
                        + " (including waits for Retry-After), %d answered 429/503 and retried, %d errors;"
                        + " %d releases audited; chain valid=%s%n%n",
                ANALYSTS,
                SECONDS,
                released.get(),
                released.get() / seconds,
                percentile(all, 50),
                percentile(all, 99),
                shed.get(),
                errors.get(),
                audited,
                verify.get("valid").asBoolean());
        StringBuilder perQuarter = new StringBuilder();
        for (int q = 0; q < SECONDS * 4; q++) {
            perQuarter.append(q % 20 == 0 ? "\n   " : " ").append(quarters.get(q));
        }
        System.out.println("  releases completed per quarter second:" + perQuarter);
        for (int s = 0; s < shapes.size(); s++) {
            List<Double> one = new ArrayList<>(byShape.get(s));
            System.out.printf(
                    "  shape %d %s: %d releases, p50 %.0f ms, p99 %.0f ms%n",
                    s + 1, shapes.get(s), one.size(), percentile(one, 50), percentile(one, 99));
        }
        assertThat(errors.get()).isZero();
        assertThat(audited).isEqualTo(released.get());
        assertThat(verify.get("valid").asBoolean()).isTrue();
    }

    private static boolean budgetSpent(KeepAliveHttp.Response a) {
        return a.status() == 429
                && new String(a.body(), StandardCharsets.UTF_8).contains("query-budget-spent");
    }

    private static long retryAfterMs(KeepAliveHttp.Response a) {
        String retry = a.header("Retry-After");
        return retry == null ? 0 : Long.parseLong(retry) * 1_000;
    }

    private static long head(BenchClient client, PactumProcess app) throws Exception {
        return client.call("GET", "/api/v1/audit/head", app.token("admin"), null)
                .get("seq")
                .asLong();
    }

    /** Allowed release.aggregate entries after {@code before}, page by page. */
    private static long auditedReleases(BenchClient client, PactumProcess app, long before)
            throws Exception {
        long count = 0;
        long after = before;
        while (true) {
            JsonNode page =
                    client.call(
                            "GET",
                            "/api/v1/audit?action=release.aggregate&afterSeq="
                                    + after
                                    + "&limit=1000",
                            app.token("admin"),
                            null);
            JsonNode entries = page.get("entries");
            for (JsonNode e : entries) {
                after = Math.max(after, e.get("seq").asLong());
                if ("ALLOWED".equals(e.path("outcome").asText())) {
                    count++;
                }
            }
            if (entries.size() < 1000) {
                return count;
            }
        }
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
