package org.pactum.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.pactum.audit.TreeTestSupport.awaitCheckpoint;
import static org.pactum.audit.TreeTestSupport.exportEntries;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pactum.support.AuditTrail;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * The served tree, checkpoints and proofs, checked against the independent RFC 9162 implementation
 * in {@link MerkleProofTest} and C2SP parsing written in {@link TreeTestSupport}.
 */
@QuarkusTest
class AuditTreeTest {

    private static String org() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One audited request by an IG lead of {@code org}; returns its Pactum-Audit-Seq. */
    private static long auditedRequest(String org) {
        Response r = given().auth().oauth2(Tokens.igLead(org)).when().get("/api/v1/audit?limit=1");
        r.then().statusCode(200);
        return Long.parseLong(r.header("Pactum-Audit-Seq"));
    }

    @Test
    void theCheckpointIsAC2spSignedNoteOverTheTreeOfTheExportedEntries() throws Exception {
        long seq = auditedRequest(org());
        TreeTestSupport.Checkpoint cp = awaitCheckpoint(seq);
        assertThat(cp.text()).matches("[^\\s+]+\\n(0|[1-9][0-9]*)\\n[A-Za-z0-9+/]{43}=\\n");
        assertThat(cp.signatureLines()).isNotEmpty();
        String line = cp.signatureLines().get(0);
        assertThat(line).startsWith("\u2014 " + cp.origin() + " ");
        byte[] sig = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
        byte[] key = TreeTestSupport.publicKey();
        assertThat(java.util.Arrays.copyOf(sig, 4))
                .isEqualTo(TreeTestSupport.keyId(cp.origin(), 0x01, key));
        assertThat(
                        TreeTestSupport.ed25519(
                                key,
                                cp.text().getBytes(StandardCharsets.UTF_8),
                                java.util.Arrays.copyOfRange(sig, 4, sig.length)))
                .isTrue();

        List<byte[]> entries = exportEntries(cp.size());
        assertThat(entries).hasSize((int) cp.size());
        assertThat(MerkleProofTest.mth(entries)).isEqualTo(cp.root());

        // A stored checkpoint is served again, byte for byte, by its size.
        String again = TreeTestSupport.checkpointNote(Tokens.admin(), cp.size());
        assertThat(again).startsWith(cp.text() + "\n" + line + "\n");
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("size", cp.size() + 1_000_000)
                .when()
                .get("/api/v1/audit/checkpoint")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:checkpoint-not-found"));
    }

    @Test
    void theKeyIsPublicPemAndCheckpointsNeedTheAuditRoles() {
        String pem =
                given().when().get("/api/v1/audit/key").then().statusCode(200).extract().asString();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        given().when().get("/api/v1/audit/checkpoint").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .when()
                .get("/api/v1/audit/checkpoint")
                .then()
                .statusCode(403);
    }

    @Test
    void inclusionProofsMatchTheRfcAuditPathForTheCallersOwnEntry() throws Exception {
        String org = org();
        long seq = auditedRequest(org);
        TreeTestSupport.Checkpoint cp = awaitCheckpoint(seq);
        var proof =
                given().auth()
                        .oauth2(Tokens.igLead(org))
                        .queryParam("seq", seq)
                        .queryParam("size", cp.size())
                        .when()
                        .get("/api/v1/audit/proof/inclusion")
                        .then()
                        .statusCode(200)
                        .extract()
                        .response();
        assertThat(proof.header("Pactum-Audit-Seq")).isNotNull();
        assertThat(proof.jsonPath().getLong("leafIndex")).isEqualTo(seq - 1);
        assertThat(proof.jsonPath().getLong("treeSize")).isEqualTo(cp.size());
        List<byte[]> entries = exportEntries(cp.size());
        List<String> expected =
                MerkleProofTest.path((int) (seq - 1), entries).stream()
                        .map(h -> Base64.getEncoder().encodeToString(h))
                        .toList();
        assertThat(proof.jsonPath().getList("hashes", String.class)).isEqualTo(expected);
    }

