package org.pactum.cube;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pactum.feed.FeedService;
import org.pactum.support.CubeTruth;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * The release cube (issue 14) follows feed_row through every change of rows: a push, a replacing
 * push, a withdrawal and the start-up build of submissions stored before the cube existed. Each
 * step is checked against an independent GROUP BY over feed_row (the record hash backfill, the
 * retention purge and the subject paths are checked in their own tests).
 */
@QuarkusTest
class CubeTest {

    @Inject AgroalDataSource dataSource;

    @Inject FeedService feeds;

    @Inject CubeBackfill backfill;

    @Test
    void aPushAReplacementAndAWithdrawalKeepTheCubeEqualToTheRows() throws Exception {
        String period = Extracts.period(3);
        long first = push(period, 120);
        assertThat(cells(first)).isPositive();
        CubeTruth.assertCubeMatchesRows(dataSource, feeds);

        long second = push(period, 80);
        assertThat(cells(first)).as("the replaced submission's cells").isZero();
        assertThat(cells(second)).isPositive();
        CubeTruth.assertCubeMatchesRows(dataSource, feeds);

        given().auth()
                .oauth2(Tokens.igLead("wm-police"))
                .delete("/api/v1/submissions/" + second)
                .then()
                .statusCode(200);
        assertThat(cells(second)).as("the withdrawn submission's cells").isZero();
        CubeTruth.assertCubeMatchesRows(dataSource, feeds);
    }

    @Test
    void cellsAddedUpAsEachFeedsRowsArriveEqualTheGroupByOfTheStoredRows() throws Exception {
        // Every feed's attributes (coded, boolean, optional and absent), one push each.
        for (String feed :
                List.of(
                        "police-recorded-violence",
                        "ed-assault-attendances",
                        "youth-justice-disposals",
                        "school-exclusions",
                        "probation-caseload")) {
            Extracts.push(feed, Extracts.period(5), Extracts.csv(feed, 150)).then().statusCode(201);
        }
        // Rows skipped as invalid are in no cell: the cells are of the rows stored.
        String csv = Extracts.police(40);
        String[] lines = csv.split("\n");
        lines[3] = lines[3].replaceFirst(",(true|false),", ",maybe,");
        lines[7] = lines[7].replaceFirst(",(true|false),", ",maybe,");
        long id =
                given().auth()
                        .oauth2(Tokens.of("wm-police", "submitter"))
                        .contentType("text/csv")
                        .body(String.join("\n", lines) + "\n")
                        .post(
                                "/api/v1/feeds/police-recorded-violence/submissions?period="
                                        + Extracts.period(6)
                                        + "&invalidRows=skip")
                        .then()
                        .statusCode(201)
                        .body("rowsStored", equalTo(38))
                        .extract()
                        .jsonPath()
                        .getLong("id");
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT sum(rows) FROM release_cube WHERE submission_id = ?", id))
                .isEqualTo(38);
        CubeTruth.assertCubeMatchesRows(dataSource, feeds);
    }

    @Test
    void theStartUpBuildGivesSubmissionsStoredBeforeTheCubeTheirCells() throws Exception {
        long id = push(Extracts.period(7), 60);
        try (Connection c = TestDatabase.superuser()) {
            // As before V190: a stored submission without cells, queued by the migration.
            update(c, "DELETE FROM release_cube WHERE submission_id = ?", id);
            update(c, "INSERT INTO release_cube_pending VALUES (?)", id);
        }
        assertThat(cells(id)).isZero();
        assertThat(backfill.drain()).isEqualTo(1);
        assertThat(cells(id)).isPositive();
        CubeTruth.assertCubeMatchesRows(dataSource, feeds);
    }

    private static long push(String period, int rows) {
        return Extracts.push("police-recorded-violence", period, Extracts.police(rows))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static long cells(long submission) throws Exception {
        return TestDatabase.queryLong(
                "SELECT count(*) FROM release_cube WHERE submission_id = ?", submission);
    }

    private static void update(Connection c, String sql, long id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
