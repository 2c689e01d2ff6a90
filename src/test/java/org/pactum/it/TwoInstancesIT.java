package org.pactum.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.platform.EmbeddedDatabase;
import org.pactum.support.PactumProcess;

/**
 * Scale-out: the packaged jar twice, on two ports, on one PostgreSQL. Concurrent pushes (the same
 * Idempotency-Key sent to both at once among them) and concurrent releases leave one copy of each
 * submission, exactly the rows pushed, and one gapless audit chain that verifies from either
 * instance.
 */
class TwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEED = "police-recorded-violence";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(
            PactumProcess app,
            String method,
            String path,
            String token,
            String type,
            String body,
            String key)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(app.url(path)))
                        .header("Authorization", "Bearer " + token);
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        b =
                body == null
                        ? b.method(method, HttpRequest.BodyPublishers.noBody())
                        : b.header("Content-Type", type)
                                .method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoInstancesShareOneDatabaseAndOneChain() throws Exception {
        Path dir = Path.of("target", "it-two-instances").toAbsolutePath();
        KeycloakProcess.deleteRecursively(dir);
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(dir.resolve("postgres-server"))) {
            // Both instances share configuration (here: the data directory holding the master key
            // and demo issuer key),
            // as pods share a Secret; all state is in PostgreSQL.
            Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
            try (PactumProcess a = PactumProcess.start(dir.resolve("shared"), "384m", env);
                    PactumProcess b = PactumProcess.start(dir.resolve("shared"), "384m", env)) {
                PactumProcess[] apps = {a, b};
                String submitter = a.token("wm-police-submitter");
                String analyst = a.token("dudley-mbc-analyst");
                String sna =
                        JSON.readTree(
                                        send(
                                                        a,
                                                        "GET",
                                                        "/api/v1/agreements",
                                                        analyst,
                                                        null,
                                                        null,
                                                        null)
                                                .body())
                                .get(0)
                                .get("id")
                                .asText();

                SyntheticData data = new SyntheticData(5L, YearMonth.now().minusMonths(1), 12);
                ExecutorService pool = Executors.newFixedThreadPool(12);
                List<Future<HttpResponse<String>>> pushes = new ArrayList<>();
                List<String> periods = new ArrayList<>();
                int rowsEach = 500;
                for (int i = 0; i < 12; i++) {
                    String period = "1990-" + String.format("%02d", i + 1);
                    periods.add(period);
                    StringWriter csv = new StringWriter();
                    data.police(rowsEach, YearMonth.of(2025, 1 + i), csv);
                    String body = csv.toString();
                    String key = "two-instances-" + period;
                    // Each extract is sent to both instances at once with the same key: exactly one
                    // may store it.
                    for (PactumProcess app : apps) {
                        pushes.add(
                                pool.submit(
                                        () ->
                                                send(
                                                        app,
                                                        "POST",
                                                        "/api/v1/feeds/"
                                                                + FEED
                                                                + "/submissions?period="
                                                                + period,
                                                        submitter,
                                                        "text/csv",
                                                        body,
                                                        key)));
                    }
                }
                List<Future<HttpResponse<String>>> releases = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    PactumProcess app = apps[i % 2];
                    Callable<HttpResponse<String>> pull =
                            () ->
                                    send(
                                            app,
                                            "POST",
                                            "/api/v1/agreements/" + sna + "/aggregates",
                                            analyst,
                                            "application/json",
                                            "{\"feed\":\""
                                                    + FEED
                                                    + "\",\"dimensions\":[\"localAuthority\",\"sex\"]}",
                                            null);
                    releases.add(pool.submit(pull));
                }
                int created = 0;
                int replayed = 0;
                for (Future<HttpResponse<String>> f : pushes) {
                    HttpResponse<String> r = f.get();
                    assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
                    if (r.statusCode() == 201) {
                        created++;
                    } else {
                        replayed++;
                        assertThat(r.headers().firstValue("Idempotent-Replayed")).contains("true");
                    }
                }
                for (Future<HttpResponse<String>> f : releases) {
                    assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
                }
                pool.shutdown();
                assertThat(created).isEqualTo(12);
                assertThat(replayed).isEqualTo(12);

                try (Connection c =
                        DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "")) {
                    for (String period : periods) {
                        ResultSet rs =
                                c.createStatement()
                                        .executeQuery(
                                                "SELECT count(*), min(id) FROM submission WHERE provider = 'wm-police' "
                                                        + "AND period = '"
                                                        + period
                                                        + "'");
                        rs.next();
                        assertThat(rs.getLong(1)).as("one submission for " + period).isEqualTo(1);
                        ResultSet rows =
                                c.createStatement()
                                        .executeQuery(
                                                "SELECT count(*) FROM feed_row WHERE submission_id = "
                                                        + rs.getLong(2));
                        rows.next();
                        assertThat(rows.getLong(1)).as("rows of " + period).isEqualTo(rowsEach);
                    }
                    // A seq whose action rolled back is filled by an audit.void entry once the tree
                    // integrates past it: wait for a checkpoint to cover the last entry.
                    for (int i = 0; i < 100; i++) {
                        ResultSet covered =
                                c.createStatement()
                                        .executeQuery(
                                                "SELECT (SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint)"
                                                        + " >= (SELECT coalesce(max(seq), 0) FROM audit_entry)");
                        covered.next();
                        if (covered.getBoolean(1)) {
                            break;
                        }
                        Thread.sleep(100);
                    }
                    ResultSet gaps =
                            c.createStatement()
                                    .executeQuery("SELECT count(*), max(seq) FROM audit_entry");
                    gaps.next();
                    assertThat(gaps.getLong(1)).as("gapless sequence").isEqualTo(gaps.getLong(2));
                    ResultSet released =
                            c.createStatement()
                                    .executeQuery(
                                            "SELECT count(*) FROM audit_entry WHERE action = 'release.aggregate'");
                    released.next();
                    assertThat(released.getLong(1)).isEqualTo(40);
                    // Key operations are audited: the first instance generated the master key, the
                    // second found it.
                    ResultSet keys =
                            c.createStatement()
                                    .executeQuery(
                                            "SELECT count(*) FROM audit_entry WHERE action = 'key.master.generate'");
                    keys.next();
                    assertThat(keys.getLong(1)).isEqualTo(1);
                }
                String ig = a.token("dudley-mbc-ig-lead");
                for (PactumProcess app : apps) {
                    JsonNode verify =
                            JSON.readTree(
                                    send(
                                                    app,
                                                    "GET",
                                                    "/api/v1/audit/verify",
                                                    a.token("admin"),
                                                    null,
                                                    null,
                                                    null)
                                            .body());
                    assertThat(verify.get("valid").asBoolean()).isTrue();
                }
                assertThat(
                                send(b, "GET", "/api/v1/audit?limit=1", ig, null, null, null)
                                        .statusCode())
                        .isEqualTo(200);
            }
        }
    }
}