    @Test
    void consistencyProofsMatchTheRfcProof() throws Exception {
        long first = auditedRequest(org());
        TreeTestSupport.Checkpoint older = awaitCheckpoint(first);
        long second = auditedRequest(org());
        TreeTestSupport.Checkpoint newer = awaitCheckpoint(second);
        var proof =
                given().auth()
                        .oauth2(Tokens.igLead(org()))
                        .queryParam("from", older.size())
                        .queryParam("to", newer.size())
                        .when()
                        .get("/api/v1/audit/proof/consistency")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(proof.getLong("from")).isEqualTo(older.size());
        assertThat(proof.getLong("to")).isEqualTo(newer.size());
        List<byte[]> entries = exportEntries(newer.size());
        List<String> expected =
                MerkleProofTest.proof((int) older.size(), entries).stream()
                        .map(h -> Base64.getEncoder().encodeToString(h))
                        .toList();
        assertThat(proof.getList("hashes", String.class)).isEqualTo(expected);
        assertThat(MerkleProofTest.mth(entries.subList(0, (int) older.size())))
                .isEqualTo(older.root());
    }

    @Test
    void anIgLeadGetsNoProofForAnEntryTheyMayNotSeeAndTheRefusalIsAudited() throws Exception {
        long others = auditedRequest(org());
        awaitCheckpoint(others);
        String org = org();
        long before = AuditTrail.head();
        given().auth()
                .oauth2(Tokens.igLead(org))
                .queryParam("seq", others)
                .when()
                .get("/api/v1/audit/proof/inclusion")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:audit-entry-not-found"));
        assertThat(AuditTrail.since(before))
                .anyMatch(
                        r ->
                                r.action().equals("audit.proof.inclusion")
                                        && r.outcome().equals("DENIED")
                                        && org.equals(r.actorOrganisation()));
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .queryParam("seq", others)
                .when()
                .get("/api/v1/audit/proof/inclusion")
                .then()
                .statusCode(403);
        given().queryParam("seq", others)
                .when()
                .get("/api/v1/audit/proof/inclusion")
                .then()
                .statusCode(401);
    }

