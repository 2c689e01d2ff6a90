package org.pactum.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.pactum.agreement.AgreementService;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.cube.CubeService;

/**
 * Retention: rows whose event month is older than the governing agreements' retention period are
 * deleted (DESIGN.md: expiry of the retention period deletes the data it governs), and every purge
 * is in the audit trail. Runs on a schedule on every instance; the deletes are idempotent.
 */
@ApplicationScoped
public class RetentionService {

    @Inject AgroalDataSource dataSource;

    @Inject AgreementService agreements;

    @Inject AuditLog audit;

    @Inject CubeService cubes;

    /** One provider's feed and what a purge removed from it. */
    public record Purge(
            String provider,
            String feed,
            LocalDate keptFrom,
            int retentionMonths,
            long rowsDeleted) {}

    @Scheduled(
            every = "${pactum.retention.check-every:6h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        purge(AgreementService.today());
    }

    @Transactional
    public List<Purge> purge(LocalDate today) {
        List<Purge> done = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (String[] pf : providerFeeds(c)) {
                Optional<AgreementService.Retention> retention = agreements.retention(pf[0], pf[1]);
                if (retention.isEmpty()) {
                    continue;
                }
                LocalDate keptFrom = today.withDayOfMonth(1).minusMonths(retention.get().months());
                long deleted;
                Collection<Long> touched = cubes.before(c, pf[0], pf[1], Date.valueOf(keptFrom));
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "DELETE FROM feed_row WHERE provider = ? AND feed = ? AND event_month < ?")) {
                    ps.setString(1, pf[0]);
                    ps.setString(2, pf[1]);
                    ps.setDate(3, Date.valueOf(keptFrom));
                    deleted = ps.executeUpdate();
                }
                cubes.rebuild(c, touched);
                if (deleted > 0) {
                    Purge purge =
                            new Purge(pf[0], pf[1], keptFrom, retention.get().months(), deleted);
                    audit.append(
                            Actor.system("retention"),
                            AuditEvent.allowed("retention.purge", "feed:" + pf[1])
                                    .with("provider", pf[0])
                                    .with("keptFrom", keptFrom.toString())
                                    .with("retentionMonths", purge.retentionMonths())
                                    .with("rowsDeleted", deleted)
                                    .concerning(retention.get().parties()));
                    done.add(purge);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Retention purge failed", e);
        }
        return done;
    }

    private static List<String[]> providerFeeds(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT DISTINCT provider, feed FROM submission WHERE status = 'ACCEPTED'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return out;
    }
}
