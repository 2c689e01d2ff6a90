package org.pactum.bench;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pactum.demo.SyntheticData;
import org.pactum.support.PactumProcess;

/**
 * The setup the release benchmarks share: the synthetic police extract (generated once per size
 * into target/bench), the field rules of their agreements, the push of the extract to a running
 * Pactum, the count of what it stored, and the reading of a streamed record extract.
 */
final class PoliceBench {

    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    static final String FEED = "police-recorded-violence";
    static final String PROVIDERS =
            "[{\"organisation\":\"wm-police\",\"feeds\":[\"police-recorded-violence\"]}]";
    static final String RULES =
            "{\"police-recorded-violence\":{\"victim_id\":{\"action\":\"PSEUDONYMISE\"},"
                    + "\"offence_group\":{\"action\":\"ALLOW\"},\"knife_flag\":{\"action\":\"ALLOW\"},"
                    + "\"lsoa\":{\"action\":\"GENERALISE\",\"to\":\"LOCAL_AUTHORITY\"},\"occurred_at\":{\"action\":\"GENERALISE\",\"to\":\"MONTH\"},"
                    + "\"victim_date_of_birth\":{\"action\":\"GENERALISE\",\"to\":\"AGE_BAND\"},\"victim_age\":{\"action\":\"GENERALISE\",\"to\":\"AGE_BAND\"},"
                    + "\"victim_sex\":{\"action\":\"ALLOW\"}}}";

    private PoliceBench() {}

    /** target/bench, created if absent. */
    static Path dir() throws Exception {
        Path dir = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    /** The synthetic police extract of {@link #ROWS} rows, generated on first use. */
    static Path csv() throws Exception {
        Path csv = dir().resolve("police-" + ROWS + ".csv");
        if (!Files.exists(csv)) {
            try (var w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                new SyntheticData(2023L, YearMonth.now().minusMonths(1), 24).police(ROWS, w);
            }
        }
        return csv;
    }

    /** A fresh data directory for one benchmark's Pactum. */
    static Path dataDir(String name) throws Exception {
        Path data = dir().resolve(name);
        IngestBenchmark.deleteRecursively(data);
        return data;
    }

    /** Pushes the extract as wm-police, then refreshes the planner's statistics. */
    static void push(PactumProcess app, BenchClient client) throws Exception {
        Path csv = csv();
        client.push(
                FEED,
                "2000-01",
                app.token("wm-police-submitter"),
                Files.size(csv),
                out -> IngestBenchmark.copyFile(csv, out));
        try (Connection c = DriverManager.getConnection(app.jdbcUrl(), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE feed_row");
        }
    }

    /** Police rows wm-police holds: the benchmark's plus the demo partnership's. */
    static long stored(PactumProcess app) throws Exception {
        try (Connection c = DriverManager.getConnection(app.jdbcUrl(), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*) FROM feed_row WHERE feed = '"
                                        + FEED
                                        + "' AND provider = 'wm-police'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Opens a record extract of the police feed as the analyst asks for it. */
    static HttpURLConnection records(
            PactumProcess app, String agreement, String token, String accept) throws Exception {
        HttpURLConnection c =
                (HttpURLConnection)
                        URI.create(
                                        app.url(
                                                "/api/v1/agreements/"
                                                        + agreement
                                                        + "/records?feed="
                                                        + FEED))
                                .toURL()
                                .openConnection();
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setRequestProperty("Accept", accept);
        return c;
    }

    /** Reads a body to its end; returns its lines. */
    static long lines(InputStream body) throws Exception {
        long lines = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = body) {
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

    /** The middle value (the upper of the two middle ones for an even count). */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
