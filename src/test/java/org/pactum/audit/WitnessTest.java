package org.pactum.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pactum.support.AuditTrail;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/** An IG lead witnesses the log end to end, and what happens when the log disagrees. */
@QuarkusTest
class WitnessTest {

    @Inject HeadSigner logSigner;

    private static String org() {
        return "w-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static KeyPair witnessKey() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static String pem(KeyPair k) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getEncoder().encodeToString(k.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static byte[] raw(KeyPair k) {
        byte[] der = k.getPublic().getEncoded();
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    private static String cosign(KeyPair k, long time, String checkpointText) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(k.getPrivate());
        s.update(
                ("cosignature/v1\ntime " + time + "\n" + checkpointText)
                        .getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    private static long entry(String org) {
        return Long.parseLong(
                given().auth()
                        .oauth2(Tokens.igLead(org))
                        .when()
                        .get("/api/v1/audit?limit=1")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("Pactum-Audit-Seq"));
    }

    private static io.restassured.response.ValidatableResponse post(
            String token, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/audit/witness")
                .then();
    }

    private static Map<String, Object> body(String note, long time, String sig, String pem) {
        Map<String, Object> b = new HashMap<>();
        b.put("checkpoint", note);
        b.put("timestamp", time);
        b.put("signature", sig);
        if (pem != null) {
            b.put("publicKey", pem);
        }
        return b;
    }

    @Test
    void anIgLeadCosignsCheckpointsAndPactumServesTheCosignatures() throws Exception {
        String org = org();
        KeyPair key = witnessKey();
        TreeTestSupport.Checkpoint first = TreeTestSupport.awaitCheckpoint(entry(org));
        String note = TreeTestSupport.checkpointNote(Tokens.igLead(org), first.size());
        long time = Instant.now().getEpochSecond();
        JsonPath accepted =
                post(
                                Tokens.igLead(org),
                                body(note, time, cosign(key, time, first.text()), pem(key)))
                        .statusCode(200)
                        .body("organisation", equalTo(org))
                        .body("treeSize", equalTo((int) first.size()))
                        .extract()
                        .jsonPath();

        // The served checkpoint now carries a C2SP cosignature/v1 line an outsider can check.
        String served = TreeTestSupport.checkpointNote(Tokens.admin(), first.size());
        assertThat(accepted.getString("checkpoint")).isEqualTo(served);
        String line =
                TreeTestSupport.parse(served).signatureLines().stream()
                        .filter(l -> l.startsWith("\u2014 " + org + " "))
                        .findFirst()
                        .orElseThrow();
        byte[] sig = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(Arrays.copyOf(sig, 4)).isEqualTo(TreeTestSupport.keyId(org, 0x04, raw(key)));
        assertThat(ByteBuffer.wrap(sig, 4, 8).getLong()).isEqualTo(time);
        assertThat(
                        TreeTestSupport.ed25519(
                                raw(key),
                                ("cosignature/v1\ntime " + time + "\n" + first.text())
                                        .getBytes(StandardCharsets.UTF_8),
                                Arrays.copyOfRange(sig, 12, sig.length)))
                .isTrue();

        // Later: a newer checkpoint, cosigned without repeating the key.
        TreeTestSupport.Checkpoint second = TreeTestSupport.awaitCheckpoint(entry(org));
        assertThat(second.size()).isGreaterThan(first.size());
        String secondNote = TreeTestSupport.checkpointNote(Tokens.igLead(org), second.size());
        long later = time + 1;
        post(Tokens.igLead(org), body(secondNote, later, cosign(key, later, second.text()), null))
                .statusCode(200)
                .body("treeSize", equalTo((int) second.size()));
        given().auth()
                .oauth2(Tokens.igLead(org))
                .when()
                .get("/api/v1/audit/witness")
                .then()
                .statusCode(200)
                .body(
                        "find { it.organisation == '" + org + "' }.lastCosignedSize",
                        equalTo((int) second.size()));

        // Refusals, each a problem naming the field, each audited.
        long before = AuditTrail.head();
        post(Tokens.igLead(org), body(note, later, cosign(key, later, first.text()), null))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:witness-refused"))
                .body("parameter", equalTo("checkpoint"));
        post(
                        Tokens.igLead(org),
                        body(secondNote, later, cosign(witnessKey(), later, second.text()), null))
                .statusCode(422)
                .body("parameter", equalTo("signature"));
        KeyPair other = witnessKey();
        post(
                        Tokens.igLead(org),
                        body(secondNote, later, cosign(other, later, second.text()), pem(other)))
                .statusCode(422)
                .body("parameter", equalTo("publicKey"));
        String stranger = org();
        post(
                        Tokens.igLead(stranger),
                        body(secondNote, later, cosign(other, later, second.text()), null))
                .statusCode(422)
                .body("parameter", equalTo("publicKey"));
        post(Tokens.igLead(org), body(secondNote, later, "not base64!", null))
                .statusCode(400)
                .body("parameter", equalTo("signature"));
        String unsigned =
                second.text()
                        + "\n\u2014 "
                        + second.origin()
                        + " "
                        + Base64.getEncoder().encodeToString(new byte[68])
                        + "\n";
        post(Tokens.igLead(org), body(unsigned, later, cosign(key, later, second.text()), null))
                .statusCode(422)
                .body("parameter", equalTo("checkpoint"));
        post(Tokens.admin(), body(secondNote, later, cosign(key, later, second.text()), null))
                .statusCode(403);
        assertThat(
                        AuditTrail.since(before).stream()
                                .filter(
                                        r ->
                                                r.action().equals("audit.witness")
                                                        && r.outcome().equals("DENIED")))
                .hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void aCheckpointThisLogSignedThatDiffersFromTheStoredOneIsALoudAuditedAlarm() throws Exception {
        String org = org();
        KeyPair key = witnessKey();
        TreeTestSupport.Checkpoint cp = TreeTestSupport.awaitCheckpoint(entry(org));
        byte[] otherRoot =
                TreeTestSupport.sha256("a rewritten history".getBytes(StandardCharsets.UTF_8));
        String forgedText =
                cp.origin()
                        + "\n"
                        + cp.size()
                        + "\n"
                        + Base64.getEncoder().encodeToString(otherRoot)
                        + "\n";
        byte[] logKey = TreeTestSupport.publicKey();
        byte[] sig = Base64.getDecoder().decode(logSigner.sign(forgedText));
        byte[] line =
                ByteBuffer.allocate(4 + sig.length)
                        .put(TreeTestSupport.keyId(cp.origin(), 0x01, logKey))
                        .put(sig)
                        .array();
        String forged =
                forgedText
                        + "\n\u2014 "
                        + cp.origin()
                        + " "
                        + Base64.getEncoder().encodeToString(line)
                        + "\n";
        long time = Instant.now().getEpochSecond();
        long before = AuditTrail.head();
        post(Tokens.igLead(org), body(forged, time, cosign(key, time, forgedText), pem(key)))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:audit-inconsistent"));
        assertThat(AuditTrail.since(before))
                .anyMatch(r -> r.action().equals("audit.alarm") && r.outcome().equals("DENIED"));
    }

    @Test
    void aTreeThatNoLongerMatchesAWitnessedCheckpointStopsCheckpointsAndRaisesTheAlarm()
            throws Exception {
        String org = org();
        KeyPair key = witnessKey();
        TreeTestSupport.Checkpoint cp = TreeTestSupport.awaitCheckpoint(entry(org));
        String note = TreeTestSupport.checkpointNote(Tokens.igLead(org), cp.size());
        long time = Instant.now().getEpochSecond();
        post(Tokens.igLead(org), body(note, time, cosign(key, time, cp.text()), pem(key)))
                .statusCode(200);
        long leaf = cp.size() - 1;
        try (Connection c = TestDatabase.superuser();
                var st = c.createStatement()) {
            st.execute(
                    // Every stored node above the leaf too: a checkpoint's root is built from the
                    // highest complete subtrees, so a leaf alone may not be read.
                    "CREATE TEMP TABLE saved_node AS SELECT * FROM audit_tree_node WHERE idx = ("
                            + leaf
                            + "::bigint >> level)");
            st.execute("ALTER TABLE audit_tree_node DISABLE TRIGGER audit_tree_node_append_only");
            try {
                st.execute(
                        "UPDATE audit_tree_node SET hash = sha256('rewritten'::bytea) WHERE idx = ("
                                + leaf
                                + "::bigint >> level)");
                long before = AuditTrail.head();
                long after = entry(org());
                Thread.sleep(1_500);
                assertThat(TestDatabase.queryLong("SELECT max(tree_size) FROM audit_checkpoint"))
                        .as("no checkpoint is signed over a tree that contradicts a witness")
                        .isLessThan(after);
                assertThat(AuditTrail.since(before))
                        .anyMatch(
                                r -> r.action().equals("audit.alarm") && r.reason().contains(org));
                JsonPath verify =
                        given().auth()
                                .oauth2(Tokens.admin())
                                .when()
                                .get("/api/v1/audit/verify")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath();
                assertThat(verify.getBoolean("valid")).isFalse();
                assertThat(verify.getLong("firstBrokenSeq")).isEqualTo(cp.size());
            } finally {
                st.execute(
                        "DELETE FROM audit_tree_node WHERE idx = (" + leaf + "::bigint >> level)");
                st.execute("INSERT INTO audit_tree_node SELECT * FROM saved_node");
                st.execute(
                        "ALTER TABLE audit_tree_node ENABLE TRIGGER audit_tree_node_append_only");
            }
        }
        TreeTestSupport.awaitCheckpoint(entry(org));
    }
}
