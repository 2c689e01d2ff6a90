package org.pactum.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pactum.support.AuditTrail;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * The administrator replaces the LSOA to local authority lookup with the ONS file as published; a
 * bad file changes nothing. The lookup is shared by every test, so each test puts the one it found
 * back afterwards.
 */
@QuarkusTest
class GeographyLoadTest {

    private static final String PATH = "/api/v1/geography/lsoa";

    private Map<String, String> before;

    @BeforeEach
    void remember() throws SQLException {
        before = lookup();
    }

    @AfterEach
    void restore() throws SQLException {
        try (Connection c = TestDatabase.superuser();
                var st = c.createStatement()) {
            st.execute("BEGIN");
            st.execute("DELETE FROM lsoa_area");
            try (var ps = c.prepareStatement("INSERT INTO lsoa_area VALUES (?, ?)")) {
                for (var e : before.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            st.execute("COMMIT");
        }
    }

    private static Map<String, String> lookup() throws SQLException {
        Map<String, String> m = new TreeMap<>();
        try (Connection c = TestDatabase.superuser();
                ResultSet rs =
                        c.createStatement()
                                .executeQuery("SELECT lsoa, local_authority FROM lsoa_area")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getString(2));
            }
        }
        return m;
    }

    private static Response put(String token, String csv) {
        return given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .put(PATH);
    }

    @Test
    void theAdministratorReplacesTheLookupWithTheOnsFileAsPublished() throws SQLException {
        long seq = AuditTrail.head();
        // The ONS layout: a byte-order mark, extra columns, quoted names holding commas.
        String csv =
                "\uFEFFLSOA21CD,LSOA21NM,LAD22CD,LAD22NM,ObjectId\r\n"
                        + "E01000001,City of London 001A,E09000001,City of London,1\r\n"
                        + "E01009001,Birmingham 001A,E08000025,Birmingham,2\r\n"
                        + "W01000001,Isle of Anglesey 001A,W06000001,\"Anglesey, Isle of\",3\r\n";
        put(Tokens.admin(), csv)
                .then()
                .statusCode(200)
                .body("lsoaCount", equalTo(3))
                .body("localAuthorityCount", equalTo(3));

        assertThat(lookup())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "E01000001", "E09000001",
                                "E01009001", "E08000025",
                                "W01000001", "W06000001"));
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM local_authority WHERE code = 'W06000001' AND name = 'Anglesey, Isle of'"))
                .isOne();
        assertThat(AuditTrail.since(seq))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.action()).isEqualTo("geography.replace");
                            assertThat(r.outcome()).isEqualTo("ALLOWED");
                        });
    }

    @Test
    void aFileWithABadRowChangesNothingAndNamesLineAndColumnWithoutTheValue() throws SQLException {
        long seq = AuditTrail.head();
        String csv =
                "LSOA21CD,LAD23CD\n"
                        + "E01000001,E09000001\n"
                        + "X01SECRET9,E09000001\n"
                        + "E01000002,E99BADCODE\n"
                        + "E01000001,E09000001\n";
        Response r = put(Tokens.admin(), csv);
        r.then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:invalid-geography"))
                .body("errorCount", equalTo(3))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].field", equalTo("LSOA21CD"))
                .body("errors[1].line", equalTo(4))
                .body("errors[1].field", equalTo("LAD23CD"))
                .body("errors[2].line", equalTo(5));
        assertThat(r.asString()).doesNotContain("SECRET").doesNotContain("BADCODE");
        assertThat(lookup()).isEqualTo(before);
        assertThat(AuditTrail.since(seq))
                .singleElement()
                .satisfies(row -> assertThat(row.outcome()).isEqualTo("DENIED"));
    }

    @Test
    void aFileWithoutTheOnsColumnsIsRefused() throws SQLException {
        put(Tokens.admin(), "lsoa,local_authority\nE01000001,E09000001\n")
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("header"));
        put(Tokens.admin(), "LSOA21CD,LAD22CD\n")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:invalid-geography"));
        put(Tokens.admin(), "")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:invalid-geography"));
        assertThat(lookup()).isEqualTo(before);
    }

    @Test
    void onlyTheAdministratorMayReplaceTheLookup() throws SQLException {
        long seq = AuditTrail.head();
        String csv = "LSOA21CD,LAD22CD\nE01000001,E09000001\n";
        put(Tokens.igLead("wm-police"), csv).then().statusCode(403);
        put(Tokens.analyst("dudley-mbc"), csv).then().statusCode(403);
        given().contentType("text/csv").body(csv).put(PATH).then().statusCode(401);
        assertThat(lookup()).isEqualTo(before);
        assertThat(AuditTrail.since(seq))
                .filteredOn(row -> row.actorOrganisation() != null)
                .extracting(AuditTrail.Row::actorOrganisation, AuditTrail.Row::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("wm-police", "DENIED"),
                        org.assertj.core.groups.Tuple.tuple("dudley-mbc", "DENIED"));
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() throws SQLException {
        byte[] body =
                "LSOA21CD,LAD22CD\nE01000001,E0900000\u00e9\n"
                        .getBytes(StandardCharsets.ISO_8859_1);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("text/csv")
                .body(body)
                .put(PATH)
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:invalid-geography"));
        assertThat(lookup()).isEqualTo(before);
    }
}
