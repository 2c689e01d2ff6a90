package org.pactum.cube;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;

/**
 * Keeps the cube equal to feed_row: every writer of feed_row rebuilds the submissions it touched,
 * on its own connection and so in its own transaction, after its change. A rebuild replaces a
 * submission's cells with a GROUP BY over its unrestricted rows; rebuilds of one submission are
 * serialised by a transaction-scoped advisory lock, so each reads the rows the one before it
 * committed. A push writes a new submission's cells itself, added up as its rows arrived (no other
 * transaction can see that submission yet), and says so with {@link #cellsAdded}.
 */
@ApplicationScoped
public class CubeService {

    /** The advisory lock space of rebuilds ("PCUB"); the second key is the id mod 2^31. */
    static final int LOCK_SPACE = 0x50_43_55_42;

    @Inject FeedService feeds;

    /** Rebuilds the cells of each of {@code submissionIds}. */
    public void rebuild(Connection c, Collection<Long> submissionIds) throws SQLException {
        Set<String> touched = new TreeSet<>();
        for (long id : new TreeSet<>(submissionIds)) {
            touched.addAll(rebuildCells(c, id));
        }
        bumpVersions(c, touched);
    }

    /** Replaces a submission's cells with the GROUP BY of its unrestricted rows. */
    public void rebuild(Connection c, long submissionId) throws SQLException {
        bumpVersions(c, rebuildCells(c, submissionId));
    }

    /**
     * Tells every instance that a new submission's cells, written by its push, are in the feed's
     * cube.
     */
    public void cellsAdded(Connection c, String feed) throws SQLException {
        bumpVersions(c, Set.of(feed));
    }

    /** Rebuilds one submission's cells; returns the feeds whose cells changed. */
    private Set<String> rebuildCells(Connection c, long submissionId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT pg_advisory_xact_lock(?, (? % 2147483648)::int)")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setLong(2, submissionId);
            ps.execute();
        }
        Set<String> touched = new TreeSet<>();
        for (String table : List.of(CubeShape.CORE_TABLE, CubeShape.TABLE)) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "WITH gone AS (DELETE FROM "
                                    + table
                                    + " WHERE submission_id = ? RETURNING feed) SELECT DISTINCT feed FROM gone")) {
                ps.setLong(1, submissionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        touched.add(rs.getString(1));
                    }
                }
            }
        }
        Optional<FeedSchema> schema = feedOf(c, submissionId).flatMap(feeds::schema);
        if (schema.isPresent()) {
            for (String sql : List.of(insert(schema.get()), CORE_INSERT)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, submissionId);
                    ps.executeUpdate();
                }
            }
            touched.add(schema.get().code());
        }
        // else no rows (withdrawn, purged, erased): no cells
        return touched;
    }

    /**
     * Tells every instance's copy of these feeds' cubes that the cells changed (seen at commit); in
     * name order, so two writers never wait for each other's rows the other way round.
     */
    private static void bumpVersions(Connection c, Set<String> feeds) throws SQLException {
        for (String feed : new TreeSet<>(feeds)) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO release_cube_version (feed, version) VALUES (?, 1) ON CONFLICT (feed)"
                                    + " DO UPDATE SET version = release_cube_version.version + 1")) {
                ps.setString(1, feed);
                ps.executeUpdate();
            }
        }
    }

    /** The coarser cube's cells of a submission, summed from its finest cells. */
    private static final String CORE_INSERT =
            "INSERT INTO "
                    + CubeShape.CORE_TABLE
                    + " (feed, provider, submission_id, "
                    + String.join(", ", CubeShape.CORE_COLUMNS)
                    + ", rows, hash_sum) SELECT feed, provider, submission_id, "
                    + String.join(", ", CubeShape.CORE_COLUMNS)
                    + ", sum(rows), sum(hash_sum) FROM "
                    + CubeShape.TABLE
                    + " WHERE submission_id = ? GROUP BY feed, provider, submission_id, "
                    + String.join(", ", CubeShape.CORE_COLUMNS);

    /** The submissions with cells in a provider's feed before {@code month} (a retention purge). */
    public Collection<Long> before(Connection c, String provider, String feed, java.sql.Date month)
            throws SQLException {
        Collection<Long> out = new TreeSet<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT DISTINCT submission_id FROM "
                                + CubeShape.TABLE
                                + " WHERE provider = ? AND feed = ? AND event_month < ?")) {
            ps.setString(1, provider);
            ps.setString(2, feed);
            ps.setDate(3, month);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Queues every submission with rows for a rebuild by {@link CubeBackfill}. */
    public void markAllStale(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO release_cube_pending (submission_id) SELECT DISTINCT submission_id"
                                + " FROM feed_row ON CONFLICT DO NOTHING")) {
            ps.executeUpdate();
        }
    }

    static String insert(FeedSchema schema) {
        StringBuilder attrs = new StringBuilder("jsonb_build_object(");
        String sep = "";
        for (String a : CubeShape.attributes(schema)) {
            attrs.append(sep).append('\'').append(a).append("', attrs->'").append(a).append('\'');
            sep = ", ";
        }
        attrs.append(')');
        String fixed = String.join(", ", CubeShape.COLUMNS);
        return "INSERT INTO "
                + CubeShape.TABLE
                + " (feed, provider, submission_id, "
                + fixed
                + ", attrs, rows, hash_sum) SELECT feed, provider, submission_id, "
                + fixed
                + ", "
                + attrs
                + ", count(*), coalesce(sum(record_hash), 0) FROM feed_row"
                + " WHERE submission_id = ? AND NOT restricted"
                + " GROUP BY feed, provider, submission_id, "
                + fixed
                + ", "
                + attrs;
    }

    private static Optional<String> feedOf(Connection c, long submissionId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT feed FROM feed_row WHERE submission_id = ? LIMIT 1")) {
            ps.setLong(1, submissionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
