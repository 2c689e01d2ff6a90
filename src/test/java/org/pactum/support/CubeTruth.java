package org.pactum.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.FieldRole;
import org.pactum.feed.FieldType;

/**
 * The release cube checked against an independent GROUP BY over feed_row (issue 14): for every
 * stored submission, the count and hash sum of its unrestricted rows per event month, local
 * authority, age band, sex, ethnicity and categorical attribute values must equal the cube's cells
 * there, and the cube must hold nothing else.
 */
public final class CubeTruth {

    private static final String FIXED =
            "submission_id, feed, provider, event_month, local_authority, age_band, sex, ethnicity";

    private CubeTruth() {}

    /** Asserts that the whole cube equals the GROUP BY of the whole row table. */
    public static void assertCubeMatchesRows(DataSource ds, FeedService feeds) {
        Map<String, String> fromRows = new TreeMap<>();
        Map<String, String> fromCube = new TreeMap<>();
        List<FeedSchema> all =
                feeds.list().stream().map(v -> feeds.schema(v.code()).orElseThrow()).toList();
        try (Connection c = ds.getConnection()) {
            for (FeedSchema schema : all) {
                String attrs = attrs(schema);
                read(
                        c,
                        "SELECT "
                                + FIXED
                                + ", "
                                + attrs
                                + "::text, count(*), coalesce(sum(record_hash), 0) FROM feed_row"
                                + " WHERE feed = ? AND NOT restricted GROUP BY "
                                + FIXED
                                + ", "
                                + attrs,
                        schema.code(),
                        fromRows);
                read(
                        c,
                        "SELECT "
                                + FIXED
                                + ", attrs::text, sum(rows), sum(hash_sum) FROM release_cube"
                                + " WHERE feed = ? GROUP BY "
                                + FIXED
                                + ", attrs",
                        schema.code(),
                        fromCube);
            }
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT count(*) FROM release_cube WHERE NOT feed = ANY (?)")) {
                ps.setArray(
                        1, c.createArrayOf("text", all.stream().map(FeedSchema::code).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("cells of unknown feeds").isZero();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(fromRows).as("rows stored").isNotEmpty();
        assertThat(fromCube).isEqualTo(fromRows);
        assertCoreCubeMatchesRows(ds);
    }

    private static final String CORE =
            "submission_id, feed, provider, event_month, local_authority, age_band, sex";

    /** The coarser cube (month, council, age band, sex) equals the same GROUP BY of the rows. */
    private static void assertCoreCubeMatchesRows(DataSource ds) {
        Map<String, String> fromRows = new TreeMap<>();
        Map<String, String> fromCore = new TreeMap<>();
        try (Connection c = ds.getConnection()) {
            readAll(
                    c,
                    "SELECT "
                            + CORE
                            + ", count(*), coalesce(sum(record_hash), 0) FROM feed_row"
                            + " WHERE NOT restricted GROUP BY "
                            + CORE,
                    fromRows);
            readAll(
                    c,
                    "SELECT "
                            + CORE
                            + ", sum(rows), sum(hash_sum) FROM release_cube_core GROUP BY "
                            + CORE,
                    fromCore);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(fromCore).as("the coarser cube").isEqualTo(fromRows);
    }

    private static void readAll(Connection c, String sql, Map<String, String> into)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            collect(ps, into);
        }
    }

    /** The categorical attributes as the JSON object a cell keeps (closed codes or booleans). */
    private static String attrs(FeedSchema schema) {
        List<String> pairs =
                schema.fields().stream()
                        .filter(f -> f.role() == FieldRole.ATTRIBUTE)
                        .filter(f -> f.codes() != null || f.type() == FieldType.BOOLEAN)
                        .map(FeedField::name)
                        .map(n -> "'" + n + "', attrs->'" + n + "'")
                        .toList();
        return "jsonb_build_object(" + String.join(", ", pairs) + ")";
    }

    private static void read(Connection c, String sql, String feed, Map<String, String> into)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, feed);
            collect(ps, into);
        }
    }

    private static void collect(PreparedStatement ps, Map<String, String> into)
            throws SQLException {
        {
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder key = new StringBuilder();
                    for (int i = 1; i <= n - 2; i++) {
                        key.append(rs.getString(i)).append('|');
                    }
                    String value =
                            rs.getBigDecimal(n - 1).toPlainString()
                                    + "/"
                                    + rs.getBigDecimal(n).toPlainString();
                    assertThat(into.put(key.toString(), value)).as("cell " + key).isNull();
                }
            }
        }
    }
}
