package org.pactum.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.support.PactumProcess;

/**
 * One client must not take the service from everyone else, nor slip a request past a proxy (issues
 * 11 and 21). Against the packaged jar, with a small connection pool and short timeouts so a leak
 * shows at once: record extracts that are HEADed, abandoned or read slowly; requests with two body
 * lengths and other framing RFC 9112 forbids, over raw sockets and in pipelines; stalled uploads;
 * floods. After each, releases still work. Each part sends from its own loopback address, so the
 * per-address limit of one part never touches another.
 */
class ConnectionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POOL = 8;
    private static final int IDLE_SECONDS = 3;
    private static final int BURST = 40;
    private static final int PER_SECOND = 20;
    private static final int BIG_ROWS = 60_000;
    // Recent enough to be inside the demo agreement's retention; the push replaces that month.
    private static final YearMonth BIG = YearMonth.now().minusMonths(1);
    private static final String BIG_MONTH = BIG.toString();

    private static PactumProcess app;
    private static String analyst;
    private static String yjsAnalyst;
    private static String submitter;
    private static String admin;
    private static String sna;
    private static String cohort;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("target", "it-connections").toAbsolutePath();
        KeycloakProcess.deleteRecursively(dir);
        app =
                PactumProcess.start(
                        dir.resolve("data"),
                        "512m",
                        Map.ofEntries(
                                Map.entry("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", String.valueOf(POOL)),
                                Map.entry("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "2S"),
                                Map.entry("QUARKUS_HTTP_IDLE_TIMEOUT", IDLE_SECONDS + "S"),
                                Map.entry("QUARKUS_HTTP_READ_TIMEOUT", IDLE_SECONDS + "S"),
                                Map.entry(
                                        "PACTUM_HTTP_REQUESTS_PER_SECOND",
                                        String.valueOf(PER_SECOND)),
                                Map.entry("PACTUM_HTTP_REQUEST_BURST", String.valueOf(BURST)),
                                Map.entry("PACTUM_HTTP_CALLER_REQUESTS_PER_SECOND", "1000"),
                                Map.entry("PACTUM_HTTP_CALLER_REQUEST_BURST", "1000"),
                                Map.entry("PACTUM_HTTP_UPLOADS_PER_CLIENT", "2"),
                                Map.entry("PACTUM_HTTP_UPLOADS_IN_FLIGHT", "3"),
                                // The extract bound would hide a leak: these tests drive the
                                // stream itself.
                                Map.entry("PACTUM_HTTP_EXTRACTS_PER_CLIENT", "100"),
                                Map.entry("PACTUM_HTTP_EXTRACTS_IN_FLIGHT", "100"),
                                // With a pool of 8, releases may hold at most half of it.
                                Map.entry("PACTUM_RELEASE_CONCURRENT", String.valueOf(POOL / 4)),
                                Map.entry("PACTUM_RELEASE_PER_CLIENT", String.valueOf(POOL / 4)),
                                Map.entry("PACTUM_AUDIT_DENIAL_INTERVAL", "PT3S")));
        analyst = app.token("dudley-mbc-analyst");
        yjsAnalyst = app.token("birmingham-yjs-analyst");
        submitter = app.token("wm-police-submitter");
        admin = app.token("admin");
        for (JsonNode a :
                JSON.readTree(
                        RawHttp.request(
                                        "127.0.0.1",
                                        app.port(),
                                        "GET",
                                        "/api/v1/agreements",
                                        yjsAnalyst,
                                        null)
                                .body())) {
            if ("RECORD".equals(a.at("/content/releaseLevel").asText())) {
                cohort = a.get("id").asText();
            }
        }
        sna =
                JSON.readTree(
                                RawHttp.request(
                                                "127.0.0.1",
                                                app.port(),
                                                "GET",
                                                "/api/v1/agreements",
                                                analyst,
                                                null)
                                        .body())
                        .get(0)
                        .get("id")
                        .asText();
        assertThat(cohort).isNotNull();
        // A record extract far larger than any socket buffer, so a reader that stops reading
        // really stalls the writer.
        StringWriter csv = new StringWriter();
        new SyntheticData(21L, BIG, 1).police(BIG_ROWS, BIG, csv);
        HttpResponse<String> pushed =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        app.url(
                                                                "/api/v1/feeds/police-recorded-violence/submissions?period="
                                                                        + BIG_MONTH)))
                                        .header("Authorization", "Bearer " + submitter)
                                        .header("Content-Type", "text/csv")
                                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        assertThat(JSON.readTree(pushed.body()).get("rowsStored").asInt()).isEqualTo(BIG_ROWS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static String recordsPath() {
        return "/api/v1/agreements/"
                + cohort
                + "/records?feed=police-recorded-violence&from="
                + BIG_MONTH
                + "&to="
                + BIG_MONTH;
    }

    /** An aggregate, a whole record extract and readiness all answer. */
    private void releasesStillWork() throws Exception {
        HttpResponse<String> aggregate =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                app.url(
                                                        "/api/v1/agreements/"
                                                                + sna
                                                                + "/aggregates")))
                                .header("Authorization", "Bearer " + analyst)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"feed\":\"police-recorded-violence\",\"dimensions\":[\"localAuthority\"]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(aggregate.statusCode()).as(aggregate.body()).isEqualTo(200);
        HttpResponse<java.util.stream.Stream<String>> records =
                http.send(
                        HttpRequest.newBuilder(URI.create(app.url(recordsPath())))
                                .header("Authorization", "Bearer " + yjsAnalyst)
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(records.statusCode()).isEqualTo(200);
        // The whole extract streams: as many records as the header announces (the demo cohort
        // agreement's row filter and k-anonymity decide how many of the rows that is, issue 15).
        long announced =
                Long.parseLong(records.headers().firstValue("X-Record-Count").orElseThrow());
        assertThat(announced).isPositive().isLessThanOrEqualTo(BIG_ROWS);
        assertThat(records.body().count()).isEqualTo(announced);
        HttpResponse<String> ready =
                http.send(
                        HttpRequest.newBuilder(URI.create(app.url("/q/health/ready"))).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    private static String get(String path, String token, String extraHeaders) {
        return "GET "
                + path
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token
                + "\r\n"
                + extraHeaders
                + "\r\n";
    }

    // ----- issue 21: streamed responses release their connection ----------------------------

    @Test
    void headRequestsOnRecordsReleaseTheirConnection() throws Exception {
        for (int i = 0; i < POOL + 4; i++) {
            RawHttp.Exchange e =
                    RawHttp.send(
                            "127.0.1.1",
                            app.port(),
                            "HEAD "
                                    + recordsPath()
                                    + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                    + yjsAnalyst
                                    + "\r\nConnection: close\r\n\r\n",
                            10_000);
            assertThat(e.responses()).isNotEmpty();
            assertThat(e.responses().get(0).status()).isEqualTo(200);
            assertThat(Long.parseLong(e.responses().get(0).header("X-Record-Count")))
                    .isPositive()
                    .isLessThanOrEqualTo(BIG_ROWS);
        }
        releasesStillWork();
    }

    @Test
    void clientsThatHangUpReleaseTheirConnection() throws Exception {
        for (int i = 0; i < POOL + 4; i++) {
            try (Socket s = RawHttp.open("127.0.1.2", app.port())) {
                s.getOutputStream()
                        .write(
                                get(recordsPath(), yjsAnalyst, "")
                                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                switch (i % 3) {
                    case 0 -> {
                        // hang up at once
                    }
                    case 1 -> Thread.sleep(300);
                    default -> {
                        // hang up once the response has started (the audit entry is committed)
                        s.setSoTimeout(10_000);
                        assertThat(s.getInputStream().read()).isEqualTo('H');
                    }
                }
                s.setSoLinger(true, 0); // a reset, not a polite close
            }
        }
        Thread.sleep(1_000);
        releasesStillWork();
    }

    @Test
    void slowReadersAreCutAndReleaseTheirConnection() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < POOL + 2; i++) {
                Socket s = new Socket();
                s.setReceiveBufferSize(1024);
                s.bind(new java.net.InetSocketAddress("127.0.1.3", 0));
                s.connect(new java.net.InetSocketAddress("127.0.0.1", app.port()), 5_000);
                s.getOutputStream()
                        .write(
                                get(recordsPath(), yjsAnalyst, "")
                                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.setSoTimeout(10_000);
                // The response starts (the extract is audited and streaming), then nobody reads.
                assertThat(s.getInputStream().read()).isEqualTo('H');
                slow.add(s);
            }
            // Cut after the idle timeout, however slowly they read; the connection goes back.
            Thread.sleep((IDLE_SECONDS * 2 + 2) * 1000L);
            releasesStillWork();
            for (Socket s : slow) {
                assertThat(drainedAndClosed(s))
                        .as("the server closed a reader that stopped reading")
                        .isTrue();
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /** Reads what the server had sent; true if it then closed the connection. */
    private static boolean drainedAndClosed(Socket s) throws Exception {
        s.setSoTimeout(5_000);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[65536];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    // ----- issue 21: two body lengths, and other framing RFC 9112 forbids -------------------

    private long auditEntriesWithRequestId(String requestId) throws Exception {
        try (Connection c = DriverManager.getConnection(app.jdbcUrl(), "postgres", "");
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM audit_entry WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** An admin audit read, to be smuggled after a request whose framing is ambiguous. */
    private String smuggled(String requestId) {
        return get("/api/v1/audit?limit=1", admin, "X-Request-Id: " + requestId + "\r\n");
    }

    private void assertRefusedAndClosed(RawHttp.Exchange e, String rule) throws Exception {
        assertThat(e.responses()).as("exactly one answer").hasSize(1);
        RawHttp.Response r = e.responses().get(0);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:pactum:problem:invalid-request");
        assertThat(problem.get("rule").asText()).isEqualTo(rule);
        assertThat(e.closedByServer()).as("connection closed").isTrue();
    }

    @Test
    void requestsWithTwoBodyLengthsAreRefusedAndTheirSmuggledRequestNeverRuns() throws Exception {
        String body = "0\r\n\r\n";
        String[] framings = {
            "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n",
            "Transfer-Encoding: chunked\r\nContent-Length: " + body.length() + "\r\n",
            "Content-Length: " + body.length() + "\r\nTransfer-Encoding: gzip, chunked\r\n",
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
            "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
        };
        String[] rules = {
            "two-body-lengths",
            "two-body-lengths",
            "two-body-lengths",
            "transfer-encoding",
            "transfer-encoding"
        };
        for (int i = 0; i < framings.length; i++) {
            String requestId = "smuggled-" + UUID.randomUUID();
            String attack =
                    "POST /api/v1/organisations HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\n"
                            + framings[i]
                            + "\r\n"
                            + body
                            + smuggled(requestId);
            assertRefusedAndClosed(RawHttp.send("127.0.2.1", app.port(), attack, 3_000), rules[i]);
            assertThat(auditEntriesWithRequestId(requestId)).as("smuggled request ran").isZero();
        }
    }

    @Test
    void aProxyStylePipelineAnswersTheGoodRequestAndRefusesTheAmbiguousOne() throws Exception {
        String requestId = "smuggled-" + UUID.randomUUID();
        String first = get("/api/v1/feeds", analyst, "");
        String ambiguous =
                "POST /api/v1/organisations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
        RawHttp.Exchange e =
                RawHttp.send(
                        "127.0.2.2", app.port(), first + ambiguous + smuggled(requestId), 3_000);
        assertThat(e.responses()).extracting(RawHttp.Response::status).containsExactly(200, 400);
        assertThat(JSON.readTree(e.responses().get(1).body()).get("rule").asText())
                .isEqualTo("two-body-lengths");
        assertThat(e.closedByServer()).isTrue();
        assertThat(auditEntriesWithRequestId(requestId)).isZero();

        // Well-framed pipelines, chunked bodies included, keep working on an open connection.
        String chunkedPush =
                "POST /api/v1/feeds/police-recorded-violence/submissions?period=2018-12 HTTP/1.1\r\n"
                        + "Host: localhost\r\nAuthorization: Bearer "
                        + submitter
                        + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n";
        StringWriter csv = new StringWriter();
        new SyntheticData(22L, YearMonth.of(2018, 12), 1).police(10, YearMonth.of(2018, 12), csv);
        byte[] extract = csv.toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder chunks = new StringBuilder();
        for (int off = 0; off < extract.length; off += 97) {
            int n = Math.min(97, extract.length - off);
            chunks.append(Integer.toHexString(n))
                    .append(";ext=1\r\n")
                    .append(new String(extract, off, n, StandardCharsets.ISO_8859_1))
                    .append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        RawHttp.Exchange good =
                RawHttp.send(
                        "127.0.2.2",
                        app.port(),
                        first + chunkedPush + chunks + get("/api/v1/feeds", analyst, ""),
                        // well inside the 3 s idle timeout, which would close it
                        1_500);
        assertThat(good.responses())
                .as(() -> good.responses().get(Math.min(1, good.responses().size() - 1)).body())
                .extracting(RawHttp.Response::status)
                .containsExactly(200, 201, 200);
        assertThat(JSON.readTree(good.responses().get(1).body()).get("rowsStored").asInt())
                .isEqualTo(10);
        assertThat(good.closedByServer()).as("a good pipeline keeps its connection").isFalse();
    }

    @Test
    void framingLaxerThanRfc9112IsRefused() throws Exception {
        String ok = "GET /api/v1/feeds HTTP/1.1\r\nHost: localhost\r\n";
        Map<String, String> cases =
                Map.ofEntries(
                        Map.entry(ok + "X-Folded: a\r\n  b\r\n\r\n", "obs-fold"),
                        Map.entry("GET /api/v1/feeds HTTP/1.1\nHost: localhost\r\n\r\n", "bare-lf"),
                        Map.entry(ok + "X-Bare: a\n\r\n", "bare-lf"),
                        Map.entry(ok + "Content-Length : 0\r\n\r\n", "field-name"),
                        Map.entry(ok + "Content-Length: 1x\r\n\r\n", "content-length"),
                        Map.entry(ok + "Content-Length: -1\r\n\r\n", "content-length"),
                        Map.entry(ok + "Content-Length: 0, 0\r\n\r\n", "content-length"),
                        Map.entry(
                                ok + "Content-Length: 0\r\nContent-Length: 0\r\n\r\n",
                                "content-length"),
                        Map.entry(
                                "POST /api/v1/organisations HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                                "transfer-encoding"),
                        Map.entry("GET /api/v1/feeds HTTP/1.1\r\n\r\n", "host"),
                        Map.entry(ok + "Host: other\r\n\r\n", "host"),
                        Map.entry(ok + "X-Control: a\u0001b\r\n\r\n", "field-value"),
                        Map.entry("GET  /api/v1/feeds HTTP/1.1\r\nHost: x\r\n\r\n", "request-line"),
                        Map.entry("GET /api/v1/feeds HTTP/1.2\r\nHost: x\r\n\r\n", "request-line"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            RawHttp.Exchange e = RawHttp.send("127.0.2.3", app.port(), c.getKey(), 3_000);
            try {
                assertRefusedAndClosed(e, c.getValue());
            } catch (AssertionError failed) {
                throw new AssertionError(
                        "for " + c.getKey().replace("\r", "\\r").replace("\n", "\\n"), failed);
            }
        }
        // A broken chunk size inside a body cannot be answered in order: the connection ends, and
        // nothing is processed.
        RawHttp.Exchange broken =
                RawHttp.send(
                        "127.0.2.3",
                        app.port(),
                        "POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                        3_000);
        assertThat(broken.closedByServer()).isTrue();
        assertThat(broken.responses())
                .allSatisfy(r -> assertThat(r.status()).isGreaterThanOrEqualTo(400));
    }

    // ----- issue 11: metrics off the public port; headers on data and audit ------------------

    @Test
    void metricsAreServedOnlyOnTheManagementInterface() throws Exception {
        HttpResponse<String> publicPort =
                http.send(
                        HttpRequest.newBuilder(URI.create(app.url("/q/metrics"))).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(publicPort.statusCode()).isEqualTo(404);
        assertThat(publicPort.body()).doesNotContain("pactum_audit");
        HttpResponse<String> management =
                http.send(
                        HttpRequest.newBuilder(URI.create(app.managementUrl("/q/metrics"))).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(management.statusCode()).isEqualTo(200);
        assertThat(management.body()).contains("pactum_audit_entries_written_total");
    }

    @Test
    void dataAndAuditResponsesAreNeitherCachedNorSniffedAndDownloadsAreAttachments()
            throws Exception {
        RawHttp.Response records =
                RawHttp.request("127.0.3.9", app.port(), "GET", recordsPath(), yjsAnalyst, null);
        assertThat(records.status()).isEqualTo(200);
        assertThat(records.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(records.header("Cache-Control")).isEqualTo("no-store");
        assertThat(records.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"records-police-recorded-violence.ndjson\"");
        RawHttp.Response export =
                RawHttp.request(
                        "127.0.3.9",
                        app.port(),
                        "GET",
                        "/api/v1/audit/export?toSeq=5",
                        admin,
                        null);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(export.header("Cache-Control")).isEqualTo("no-store");
        assertThat(export.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"pactum-audit.ndjson\"");
        RawHttp.Response audit =
                RawHttp.request(
                        "127.0.3.9", app.port(), "GET", "/api/v1/audit?limit=1", admin, null);
        assertThat(audit.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(audit.header("Cache-Control")).isEqualTo("no-store");
        RawHttp.Response refused =
                RawHttp.request(
                        "127.0.3.9", app.port(), "GET", "/api/v1/audit?limit=1", null, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    // ----- issue 11: slow uploads --------------------------------------------------------------

    private Socket stalledUpload(String source, String token, String feed, String period)
            throws Exception {
        Socket s = RawHttp.open(source, app.port());
        s.getOutputStream()
                .write(
                        ("POST /api/v1/feeds/"
                                        + feed
                                        + "/submissions?period="
                                        + period
                                        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                        + token
                                        + "\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\n"
                                        + "crime_reference,victim_id")
                                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    @Test
    void stalledUploadsAreBoundedPerClientAndInAllThenCut() throws Exception {
        String yjsSubmitter = app.token("birmingham-yjs-submitter");
        List<Socket> stalled = new ArrayList<>();
        try {
            stalled.add(
                    stalledUpload("127.0.3.1", submitter, "police-recorded-violence", "2017-01"));
            stalled.add(
                    stalledUpload("127.0.3.1", submitter, "police-recorded-violence", "2017-02"));
            Thread.sleep(500);
            // A third from the same client: 429, with Retry-After, as a problem.
            RawHttp.Exchange third =
                    RawHttp.send(
                            "127.0.3.1",
                            app.port(),
                            "POST /api/v1/feeds/police-recorded-violence/submissions?period=2017-03 HTTP/1.1\r\n"
                                    + "Host: localhost\r\nAuthorization: Bearer "
                                    + submitter
                                    + "\r\nContent-Type: text/csv\r\nContent-Length: 3\r\nConnection: close\r\n\r\na,b",
                            5_000);
            RawHttp.Response limited = third.responses().get(0);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).matches("[1-9][0-9]*");
            assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
            assertThat(JSON.readTree(limited.body()).get("type").asText())
                    .isEqualTo("urn:pactum:problem:too-many-requests");
            // Another client may still push, up to the instance's bound (3), and no further.
            stalled.add(
                    stalledUpload("127.0.3.2", yjsSubmitter, "youth-justice-disposals", "2017-01"));
            Thread.sleep(500);
            RawHttp.Response fourth =
                    RawHttp.send(
                                    "127.0.3.2",
                                    app.port(),
                                    "POST /api/v1/feeds/youth-justice-disposals/submissions?period=2017-02 HTTP/1.1\r\n"
                                            + "Host: localhost\r\nAuthorization: Bearer "
                                            + yjsSubmitter
                                            + "\r\nContent-Type: text/csv\r\nContent-Length: 3\r\nConnection: close\r\n\r\na,b",
                                    5_000)
                            .responses()
                            .get(0);
            assertThat(fourth.status()).isEqualTo(429);
            // While uploads stall, releases get their connections.
            releasesStillWork();
            // Idle uploads are cut after the read timeout, and give their permits back.
            Thread.sleep((IDLE_SECONDS * 2 + 2) * 1000L);
            for (Socket s : stalled) {
                assertThat(drainedAndClosed(s)).as("stalled upload cut").isTrue();
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
        StringWriter csv = new StringWriter();
        new SyntheticData(23L, YearMonth.of(2017, 1), 1).police(5, YearMonth.of(2017, 1), csv);
        HttpResponse<String> after =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                app.url(
                                                        "/api/v1/feeds/police-recorded-violence/submissions?period=2017-01")))
                                .header("Authorization", "Bearer " + submitter)
                                .header("Content-Type", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
    }

    // ----- issue 11: floods --------------------------------------------------------------------

    @Test
    void aFloodIsLimitedPerAddressAndItsRefusalsAreCoalescedWithoutLosingCount() throws Exception {
        String source = "127.0.4.1";
        int unauthenticated = 0;
        int limited = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 150; i++) {
            RawHttp.Response r =
                    RawHttp.request(source, app.port(), "GET", "/api/v1/feeds", null, null);
            if (r.status() == 401) {
                unauthenticated++;
            } else {
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.header("Retry-After")).matches("[1-9][0-9]*");
                assertThat(JSON.readTree(r.body()).get("type").asText())
                        .isEqualTo("urn:pactum:problem:too-many-requests");
                limited++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(limited).isPositive();
        assertThat(unauthenticated)
                .isBetween(BURST, BURST + (int) Math.ceil(seconds * PER_SECOND) + 1);
        // One entry at once per source, action and reason, then one with the count of the rest.
        Thread.sleep(6_000);
        try (Connection c = DriverManager.getConnection(app.jdbcUrl(), "postgres", "");
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT action, count(*), sum(coalesce((detail->>'count')::int, 1))"
                                        + " FROM audit_entry WHERE client_address = ? GROUP BY action")) {
            ps.setString(1, source);
            Map<String, long[]> byAction = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byAction.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
            assertThat(byAction).containsOnlyKeys("access.unauthenticated", "access.rate-limited");
            assertThat(byAction.get("access.unauthenticated")[1]).isEqualTo(unauthenticated);
            assertThat(byAction.get("access.rate-limited")[1]).isEqualTo(limited);
            // At most two entries (the first, then the count) per 3-second window the flood
            // spanned.
            long windows = (long) Math.ceil(seconds / 3) + 1;
            assertThat(byAction.get("access.unauthenticated")[0]).isLessThanOrEqualTo(2 * windows);
            assertThat(byAction.get("access.rate-limited")[0]).isLessThanOrEqualTo(2 * windows);
        }
    }
}
