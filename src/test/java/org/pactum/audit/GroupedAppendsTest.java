package org.pactum.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Read-only audited requests (checkpoints, proofs) append their entries in groups (GroupedAppends):
 * each still gets its own committed entry, named in its Pactum-Audit-Seq, before anything is sent,
 * and nothing is sent when the group cannot commit.
 */
@QuarkusTest
class GroupedAppendsTest {

    private static final int REQUESTS = 48;

    @Test
    void concurrentCheckpointRequestsEachGetTheirOwnCommittedEntry() throws Exception {
        String token = Tokens.igLead("sandwell-mbc");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Response>> sent = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            sent.add(
                    pool.submit(
                            () ->
                                    given().auth()
                                            .oauth2(token)
                                            .when()
                                            .get("/api/v1/audit/checkpoint")));
        }
        Map<Long, Long> sizeBySeq = new HashMap<>();
        for (Future<Response> f : sent) {
            Response r = f.get();
            assertThat(r.statusCode()).isEqualTo(200);
            String header = r.header("Pactum-Audit-Seq");
            assertThat(header).matches("[0-9]+");
            // A checkpoint note: origin, tree size, root hash.
            long size = Long.parseLong(r.asString().split("\n")[1]);
            sizeBySeq.put(Long.parseLong(header), size);
        }
        pool.shutdown();
        assertThat(sizeBySeq).hasSize(REQUESTS);
        try (Connection c = TestDatabase.superuser();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT seq, (detail->>'treeSize')::bigint FROM audit_entry"
                                        + " WHERE seq = ANY (?) AND action = 'audit.checkpoint'"
                                        + " AND outcome = 'ALLOWED'"
                                        + " AND actor_organisation = 'sandwell-mbc'")) {
            ps.setArray(1, c.createArrayOf("bigint", sizeBySeq.keySet().toArray()));
            Map<Long, Long> stored = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getLong(1), rs.getLong(2));
                }
            }
            assertThat(stored).isEqualTo(sizeBySeq);
        }
    }

    @Inject GroupedAppends grouped;

    /** Inside a transaction the entry commits with it: rolled back together, nothing is stored. */
    @Test
    void insideATransactionTheEntryCommitsWithItNotApart() throws Exception {
        String target = "grouped-" + UUID.randomUUID();
        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () -> {
                                                    grouped.append(
                                                            Actor.system("test"),
                                                            AuditEvent.allowed(
                                                                    "test.grouped", target));
                                                    throw new IllegalStateException("roll back");
                                                }))
                .hasMessageContaining("roll back");
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE target = ?", target))
                .isZero();
        grouped.append(Actor.system("test"), AuditEvent.allowed("test.grouped", target));
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE target = ?", target))
                .isEqualTo(1);
    }

    @Test
    void whenTheGroupCannotCommitNoCheckpointProofOrReceiptIsSent() throws Exception {
        String token = Tokens.igLead("sandwell-mbc");
        TestDatabase.execute("REVOKE INSERT ON audit_entry FROM pactum_app");
        try {
            for (String path :
                    List.of(
                            "/api/v1/audit/checkpoint",
                            "/api/v1/audit/proof/consistency?from=1&to=1",
                            "/api/v1/audit/head")) {
                given().auth()
                        .oauth2(token)
                        .when()
                        .get(path)
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:pactum:problem:audit-unavailable"))
                        .header("Pactum-Audit-Seq", nullValue())
                        .body(not(containsString("pactum.local/audit")));
            }
        } finally {
            TestDatabase.execute("GRANT INSERT ON audit_entry TO pactum_app");
        }
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/audit/checkpoint")
                .then()
                .statusCode(200)
                .header("Pactum-Audit-Seq", matchesPattern("[0-9]+"));
    }
}
