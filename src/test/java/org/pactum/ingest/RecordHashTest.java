package org.pactum.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.cube.CubeBackfill;
import org.pactum.feed.FeedService;
import org.pactum.support.CubeTruth;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;

/** Persistent record keys (issue 13): derived at ingest, kept by refreshes, backfilled alike. */
@QuarkusTest
class RecordHashTest {

    @Inject RecordHashBackfill backfill;

    @Inject CubeBackfill cubeBackfill;

    @Inject AgroalDataSource dataSource;

    @Inject FeedService feeds;

    private static Map<String, long[]> hashes(long submission) throws Exception {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (Connection c = TestDatabase.superuser();
                ResultSet rs =
                        c.createStatement()
                                .executeQuery(
                                        "SELECT attrs->>'crime_reference', record_hash, record_key FROM feed_row WHERE submission_id = "
                                                + submission)) {
            while (rs.next()) {
                out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return out;
    }

    @Test
    void everyRowGetsAKeyedRecordHashThatARefreshAndTheBackfillReproduce() throws Exception {
        String period = Extracts.period(5);
        String extract = Extracts.police(200);
        long first =
                Extracts.push("police-recorded-violence", period, extract)
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        Map<String, long[]> before = hashes(first);
        assertThat(before).hasSize(200);
        before.values().forEach(h -> assertThat(h[1]).isEqualTo(h[0] & 0xFF));
        assertThat(before.values().stream().map(h -> h[0]).distinct()).hasSize(200);

        // A refresh of the same extract keeps every record's hash.
        long second =
                Extracts.push("police-recorded-violence", period, extract)
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        Map<String, long[]> after = hashes(second);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((ref, h) -> assertThat(h[0]).isEqualTo(before.get(ref)[0]));

        // Rows stored before record hashes existed get the same hash from the backfill.
        TestDatabase.execute(
                "UPDATE feed_row SET record_hash = NULL WHERE submission_id = " + second);
        assertThat(hashes(second).values()).allSatisfy(h -> assertThat(h[0]).isZero());
        backfill.backfill(null);
        Map<String, long[]> backfilled = hashes(second);
        backfilled.forEach((ref, h) -> assertThat(h[0]).isEqualTo(before.get(ref)[0]));
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM feed_row WHERE record_hash IS NULL"))
                .isZero();
        // The cells' hash sums changed with the rows': the start-up cube build rebuilds them.
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM release_cube_pending"))
                .isPositive();
        cubeBackfill.drain();
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM release_cube_pending")).isZero();
        CubeTruth.assertCubeMatchesRows(dataSource, feeds);
    }
}
