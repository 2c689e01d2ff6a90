package org.pactum.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.support.Agreements;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * A table asked for again reuses its release-history outcome only while the recipient's history is
 * unchanged (issue 14, AggregateHistory): a write of that history by any release, on any instance,
 * makes the next one check in full again.
 */
@QuarkusTest
class HistoryReuseTest {

    private static final String POLICE = "police-recorded-violence";

    private static List<Object> cells(String agreement, List<String> dimensions) {
        return given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .contentType(ContentType.JSON)
                .body(Map.of("feed", POLICE, "dimensions", dimensions, "includeTotals", true))
                .post("/api/v1/agreements/" + agreement + "/aggregates")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("cells");
    }

    /** Per release under the agreement, in order: [historyReused, historyEntriesRecorded]. */
    private static List<String> audited(String agreement) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = TestDatabase.superuser();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT detail->>'historyReused', detail->>'historyEntriesRecorded'"
                                        + " FROM audit_entry WHERE agreement_id = ?"
                                        + " AND action = 'release.aggregate' AND outcome = 'ALLOWED'"
                                        + " ORDER BY seq")) {
            ps.setString(1, agreement);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + (Integer.parseInt(rs.getString(2)) > 0 ? "+" : "="));
                }
            }
        }
        return out;
    }

    @Test
    void aRepeatedTableReusesItsOutcomeOnlyWhileTheHistoryIsUnchanged() throws Exception {
        Extracts.push(POLICE, Extracts.period(1), Extracts.police(400)).then().statusCode(201);
        String agreement = Agreements.active(ReleaseTest.aggregateContent());
        List<String> table = List.of("localAuthority", "sex");
        List<Object> first = cells(agreement, table);
        List<Object> second = cells(agreement, table);
        List<Object> third = cells(agreement, table);
        // First: checked in full and recorded; then the history is as the first left it, so the
        // outcome it leaves (the same cells, nothing new to record) is reused.
        assertThat(audited(agreement)).containsExactly("false+", "true=", "true=");
        assertThat(third).isEqualTo(second).isEqualTo(first);

        // Another instance's release writing this recipient's history: the version moves.
        TestDatabase.execute(
                "UPDATE release_history_version SET version = version + 1 WHERE agreement_id = '"
                        + agreement
                        + "'");
        assertThat(cells(agreement, table)).isEqualTo(second);
        cells(agreement, table);
        assertThat(audited(agreement).subList(3, 5)).containsExactly("false=", "true=");

        // Another table for the same recipient records new history: the first is checked again.
        cells(agreement, List.of("ageBand"));
        assertThat(cells(agreement, table)).isEqualTo(second);
        cells(agreement, table);
        assertThat(audited(agreement).subList(5, 8)).containsExactly("false+", "false=", "true=");

        // The version counts the releases that wrote history (plus the one bump above).
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT version FROM release_history_version WHERE agreement_id = ?",
                                agreement))
                .isEqualTo(audited(agreement).stream().filter(a -> a.endsWith("+")).count() + 1);
    }

    @Test
    void aReleaseThatRolledBackLeavesNothingRemembered() throws Exception {
        Extracts.push(POLICE, Extracts.period(2), Extracts.police(300)).then().statusCode(201);
        String agreement = Agreements.active(ReleaseTest.aggregateContent());
        List<String> table = List.of("localAuthority", "sex");
        // The release checks and records its history, then cannot write its audit entry: the
        // whole transaction, history and version included, rolls back.
        TestDatabase.execute("REVOKE INSERT ON audit_entry FROM pactum_app");
        try {
            given().auth()
                    .oauth2(Tokens.analyst("dudley-mbc"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("feed", POLICE, "dimensions", table, "includeTotals", true))
                    .post("/api/v1/agreements/" + agreement + "/aggregates")
                    .then()
                    .statusCode(503);
        } finally {
            TestDatabase.execute("GRANT INSERT ON audit_entry TO pactum_app");
        }
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM release_history WHERE agreement_id = ?",
                                agreement))
                .isZero();
        // Another table's release now takes the history to the version the rolled-back one
        // would have left. The first table must still be checked in full and recorded.
        cells(agreement, List.of("ageBand"));
        cells(agreement, table);
        assertThat(audited(agreement)).containsExactly("false+", "false+");
    }
}
