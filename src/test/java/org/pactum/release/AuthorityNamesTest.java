package org.pactum.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pactum.support.Agreements;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Council names beside ONS codes in aggregates (issue 17): the names the loaded ONS lookup gives,
 * else the partnership organisation whose one area the code is. Expectations come from the tables
 * by this test's own SQL.
 */
@QuarkusTest
class AuthorityNamesTest {

    private static final String POLICE = "police-recorded-violence";
    private static String agreement;

    /** Runs once the application is up (a static @BeforeAll would run before it listens). */
    @BeforeEach
    void setUp() {
        if (agreement != null) {
            return;
        }
        Map<String, Object> content = Agreements.recordContent();
        content.put("title", "Names beside codes");
        content.put("releaseLevel", "AGGREGATE");
        // Pseudonymised ids are released at RECORD level only.
        Map<?, ?> rules = (Map<?, ?>) content.get("fieldRules");
        ((Map<?, ?>) rules.get(POLICE)).remove("victim_id");
        ((Map<?, ?>) rules.get("youth-justice-disposals")).remove("child_id");
        agreement = Agreements.active(content);
        Extracts.push(POLICE, Extracts.period(1), Extracts.police(600)).then().statusCode(201);
    }

    private static io.restassured.response.Response table(List<String> dimensions, String type) {
        return given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .contentType(ContentType.JSON)
                .accept(type)
                .body(Map.of("feed", POLICE, "dimensions", dimensions))
                .post("/api/v1/agreements/" + agreement + "/aggregates");
    }

    /** What the names must be, straight from the organisation and local_authority tables. */
    private static Map<String, String> expectedNames(List<String> codes) throws Exception {
        Map<String, String> names = new HashMap<>();
        try (Connection c = TestDatabase.superuser()) {
            try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT areas[1], name FROM organisation"
                                            + " WHERE cardinality(areas) = 1 ORDER BY code");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.putIfAbsent(rs.getString(1), rs.getString(2));
                }
            }
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT code, name FROM local_authority");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        Map<String, String> wanted = new TreeMap<>();
        codes.stream().filter(names::containsKey).forEach(k -> wanted.put(k, names.get(k)));
        return wanted;
    }

    @Test
    void aTableByLocalAuthorityNamesEachCouncil() throws Exception {
        JsonPath body =
                table(List.of("localAuthority"), "application/json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<String> codes = body.getList("cells.key.localAuthority", String.class);
        assertThat(codes).isNotEmpty();
        Map<String, String> expected = expectedNames(codes);
        assertThat(expected).isNotEmpty();
        assertThat(body.getMap("names", String.class, String.class))
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void theOnsLookupsNameComesFirst() throws Exception {
        List<String> codes =
                table(List.of("localAuthority"), "application/json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("cells.key.localAuthority", String.class);
        String code = codes.get(0);
        String name = "Council " + UUID.randomUUID();
        String before = null;
        try (Connection c = TestDatabase.superuser();
                PreparedStatement ps =
                        c.prepareStatement("SELECT name FROM local_authority WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                before = rs.next() ? rs.getString(1) : null;
            }
        }
        upsert(code, name);
        try {
            String csv =
                    table(List.of("localAuthority"), "text/csv")
                            .then()
                            .statusCode(200)
                            .header(
                                    "Content-Disposition",
                                    "attachment; filename=\"aggregate-" + POLICE + ".csv\"")
                            .extract()
                            .asString();
            List<String> lines = csv.lines().toList();
            assertThat(lines.get(0)).isEqualTo("localAuthority,localAuthorityName,count");
            assertThat(lines).anyMatch(l -> l.startsWith(code + "," + name + ","));
            Map<String, String> expected = expectedNames(codes);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                assertThat(cells[1]).as(line).isEqualTo(expected.getOrDefault(cells[0], ""));
            }
        } finally {
            if (before == null) {
                TestDatabase.execute("DELETE FROM local_authority WHERE code = '" + code + "'");
            } else {
                upsert(code, before);
            }
        }
    }

    @Test
    void aTableWithoutLocalAuthoritiesHasNoNames() {
        JsonPath body =
                table(List.of("sex"), "application/json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(body.getMap("names")).isNull();
    }

    private static void upsert(String code, String name) throws Exception {
        try (Connection c = TestDatabase.superuser();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO local_authority (code, name) VALUES (?, ?)"
                                        + " ON CONFLICT (code) DO UPDATE SET name = excluded.name")) {
            ps.setString(1, code);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }
}
