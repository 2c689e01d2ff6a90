package org.pactum.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pactum.agreement.AgreementService;
import org.pactum.feed.FeedService;
import org.pactum.support.AuditTrail;
import org.pactum.support.CubeTruth;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;

/** Rows older than the agreements' retention period are purged, and the purge is audited. */
@QuarkusTest
class RetentionTest {

    @Inject RetentionService retention;

    @Inject AgroalDataSource dataSource;

    @Inject FeedService feeds;

    @Test
    void rowsPastRetentionArePurgedAndThePurgeIsAudited() throws Exception {
        LocalDate today = AgreementService.today();
        // Older than any agreement's retention here (the demo's longest is 36 months, the tests'
        // 24).
        String old = today.minusMonths(80).withDayOfMonth(10) + "T12:00";
        String recent = today.minusMonths(2).withDayOfMonth(10) + "T12:00";
        String row =
                "2025/CR/4/%d,P4%d,,8N,violence-with-injury,false,false,false,%s,E01090003,,,30,F,W1";
        String body =
                org.pactum.demo.SyntheticData.POLICE_HEADER
                        + "\n"
                        + String.format(row, 1, 1, old)
                        + "\n"
                        + String.format(row, 2, 2, recent)
                        + "\n";
        long id =
                Extracts.push("police-recorded-violence", Extracts.period(5), body)
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        long before = AuditTrail.head();
        String oldCells =
                "SELECT count(*) FROM release_cube WHERE submission_id = ? AND event_month < ?";
        java.sql.Date keptFrom = java.sql.Date.valueOf(today.withDayOfMonth(1).minusMonths(36));
        assertThat(TestDatabase.queryLong(oldCells, id, keptFrom)).isEqualTo(1);

        List<RetentionService.Purge> purges = retention.purge(today);
        // The cube follows (issue 14): the old month's cell is gone, the rest equals the rows.
        assertThat(TestDatabase.queryLong(oldCells, id, keptFrom)).isZero();
        CubeTruth.assertCubeMatchesRows(dataSource, feeds);

        assertThat(purges)
                .anySatisfy(
                        p -> {
                            assertThat(p.provider()).isEqualTo("wm-police");
                            assertThat(p.feed()).isEqualTo("police-recorded-violence");
                            assertThat(p.retentionMonths()).isBetween(24, 36);
                            assertThat(p.rowsDeleted()).isGreaterThanOrEqualTo(1);
                        });
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM feed_row WHERE submission_id = ?", id))
                .isEqualTo(1);
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM feed_row WHERE provider = 'wm-police' AND feed = 'police-recorded-violence' "
                                        + "AND event_month < ?",
                                java.sql.Date.valueOf(today.withDayOfMonth(1).minusMonths(36))))
                .isZero();
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("retention.purge");
                            assertThat(r.target()).isEqualTo("feed:police-recorded-violence");
                        });
        assertThat(retention.purge(today))
                .noneMatch(
                        p ->
                                p.provider().equals("wm-police")
                                        && p.feed().equals("police-recorded-violence"));
    }
}
