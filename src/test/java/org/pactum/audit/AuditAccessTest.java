package org.pactum.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.pactum.support.AuditTrail;
import org.pactum.support.Tokens;

@QuarkusTest
class AuditAccessTest {

    private static String register(String code) {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "code",
                                code,
                                "name",
                                "Test " + code,
                                "type",
                                "PRISON",
                                "areas",
                                List.of("E08000026")))
                .post("/api/v1/organisations")
                .then()
                .statusCode(201);
        return code;
    }

    @Test
    void anIgLeadSeesOnlyEntriesTheirOrganisationActedInOrIsConcernedBy() throws Exception {
        String b = register("b-" + UUID.randomUUID().toString().substring(0, 8));
        List<Map<String, Object>> seenByA =
                given().auth()
                        .oauth2(Tokens.igLead("coventry-cc"))
                        .when()
                        .get("/api/v1/audit?action=organisation.create&limit=1000")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("entries");
        assertThat(seenByA)
                .isNotEmpty()
                .allSatisfy(
                        e ->
                                assertThat(
                                                "coventry-cc".equals(e.get("actorOrganisation"))
                                                        || ((List<?>) e.get("concerning"))
                                                                .contains("coventry-cc"))
                                        .isTrue());
        assertThat(seenByA).noneMatch(e -> ("organisation:" + b).equals(e.get("target")));

        List<Map<String, Object>> seenByB =
                given().auth()
                        .oauth2(Tokens.igLead(b))
                        .when()
                        .get("/api/v1/audit?action=organisation.create")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("entries");
        assertThat(seenByB).anyMatch(e -> ("organisation:" + b).equals(e.get("target")));
    }

    @Test
    void anAdminSeesEverythingAndFiltersWork() throws Exception {
        String code = register("f-" + UUID.randomUUID().toString().substring(0, 8));
        JsonPath page =
                given().auth()
                        .oauth2(Tokens.admin())
                        .when()
                        .get(
                                "/api/v1/audit?action=organisation.create&outcome=ALLOWED&actorOrganisation=wm-vrp&limit=1000")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<Map<String, Object>> entries = page.getList("entries");
        assertThat(entries).anyMatch(e -> ("organisation:" + code).equals(e.get("target")));
        assertThat(entries)
                .allSatisfy(
                        e -> {
                            assertThat(e.get("action")).isEqualTo("organisation.create");
                            assertThat(e.get("outcome")).isEqualTo("ALLOWED");
                            assertThat(e.get("actorOrganisation")).isEqualTo("wm-vrp");
                        });
    }

    @Test
    void pagingByAfterSeqWalksForwardWithoutOverlap() {
        JsonPath first =
                given().auth()
                        .oauth2(Tokens.admin())
                        .when()
                        .get("/api/v1/audit?limit=2")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        long next = first.getLong("nextAfterSeq");
        List<Integer> firstSeqs = first.getList("entries.seq");
        List<Integer> secondSeqs =
                given().auth()
                        .oauth2(Tokens.admin())
                        .when()
                        .get("/api/v1/audit?limit=2&afterSeq=" + next)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("entries.seq");
        assertThat(firstSeqs).hasSize(2);
        assertThat(secondSeqs)
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.longValue()).isGreaterThan(next));
    }

    @Test
    void readingTheAuditLogIsItselfAudited() throws Exception {
        long before = AuditTrail.head();
        given().auth()
                .oauth2(Tokens.igLead("walsall-mbc"))
                .when()
                .get("/api/v1/audit?limit=1")
                .then()
                .statusCode(200);
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("audit.read");
                            assertThat(r.actorOrganisation()).isEqualTo("walsall-mbc");
                        });
    }

    @Test
    void analystsAndSubmittersCannotReadTheAuditLog() {
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:pactum:problem:forbidden"));
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .when()
                .get("/api/v1/audit/export")
                .then()
                .statusCode(403);
    }

    @Test
    void anIgLeadWithoutAnOrganisationClaimIsRefused() {
        // Every role needs an organisation: such a token is refused at authentication (issue 11).
        given().auth()
                .oauth2(Tokens.of(null, "ig-lead"))
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:pactum:problem:unauthenticated"))
                .body("detail", org.hamcrest.Matchers.containsString("org"));
    }

    @Test
    void anIgLeadsExportRedactsOtherOrganisationsEntriesButKeepsTheLinks() {
        String b = register("x-" + UUID.randomUUID().toString().substring(0, 8));
        String ndjson =
                given().auth()
                        .oauth2(Tokens.igLead("coventry-cc"))
                        .when()
                        .get("/api/v1/audit/export")
                        .then()
                        .statusCode(200)
                        .contentType("application/x-ndjson")
                        .extract()
                        .asString();
        List<JsonPath> lines = ndjson.lines().map(JsonPath::from).toList();
        assertThat(lines).isNotEmpty();
        assertThat(ndjson).doesNotContain("organisation:" + b);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).getLong("seq")).isEqualTo(lines.get(i - 1).getLong("seq") + 1);
        }
        // A redacted entry keeps what the Merkle tree needs: its leaf hash, and no content.
        assertThat(lines)
                .filteredOn(l -> Boolean.TRUE.equals(l.get("redacted")))
                .isNotEmpty()
                .allSatisfy(
                        l -> {
                            assertThat(l.getString("leafHash")).matches("[0-9a-f]{64}");
                            assertThat(l.getString("action")).isNull();
                        });
    }

    @Test
    void theHeadReceiptIsSignedWithAKeyPartiesCanCheck() throws Exception {
        JsonPath receipt =
                given().auth()
                        .oauth2(Tokens.igLead("dudley-mbc"))
                        .when()
                        .get("/api/v1/audit/head")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        String pem =
                receipt.getString("publicKey")
                        .replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", "");
        var key =
                KeyFactory.getInstance("Ed25519")
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature check = Signature.getInstance("Ed25519");
        check.initVerify(key);
        check.update(receipt.getString("message").getBytes(StandardCharsets.UTF_8));
        assertThat(check.verify(Base64.getDecoder().decode(receipt.getString("signature"))))
                .isTrue();
        assertThat(receipt.getString("message"))
                .contains(":" + receipt.getLong("seq") + ":" + receipt.getString("hash") + ":");

        check.initVerify(key);
        check.update(
                receipt.getString("message")
                        .replace(receipt.getString("hash"), "0".repeat(64))
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(check.verify(Base64.getDecoder().decode(receipt.getString("signature"))))
                .isFalse();
    }

    @Test
    void aThousandConcurrentAuditedRequestsLeaveAGaplessChainThatVerifies() throws Exception {
        long before = AuditTrail.head();
        int requests = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Integer>> results = new ArrayList<>();
        String igLead = Tokens.igLead("dudley-mbc");
        String analyst = Tokens.analyst("dudley-mbc");
        for (int i = 0; i < requests; i++) {
            boolean denial = i % 4 == 0;
            results.add(
                    pool.submit(
                            () ->
                                    denial
                                            ? given().auth()
                                                    .oauth2(analyst)
                                                    .get("/api/v1/audit/head")
                                                    .statusCode()
                                            : given().auth()
                                                    .oauth2(igLead)
                                                    .get("/api/v1/audit/head")
                                                    .statusCode()));
        }
        int ok = 0;
        int denied = 0;
        for (Future<Integer> r : results) {
            int status = r.get();
            if (status == 200) {
                ok++;
            } else if (status == 403) {
                denied++;
            }
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(750);
        assertThat(denied).isEqualTo(250);

        List<AuditTrail.Row> rows = AuditTrail.since(before);
        assertThat(rows.size()).isGreaterThanOrEqualTo(requests);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).seq()).isEqualTo(before + 1 + i);
        }
        JsonPath verify =
                given().auth()
                        .oauth2(Tokens.admin())
                        .get("/api/v1/audit/verify")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(verify.getBoolean("valid")).isTrue();
    }
}
