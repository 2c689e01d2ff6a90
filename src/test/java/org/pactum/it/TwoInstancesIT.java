package org.pactum.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.build.Jwt;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.platform.EmbeddedDatabase;
import org.pactum.platform.SecretFiles;
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

    private static final String ISSUER = "https://idp.test/realms/partnership";

    /** A token of the test's identity provider, shaped as Keycloak issues them for Pactum. */
    private static String token(PrivateKey signer, String org, String role) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .subject("two-instances-" + org + "-" + role)
                .audience("pactum")
                .claim("org", org)
                .claim("resource_access", Map.of("pactum", Map.of("roles", List.of(role))))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(3_600))
                .sign(signer);
    }

    /** Police violence for Dudley: organisations, then an agreement both IG leads approve. */
    private String activeAgreement(PactumProcess app, String admin, PrivateKey signer)
            throws Exception {
        for (String org :
                new String[] {
                    "{\"code\":\"wm-police\",\"name\":\"West Midlands Police\",\"type\":\"POLICE\",\"areas\":[\"E23000014\"]}",
                    "{\"code\":\"dudley-mbc\",\"name\":\"Dudley MBC\",\"type\":\"LOCAL_AUTHORITY\",\"areas\":[\"E08000027\"]}"
                }) {
            HttpResponse<String> r =
                    send(
                            app,
                            "POST",
                            "/api/v1/organisations",
                            admin,
                            "application/json",
                            org,
                            null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        LocalDate today = LocalDate.now();
        String agreement =
                "{\"title\":\"Police violence for Dudley's SNA\",\"purpose\":\"SNA\",\"legalBases\":[\"UK GDPR Art 6(1)(e)\"],"
                        + "\"providers\":[{\"organisation\":\"wm-police\",\"feeds\":[\"police-recorded-violence\"]}],\"recipients\":[\"dudley-mbc\"],"
                        + "\"validFrom\":\""
                        + today.minusYears(3)
                        + "\",\"validTo\":\""
                        + today.plusYears(1)
                        + "\",\"reviewDate\":\""
                        + today.plusMonths(6)
                        + "\",\"retentionMonths\":240,\"releaseLevel\":\"AGGREGATE\",\"fieldRules\":{\"police-recorded-violence\":{\"victim_sex\":"
                        + "{\"action\":\"ALLOW\"},\"offence_group\":{\"action\":\"ALLOW\"}}},\"disclosure\":{\"minimumCellCount\":8,\"roundingBase\":5,"
                        + "\"crossableDimensions\":[\"sex\",\"offenceGroup\"]},\"contacts\":{\"subjectAccessRequests\":\"dpo@x.example\",\"breaches\":\"ig@x.example\"}}";
        HttpResponse<String> created =
                send(app, "POST", "/api/v1/agreements", admin, "application/json", agreement, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> proposed =
                send(app, "POST", "/api/v1/agreements/" + id + "/propose", admin, null, null, null);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(200);
        String approval =
                "{\"version\":1,\"contentHash\":\""
                        + JSON.readTree(proposed.body()).get("contentHash").asText()
                        + "\"}";
        for (String party : new String[] {"wm-police", "dudley-mbc"}) {
            HttpResponse<String> approved =
                    send(
                            app,
                            "POST",
                            "/api/v1/agreements/" + id + "/approvals",
                            token(signer, party, "ig-lead"),
                            "application/json",
                            approval,
                            null);
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        }
        return id;
    }

    @Test
    void twoInstancesShareOneDatabaseAndOneChain() throws Exception {
        Path dir = Path.of("target", "it-two-instances").toAbsolutePath();
        KeycloakProcess.deleteRecursively(dir);
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(dir.resolve("postgres-server"))) {
            // An external database means production settings (issue 11): both instances share the
            // identity provider's key, the mounted master secret and the database, as pods share a
            // Secret and a ConfigMap; all state is in PostgreSQL. No demo runs.
            KeyPair idp = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            Path jwks = dir.resolve("idp-public.pem");
            Files.createDirectories(dir);
            Files.writeString(
                    jwks,
                    "-----BEGIN PUBLIC KEY-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(idp.getPublic().getEncoded())
                            + "\n-----END PUBLIC KEY-----\n");
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path masterSecret = dir.resolve("master-secret");
            SecretFiles.write(masterSecret, Base64.getEncoder().encode(secret));
            Map<String, String> env =
                    Map.of(
                            "QUARKUS_DATASOURCE_JDBC_URL",
                            postgres.jdbcUrl(),
                            "QUARKUS_DATASOURCE_PASSWORD",
                            "trusted-locally",
                            "PACTUM_MIGRATION_USERNAME",
                            "postgres",
                            "PACTUM_MIGRATION_PASSWORD",
                            "trusted-locally",
                            "PACTUM_SECURITY_ISSUER",
                            ISSUER,
                            "PACTUM_SECURITY_JWKS_LOCATION",
                            jwks.toString(),
                            "PACTUM_KEYS_MASTER_SECRET_FILE",
                            masterSecret.toString());
            try (PactumProcess a = PactumProcess.start(dir.resolve("a"), "384m", env);
                    PactumProcess b = PactumProcess.start(dir.resolve("b"), "384m", env)) {
                PactumProcess[] apps = {a, b};
                PrivateKey signer = idp.getPrivate();
                String admin = token(signer, "wm-vrp", "admin");
                String submitter = token(signer, "wm-police", "submitter");
                String analyst = token(signer, "dudley-mbc", "analyst");
                String ig = token(signer, "dudley-mbc", "ig-lead");
                String sna = activeAgreement(a, admin, signer);

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
                                                    + "\",\"dimensions\":[\"sex\",\"offenceGroup\"]}",
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
                    // Production generates no key: both instances read the mounted master secret.
                    ResultSet keys =
                            c.createStatement()
                                    .executeQuery(
                                            "SELECT count(*) FROM audit_entry WHERE action = 'key.master.generate'");
                    keys.next();
                    assertThat(keys.getLong(1)).isZero();
                    ResultSet demo =
                            c.createStatement()
                                    .executeQuery(
                                            "SELECT count(*) FROM organisation WHERE code = 'birmingham-cc'");
                    demo.next();
                    assertThat(demo.getLong(1)).as("no demo partnership").isZero();
                }
                assertThat(a.dataDirectory().resolve("demo-tokens.json")).doesNotExist();
                copiesFollowPushesThroughTheOtherInstance(a, b, submitter, analyst, sna);
                for (PactumProcess app : apps) {
                    JsonNode verify =
                            JSON.readTree(
                                    send(
                                                    app,
                                                    "GET",
                                                    "/api/v1/audit/verify",
                                                    admin,
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

    /**
     * Each instance answers from its own in-memory copy of the cube (issue 14); a push through the
     * other instance bumps the feed's cube version at commit, so the next table here reads the new
     * rows: an empty month is refused for its population, then released once b has stored it.
     */
    private void copiesFollowPushesThroughTheOtherInstance(
            PactumProcess a, PactumProcess b, String submitter, String analyst, String agreement)
            throws Exception {
        YearMonth month = YearMonth.of(2024, 6);
        String table =
                "{\"feed\":\""
                        + FEED
                        + "\",\"dimensions\":[\"sex\"],\"from\":\""
                        + month
                        + "\",\"to\":\""
                        + month
                        + "\",\"includeTotals\":true}";
        String path = "/api/v1/agreements/" + agreement + "/aggregates";
        HttpResponse<String> before =
                send(a, "POST", path, analyst, "application/json", table, null);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(422);
        assertThat(JSON.readTree(before.body()).get("type").asText())
                .isEqualTo("urn:pactum:problem:population-below-threshold");
        StringWriter csv = new StringWriter();
        new SyntheticData(6L, YearMonth.now().minusMonths(1), 12).police(300, month, csv);
        HttpResponse<String> pushed =
                send(
                        b,
                        "POST",
                        "/api/v1/feeds/" + FEED + "/submissions?period=1989-06",
                        submitter,
                        "text/csv",
                        csv.toString(),
                        "two-instances-copy");
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
        HttpResponse<String> after =
                send(a, "POST", path, analyst, "application/json", table, null);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        JsonNode total = JSON.readTree(after.body()).get("totals").get(0).get("count");
        // 300 rows, perturbed by at most a few and rounded to 5
        assertThat(total.asLong()).isBetween(290L, 310L);
    }
}
