package org.pactum.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit table directly, to check what a request left behind. */
public final class AuditTrail {

    public record Row(
            long seq,
            String action,
            String outcome,
            String actorOrganisation,
            String target,
            String reason) {}

    private AuditTrail() {}

    /**
     * The last seq handed out (committed or not), so that {@link #since} never returns an {@code
     * audit.void} entry filling a seq some earlier action reserved and rolled back.
     */
    public static long head() throws SQLException {
        return TestDatabase.queryLong(
                "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM audit_entry_seq");
    }

    /** Entries after {@code afterSeq}, oldest first. */
    public static List<Row> since(long afterSeq) throws SQLException {
        try (Connection c = TestDatabase.superuser();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT seq, action, outcome, actor_organisation, target, reason FROM audit_entry WHERE seq > ? ORDER BY seq")) {
            ps.setLong(1, afterSeq);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(
                            new Row(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6)));
                }
            }
            return rows;
        }
    }
}
