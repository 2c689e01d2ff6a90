package org.pactum.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The releases the trail records for one provider's feed since a time: what a data subject request
 * reports as having possibly included the person's rows (UK GDPR Art 15(1)(c): the recipients to
 * whom the data have been disclosed). Read-only; callers audit their own use of it.
 */
@ApplicationScoped
public class ReleaseTrail {

    /** One allowed release entry: aggregate or record extract, with its period if it had one. */
    public record Release(
            long seq,
            Instant time,
            String action,
            String agreementId,
            String recipient,
            String feed,
            String from,
            String to) {}

    @Inject AgroalDataSource dataSource;

    /**
     * Allowed releases of {@code feed} (alone or as the linked feed) concerning {@code provider}
     * after {@code since}, oldest first.
     */
    public List<Release> releasesOf(String feed, String provider, Instant since) {
        String sql =
                """
                SELECT seq, occurred_at, action, agreement_id, actor_organisation, detail->>'from', detail->>'to'
                FROM audit_entry
                WHERE outcome = 'ALLOWED' AND action IN ('release.aggregate', 'release.records')
                  AND (detail->>'feed' = ? OR detail->>'linkedFeed' = ?)
                  AND concerning @> ARRAY[?]::text[] AND occurred_at >= ?
                ORDER BY seq
                """;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, feed);
            ps.setString(2, feed);
            ps.setString(3, provider);
            ps.setTimestamp(4, Timestamp.from(since));
            List<Release> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new Release(
                                    rs.getLong(1),
                                    rs.getTimestamp(2).toInstant(),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    feed,
                                    rs.getString(6),
                                    rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }
}
