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
import java.util.concurrent.ThreadLocalRandom;
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
        YearMonth month =
                YearMonth.of(
                        2090 + ThreadLocalRandom.current().nextInt(9),
                        1 + ThreadLocalRandom.current().nextInt(12));
        StringBuilder body = new StringBuilder(SyntheticData.POLICE_HEADER).append('\n');
        String row =
                "2025/CR/14/%d,P14%d,,8N,violence-with-injury,false,false,false,%s,E01090003,,,30,F,W1";
        for (int i = 0; i < 40; i++) {
            body.append(String.format(row, i, i, month.atDay(10) + "T12:00")).append('\n');
        }
        Extracts.push(POLICE, Extracts.period(9), body.toString()).then().statusCode(201);

        long before = released(List.of("sex"), month, "rows");
        assertThat(before).isBetween(30L, 50L);
        TestDatabase.execute(
                "UPDATE release_cube SET rows = rows + 1000 WHERE feed = '"
                        + POLICE
                        + "' AND event_month = '"
                        + Date.valueOf(month.atDay(1))
                        + "'");
        try {
            assertThat(released(List.of("sex"), month, "rows")).isGreaterThan(1000);
            assertThat(released(List.of("sex"), month, "persons")).isBetween(30L, 50L);
        } finally {
            TestDatabase.execute(
                    "UPDATE release_cube SET rows = rows - 1000 WHERE feed = '"
                            + POLICE
                            + "' AND event_month = '"
                            + Date.valueOf(month.atDay(1))
                            + "'");
        }
    }

    /** The released count of women in a fresh agreement's table (fresh release history). */
    private static long released(List<String> dimensions, YearMonth month, String measure) {
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
                                        dimensions,
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
        // Every row is a woman's: the F cell holds them all (the total equals it, so it is
        // withheld as a near neighbour).
        List<Map<String, Object>> cells = table.getList("cells");
        return cells.stream()
                .filter(c -> "F".equals(((Map<?, ?>) c.get("key")).get("sex")))
                .mapToLong(c -> ((Number) c.get("count")).longValue())
                .findFirst()
                .orElseThrow();
    }
}