    @Test
    void malformedProofParametersAreProblemsNamingTheParameter() {
        for (String[] bad :
                new String[][] {
                    {"seq", "1 OR 1=1"}, {"seq", "-3"}, {"seq", "0"}, {"size", "yesterday"}
                }) {
            var req = given().auth().oauth2(Tokens.admin()).queryParam(bad[0], bad[1]);
            if (!bad[0].equals("seq")) {
                req = req.queryParam("seq", 1);
            }
            String body =
                    req.when()
                            .get("/api/v1/audit/proof/inclusion")
                            .then()
                            .statusCode(400)
                            .contentType("application/problem+json")
                            .body("parameter", equalTo(bad[0]))
                            .extract()
                            .asString();
            if (bad[1].length() > 2) {
                assertThat(body).doesNotContain(bad[1]);
            }
        }
        given().auth()
                .oauth2(Tokens.admin())
                .when()
                .get("/api/v1/audit/proof/inclusion")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("seq"));
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("from", "x")
                .when()
                .get("/api/v1/audit/proof/consistency")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("from"));
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("seq", 1)
                .queryParam("size", 1_000_000_000_000_000L)
                .when()
                .get("/api/v1/audit/proof/inclusion")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:pactum:problem:checkpoint-not-found"));
    }

    @Test
    void everyAuditedResponseNamesTheEntryThatRecordedIt() throws Exception {
        String org = org();
        Response r = given().auth().oauth2(Tokens.igLead(org)).when().get("/api/v1/audit/verify");
        r.then().statusCode(200);
        long seq = Long.parseLong(r.header("Pactum-Audit-Seq"));
        List<AuditTrail.Row> rows = AuditTrail.since(seq - 1);
        assertThat(rows.get(0).seq()).isEqualTo(seq);
        assertThat(rows.get(0).action()).isEqualTo("audit.verify");
        assertThat(rows.get(0).actorOrganisation()).isEqualTo(org);
    }

    @Test
    void aSeqWhoseTransactionRolledBackBecomesAVoidEntryAndTheTreeMovesOn() throws Exception {
        long reserved;
        try (Connection c = TestDatabase.applicationRole()) {
            c.setAutoCommit(false);
            reserved = AuditLog.reserve(c);
            c.rollback();
        }
        long after = auditedRequest(org());
        assertThat(after).isGreaterThan(reserved);
        awaitCheckpoint(after);
        try (Connection c = TestDatabase.superuser();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT action, outcome FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, reserved);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("audit.void");
                assertThat(rs.getString(2)).isEqualTo("DENIED");
            }
        }
    }

    /**
     * A whole group of seqs that rolled back together (GroupedAppends commits read-only requests'
     * entries in groups) is voided in one step, not one seq per integration step: the entry after
     * them is still in a checkpoint within the 1 s target (with a margin for the test machine).
     */
    @Test
    void aRolledBackGroupOfSeqsIsVoidedTogetherAndTheTreeMovesOnWithinASecond() throws Exception {
        long[] reserved;
        try (Connection c = TestDatabase.applicationRole()) {
            c.setAutoCommit(false);
            reserved = AuditLog.reserve(c, 40);
            c.rollback();
        }
        long after = auditedRequest(org());
        long started = System.nanoTime();
        awaitCheckpoint(after);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(ms)
                .as("ms until the entry after 40 rolled-back seqs was covered")
                .isLessThan(2_000);
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE seq BETWEEN ? AND ?"
                                        + " AND action = 'audit.void' AND outcome = 'DENIED'",
                                reserved[0],
                                reserved[reserved.length - 1]))
                .isEqualTo(reserved.length);
    }

    @Test
    void anEntryInFlightHoldsTheTreeBackUntilItCommits() throws Exception {
        long held;
        try (Connection c = TestDatabase.applicationRole()) {
            c.setAutoCommit(false);
            held = AuditLog.reserve(c);
            AuditEntry entry =
                    AuditLog.build(
                            held,
                            java.time.Instant.now(),
                            Actor.system("test"),
                            AuditEvent.allowed("test.in-flight", "audit"));
            AuditLog.insert(c, entry, new com.fasterxml.jackson.databind.ObjectMapper());
            long later = auditedRequest(org());
            Thread.sleep(1_000); // several integration steps
            TreeTestSupport.Checkpoint meanwhile =
                    TreeTestSupport.parse(TreeTestSupport.checkpointNote(Tokens.admin(), null));
            assertThat(meanwhile.size()).isLessThan(held);
            c.commit();
            TreeTestSupport.Checkpoint cp = awaitCheckpoint(later);
            assertThat(cp.size()).isGreaterThanOrEqualTo(later);
        }
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE seq = ? AND action = 'test.in-flight'",
                                held))
                .isEqualTo(1);
    }

    @Test
    void theApplicationRoleCannotMoveTheHeadExceptByAppending() throws Exception {
        long seq = auditedRequest(org());
        TreeTestSupport.Checkpoint cp = awaitCheckpoint(seq);
        try (Connection c = TestDatabase.applicationRole();
                var st = c.createStatement()) {
            for (String sql :
                    List.of(
                            "UPDATE audit_head SET seq = 0",
                            "UPDATE audit_checkpoint SET tree_size = 1 WHERE tree_size = "
                                    + cp.size(),
                            "DELETE FROM audit_checkpoint WHERE tree_size = " + cp.size(),
                            "UPDATE audit_tree_node SET hash = hash WHERE level = 0 AND idx = 0",
                            "DELETE FROM audit_tree_node WHERE level = 0 AND idx = 0",
                            "TRUNCATE audit_checkpoint")) {
                try {
                    st.execute(sql);
                    throw new AssertionError("the application role could run: " + sql);
                } catch (SQLException e) {
                    assertThat(e.getMessage()).containsAnyOf("permission denied", "append-only");
                }
            }
            try {
                st.execute(
                        "INSERT INTO audit_checkpoint (tree_size, root_hash, note) VALUES (1, "
                                + "decode(repeat('00', 32), 'hex'), 'rolled back')");
                throw new AssertionError("a smaller checkpoint was accepted");
            } catch (SQLException e) {
                assertThat(e.getMessage()).contains("only grow");
            }
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
