package org.pactum.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

@QuarkusTest
class AuditChainTest {

    private static JsonPath verify() {
        return given().auth()
                .oauth2(Tokens.admin())
                .when()
                .get("/api/v1/audit/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /**
     * Makes one more entry and waits until a signed checkpoint covers it, so that a test tampers
     * only with what the tree already holds.
     */
    private static long newEntry() throws Exception {
        long seq =
                Long.parseLong(
                        given().auth()
                                .oauth2(Tokens.igLead("dudley-mbc"))
                                .when()
                                .get("/api/v1/audit/head")
                                .then()
                                .statusCode(200)
                                .extract()
                                .header("Pactum-Audit-Seq"));
        TreeTestSupport.awaitCheckpoint(seq);
        return seq;
    }

    @Test
    void theChainVerifiesAndReportsItsHead() throws Exception {
        long seq = newEntry();
        JsonPath result = verify();
        assertThat(result.getBoolean("valid")).isTrue();
        assertThat(result.getLong("headSeq")).isGreaterThanOrEqualTo(seq);
        assertThat(result.getLong("checked")).isEqualTo(result.getLong("toSeq"));
        assertThat(result.getString("firstBrokenSeq")).isNull();
    }

    @Test
    void anEditedEntryIsReportedAsTheFirstBrokenSequence() throws Exception {
        long target = newEntry();
        newEntry();
        try (Connection c = TestDatabase.superuser();
                var st = c.createStatement()) {
            st.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
            try {
                st.execute("UPDATE audit_entry SET reason = 'rewritten' WHERE seq = " + target);
                JsonPath result = verify();
                assertThat(result.getBoolean("valid")).isFalse();
                assertThat(result.getLong("firstBrokenSeq")).isEqualTo(target);
            } finally {
                st.execute("UPDATE audit_entry SET reason = NULL WHERE seq = " + target);
                st.execute(
                        "ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");
            }
        }
        JsonPath after = verify();
        assertThat(after.getBoolean("valid")).as(after.prettify()).isTrue();
    }

    @Test
    void aDeletedEntryIsReportedAsTheFirstBrokenSequence() throws Exception {
        long target = newEntry();
        newEntry();
        try (Connection c = TestDatabase.superuser();
                var st = c.createStatement()) {
            st.execute(
                    "CREATE TEMP TABLE saved AS SELECT * FROM audit_entry WHERE seq = " + target);
            st.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
            try {
                st.execute("DELETE FROM audit_entry WHERE seq = " + target);
                JsonPath result = verify();
                assertThat(result.getBoolean("valid")).isFalse();
                assertThat(result.getLong("firstBrokenSeq")).isEqualTo(target);
            } finally {
                st.execute("INSERT INTO audit_entry SELECT * FROM saved");
                st.execute(
                        "ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");
            }
        }
        JsonPath after = verify();
        assertThat(after.getBoolean("valid")).as(after.prettify()).isTrue();
    }

    @Test
    void theApplicationRoleCannotUpdateOrDeleteAuditEntries() throws Exception {
        newEntry();
        try (Connection c = TestDatabase.applicationRole();
                var st = c.createStatement()) {
            assertThatThrownBy(
                            () -> st.execute("UPDATE audit_entry SET reason = 'x' WHERE seq = 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.execute("DELETE FROM audit_entry WHERE seq = 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.execute("TRUNCATE audit_entry"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void theTriggerRefusesUpdatesEvenFromTheOwner() throws Exception {
        newEntry();
        try (Connection c = TestDatabase.superuser();
                var st = c.createStatement()) {
            assertThatThrownBy(
                            () -> st.execute("UPDATE audit_entry SET reason = 'x' WHERE seq = 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void whenTheAuditWriteFailsTheReadFailsWith503AndReturnsNoData() throws Exception {
        newEntry();
        String code = "fail-" + UUID.randomUUID().toString().substring(0, 8);
        TestDatabase.execute("REVOKE INSERT ON audit_entry FROM pactum_app");
        try {
            given().auth()
                    .oauth2(Tokens.admin())
                    .when()
                    .get("/api/v1/audit")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:pactum:problem:audit-unavailable"))
                    .body("entries", nullValue())
                    .body("errorId", not(nullValue()));
            given().auth()
                    .oauth2(Tokens.admin())
                    .contentType(ContentType.JSON)
                    .body(
                            Map.of(
                                    "code",
                                    code,
                                    "name",
                                    "Unaudited",
                                    "type",
                                    "PRISON",
                                    "areas",
                                    List.of("E08000027")))
                    .when()
                    .post("/api/v1/organisations")
                    .then()
                    .statusCode(503);
        } finally {
            TestDatabase.execute("GRANT INSERT ON audit_entry TO pactum_app");
        }
        // The action the failed entry would have recorded did not happen either.
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM organisation WHERE code = ?", code))
                .isZero();
        given().auth()
                .oauth2(Tokens.admin())
                .when()
                .get("/api/v1/audit?limit=1")
                .then()
                .statusCode(200);
    }

    @Test
    void auditMetricsCountWritesAndFailures() {
        given().auth()
                .oauth2(Tokens.igLead("dudley-mbc"))
                .when()
                .get("/api/v1/audit/head")
                .then()
                .statusCode(200);
        // In @QuarkusTests metrics are on the test port (the jar serves them on the management
        // port).
        String metrics =
                given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("pactum_audit_entries_written_total")
                .contains("pactum_audit_failures_total");
    }

    @Test
    void anEditedEntryWhoseHashWasRecomputedIsCaughtByItsLeaf() throws Exception {
        long target = newEntry();
        newEntry();
        String line =
                given().auth()
                        .oauth2(Tokens.admin())
                        .queryParam("fromSeq", target)
                        .queryParam("toSeq", target)
                        .when()
                        .get("/api/v1/audit/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()
                        .trim();
        var sorted =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .configure(
                                com.fasterxml.jackson.databind.SerializationFeature
                                        .ORDER_MAP_ENTRIES_BY_KEYS,
                                true);
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = sorted.readValue(line, java.util.TreeMap.class);
        String original = (String) entry.remove("hash");
        entry.put("reason", "rewritten");
        String forged =
                java.util.HexFormat.of()
                        .formatHex(
                                java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(
                                                sorted.writeValueAsString(entry)
                                                        .getBytes(
                                                                java.nio.charset.StandardCharsets
                                                                        .UTF_8)));
        try (Connection c = TestDatabase.superuser();
                var st = c.createStatement()) {
            st.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
            try {
                st.execute(
                        "UPDATE audit_entry SET reason = 'rewritten', hash = '"
                                + forged
                                + "' WHERE seq = "
                                + target);
                JsonPath result = verify();
                assertThat(result.getBoolean("valid")).isFalse();
                assertThat(result.getLong("firstBrokenSeq")).isEqualTo(target);
                assertThat(result.getString("problem")).contains("leaf");
            } finally {
                st.execute(
                        "UPDATE audit_entry SET reason = NULL, hash = '"
                                + original
                                + "' WHERE seq = "
                                + target);
                st.execute(
                        "ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");
            }
        }
        JsonPath after = verify();
        assertThat(after.getBoolean("valid")).as(after.prettify()).isTrue();
    }

    @Test
    void aTruncatedTailIsReportedAtTheFirstMissingSequence() throws Exception {
        newEntry();
        long last = newEntry();
        long first = last - 1;
        try (Connection c = TestDatabase.superuser();
                var st = c.createStatement()) {
            st.execute(
                    "CREATE TEMP TABLE tail AS SELECT * FROM audit_entry WHERE seq BETWEEN "
                            + first
                            + " AND "
                            + last);
            st.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
            try {
                st.execute("DELETE FROM audit_entry WHERE seq BETWEEN " + first + " AND " + last);
                JsonPath result = verify();
                assertThat(result.getBoolean("valid")).isFalse();
                assertThat(result.getLong("firstBrokenSeq")).isEqualTo(first);
            } finally {
                st.execute("INSERT INTO audit_entry SELECT * FROM tail");
                st.execute(
                        "ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");
            }
        }
        JsonPath after = verify();
        assertThat(after.getBoolean("valid")).as(after.prettify()).isTrue();
    }

    @Test
    void aRolledBackCheckpointHeadIsReportedAndAuditedActionsCarryOn() throws Exception {
        newEntry();
        long seq = newEntry();
        long headSize = TestDatabase.queryLong("SELECT max(tree_size) FROM audit_checkpoint");
        long keep =
                TestDatabase.queryLong(
                        "SELECT max(tree_size) FROM audit_checkpoint WHERE tree_size < ?", seq);
        assertThat(headSize).isGreaterThanOrEqualTo(seq);
        try (Connection c = TestDatabase.superuser();
                var st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE rolled AS SELECT * FROM audit_checkpoint WITH NO DATA");
            st.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only");
            try {
                // Keeps exactly the rows it deletes (the integrator may sign one meanwhile), so
                // that the finally block restores the head the test found.
                st.execute(
                        "WITH gone AS (DELETE FROM audit_checkpoint WHERE tree_size > "
                                + keep
                                + " RETURNING *) INSERT INTO rolled SELECT * FROM gone");
                // Appending does not depend on the head: audited work goes on (no 503).
                given().auth()
                        .oauth2(Tokens.igLead("dudley-mbc"))
                        .when()
                        .get("/api/v1/audit?limit=1")
                        .then()
                        .statusCode(200);
                JsonPath result = verify();
                assertThat(result.getBoolean("valid")).isFalse();
                assertThat(result.getLong("firstBrokenSeq")).isEqualTo(keep + 1);
                assertThat(result.getString("problem")).contains("rolled back");
            } finally {
                st.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_grows");
                st.execute(
                        "INSERT INTO audit_checkpoint SELECT * FROM rolled ON CONFLICT DO NOTHING");
                st.execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_grows");
                st.execute(
                        "ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_append_only");
            }
        }
        newEntry();
        JsonPath after = verify();
        assertThat(after.getBoolean("valid")).as(after.prettify()).isTrue();
    }

    @Test
    void anEditedCheckpointHeadIsReportedAtItsSizeNotA503() throws Exception {
        newEntry();
        long size = TestDatabase.queryLong("SELECT max(tree_size) FROM audit_checkpoint");
        try (Connection c = TestDatabase.superuser();
                var st = c.createStatement()) {
            st.execute(
                    "CREATE TEMP TABLE edited AS SELECT * FROM audit_checkpoint WHERE tree_size = "
                            + size);
            st.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only");
            try {
                // A forged root, written into the note's root line too (the signature no longer
                // covers it).
                st.execute(
                        "UPDATE audit_checkpoint SET root_hash = sha256('forged'::bytea),"
                                + " note = replace(note, encode(root_hash, 'base64'),"
                                + " encode(sha256('forged'::bytea), 'base64')) WHERE tree_size = "
                                + size);
                given().auth()
                        .oauth2(Tokens.igLead("dudley-mbc"))
                        .when()
                        .get("/api/v1/audit?limit=1")
                        .then()
                        .statusCode(200);
                JsonPath result = verify();
                assertThat(result.getBoolean("valid")).isFalse();
                assertThat(result.getLong("firstBrokenSeq")).isEqualTo(size);
                assertThat(result.getString("problem")).contains("checkpoint");
            } finally {
                st.execute(
                        "UPDATE audit_checkpoint c SET root_hash = e.root_hash, note = e.note"
                                + " FROM edited e WHERE c.tree_size = e.tree_size");
                st.execute(
                        "ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_append_only");
            }
        }
        JsonPath after = verify();
        assertThat(after.getBoolean("valid")).as(after.prettify()).isTrue();
    }

    @Test
    void movingTheOldChainHeadIsReportedNotA503() throws Exception {
        long target = newEntry();
        try (Connection c = TestDatabase.superuser();
                var st = c.createStatement()) {
            st.execute("ALTER TABLE audit_head DISABLE TRIGGER audit_head_frozen");
            try {
                st.execute("UPDATE audit_head SET seq = " + target + ", hash = repeat('f', 64)");
                given().auth()
                        .oauth2(Tokens.igLead("dudley-mbc"))
                        .when()
                        .get("/api/v1/audit?limit=1")
                        .then()
                        .statusCode(200);
                JsonPath result = verify();
                assertThat(result.getBoolean("valid")).isFalse();
                assertThat(result.getLong("firstBrokenSeq")).isEqualTo(target);
            } finally {
                st.execute("UPDATE audit_head SET seq = 0, hash = repeat('0', 64)");
                st.execute("ALTER TABLE audit_head ENABLE TRIGGER audit_head_frozen");
            }
        }
        JsonPath after = verify();
        assertThat(after.getBoolean("valid")).as(after.prettify()).isTrue();
    }
}
