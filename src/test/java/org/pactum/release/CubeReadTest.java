package org.pactum.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Date;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.support.Agreements;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Which store answers (issue 14): a count of rows adds up the cube's cells; distinct persons read
 * feed_row. Shown by adding 1,000 rows to one month's cells in the cube alone: the rows table sees
 * them, the persons table does not.
 */
@QuarkusTest
class CubeReadTest {

    private static final String POLICE = "police-recorded-violence";

    @Test
    void countsOfRowsReadTheCubeWhilePersonsReadTheRows() throws Exception {
        // A month no other test writes: the rows planted here must not land in another test's
        // cells (a random month in 2090-2098 once added 40 rows to DisclosureAttackTest's).
        YearMonth month = YearMonth.of(2089, 6);
        pushFortyWomen(month, 14);

        // Council x month x age band x sex shapes read the coarser cube; anything finer (here
        // ethnicity) reads the finest cube; persons read the rows. Each is shown by planting 1,000
        // extra rows in one source and seeing which answers move.
        assertThat(released("sex", "F", month, "rows")).isBetween(30L, 50L);
        assertThat(released("ethnicity", "W1", month, "rows")).isBetween(30L, 50L);
        plant("release_cube_core", month, 1000);
        try {
            assertThat(released("sex", "F", month, "rows")).isGreaterThan(1000);
            assertThat(released("ethnicity", "W1", month, "rows")).isBetween(30L, 50L);
            assertThat(released("sex", "F", month, "persons")).isBetween(30L, 50L);
        } finally {
            plant("release_cube_core", month, -1000);
        }
        plant("release_cube", month, 1000);
        try {
            assertThat(released("ethnicity", "W1", month, "rows")).isGreaterThan(1000);
            assertThat(released("sex", "F", month, "rows")).isBetween(30L, 50L);
        } finally {
            plant("release_cube", month, -1000);
        }
    }

    /**
     * Releases read this instance's copy of the cube while the feed's cube version stands: a change
     * to the table that no rebuild announced is not seen, and the next bump of the version brings
     * it in.
     */
    @Test
    void theCopyOfTheCubeFollowsTheCubeVersion() throws Exception {
        YearMonth month = YearMonth.of(2089, 9);
        pushFortyWomen(month, 15);
        assertThat(released("sex", "F", month, "rows")).isBetween(30L, 50L);
        plantUnannounced("release_cube_core", month, 1000);
        try {
            assertThat(released("sex", "F", month, "rows")).isBetween(30L, 50L);
            TestDatabase.execute(
                    "UPDATE release_cube_version SET version = version + 1 WHERE feed = '"
                            + POLICE
                            + "'");
            assertThat(released("sex", "F", month, "rows")).isGreaterThan(1000);
        } finally {
            plant("release_cube_core", month, -1000);
        }
        assertThat(released("sex", "F", month, "rows")).isBetween(30L, 50L);
    }

    /** 40 rows in {@code month}, all white British women of 30, with references of {@code tag}. */
    private static void pushFortyWomen(YearMonth month, int tag) {
        StringBuilder body = new StringBuilder(SyntheticData.POLICE_HEADER).append('\n');
        for (int i = 0; i < 40; i++) {
            body.append(
                            String.format(
                                    "2025/CR/%d/%d,P%d%d,,8N,violence-with-injury,false,false,false,%s,E01090003,,,30,F,W1",
                                    tag, i, tag, i, month.atDay(10) + "T12:00"))
                    .append('\n');
        }
        Extracts.push(POLICE, Extracts.period(tag), body.toString()).then().statusCode(201);
    }

    /** Changes one month's cells as a rebuild would, bumping the feed's cube version. */
    private static void plant(String table, YearMonth month, int rows) throws Exception {
        plantUnannounced(table, month, rows);
        TestDatabase.execute(
                "UPDATE release_cube_version SET version = version + 1 WHERE feed = '"
                        + POLICE
                        + "'");
    }

    /** Changes one month's cells without bumping the version: no writer does this. */
    private static void plantUnannounced(String table, YearMonth month, int rows) throws Exception {
        TestDatabase.execute(
                "UPDATE "
                        + table
                        + " SET rows = rows + "
                        + rows
                        + " WHERE feed = '"
                        + POLICE
                        + "' AND event_month = '"
                        + Date.valueOf(month.atDay(1))
                        + "'");
    }

    /** The released count of one category in a fresh agreement's table (fresh history). */
    private static long released(
            String dimension, String category, YearMonth month, String measure) {
        String agreement = Agreements.active(ReleaseTest.aggregateContent());
        JsonPath table =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .contentType(ContentType.JSON)
                        .body(
                                Map.of(
                                        "feed",
                                        POLICE,
                                        "dimensions",
                                        List.of(dimension),
                                        "from",
                                        month.toString(),
                                        "to",
                                        month.toString(),
                                        "measure",
                                        measure))
                        .post("/api/v1/agreements/" + agreement + "/aggregates")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        // Every row is a white British woman's: that cell holds them all (the total equals it,
        // so it is withheld as a near neighbour).
        List<Map<String, Object>> cells = table.getList("cells");
        return cells.stream()
                .filter(c -> category.equals(((Map<?, ?>) c.get("key")).get(dimension)))
                .mapToLong(c -> ((Number) c.get("count")).longValue())
                .findFirst()
                .orElseThrow();
    }
}
