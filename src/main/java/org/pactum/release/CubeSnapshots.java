package org.pactum.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pactum.cube.CubeShape;
import org.pactum.feed.FeedSchema;

/**
 * This instance's in-memory copies of the cubes (issue 14), one per feed and cube table: a release
 * that reads a cube reads the copy, after one indexed read of the feed's cube version (bumped by
 * every rebuild in its transaction, {@code release_cube_version}), and reloads it when the version
 * moved. Loading reads the version and the cells in one statement, so a copy never mixes two
 * versions. A cube with more cells than {@code pactum.release.cached-cells} is not copied: its
 * releases read the table.
 */
@ApplicationScoped
public class CubeSnapshots {

    @Inject ReleaseConfig config;

    private final Map<String, CubeSnapshot> copies = new ConcurrentHashMap<>();
    private final Map<String, Object> loading = new ConcurrentHashMap<>();

    /** The columns a copy of {@code source} keeps for {@code schema}. */
    static List<String> columns(ReleaseQuery.Source source, FeedSchema schema) {
        List<String> out = new ArrayList<>(List.of(CubeSnapshot.PROVIDER));
        out.addAll(source == ReleaseQuery.Source.CORE ? CubeShape.CORE_COLUMNS : CubeShape.COLUMNS);
        if (source == ReleaseQuery.Source.CUBE) {
            for (String a : CubeShape.attributes(schema)) {
                out.add("attrs->>'" + a + "'");
            }
        }
        return out;
    }

    /**
     * The current copy of a feed's cube, loaded if the committed version moved; empty when the feed
     * has no version yet or its cube is too large to copy.
     */
    Optional<CubeSnapshot> current(Connection c, ReleaseQuery.Source source, FeedSchema schema)
            throws SQLException {
        if (config.cachedCells() == 0 || source == ReleaseQuery.Source.ROWS) {
            return Optional.empty();
        }
        Long version = version(c, schema.code());
        if (version == null) {
            return Optional.empty();
        }
        String key = source.table + "|" + schema.code();
        CubeSnapshot copy = copies.get(key);
        if (copy == null || copy.version() != version) {
            // One load per feed at a time; the others wait for it rather than load it again.
            synchronized (loading.computeIfAbsent(key, k -> new Object())) {
                copy = copies.get(key);
                if (copy == null || copy.version() < version) {
                    copy = load(c, source, schema);
                    copies.put(key, copy);
                }
            }
        }
        return copy.version() == version && !copy.oversized()
                ? Optional.of(copy)
                : Optional.empty();
    }

    private static Long version(Connection c, String feed) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT version FROM release_cube_version WHERE feed = ?")) {
            ps.setString(1, feed);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** The feed's cube version and how many cells its table holds; null without a version. */
    private static long[] counted(Connection c, ReleaseQuery.Source source, FeedSchema schema)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT v.version, (SELECT count(*) FROM "
                                + source.table
                                + " c WHERE c.feed = v.feed) FROM release_cube_version v WHERE v.feed = ?")) {
            ps.setString(1, schema.code());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }

    /** The version and its cells, in one statement (one snapshot of the database), streamed. */
    private CubeSnapshot load(Connection c, ReleaseQuery.Source source, FeedSchema schema)
            throws SQLException {
        List<String> columns = columns(source, schema);
        long[] versionAndCells = counted(c, source, schema);
        if (versionAndCells == null) {
            return new CubeSnapshot.Builder(-1, columns).build();
        }
        long version = versionAndCells[0];
        long expected = versionAndCells[1];
        if (expected > config.cachedCells()) {
            return new CubeSnapshot.Builder(version, columns).oversized(); // read from the table
        }
        StringBuilder select = new StringBuilder("SELECT v.version");
        for (String col : columns) {
            select.append(", ")
                    .append(
                            col.equals(CubeSnapshot.MONTH)
                                    ? "to_char(c.event_month, 'YYYY-MM')"
                                    : "c." + col);
        }
        // Cells as stored, one per submission and grain: the copy adds up whatever a release
        // selects, so it needs no GROUP BY (which, over millions of cells, spills to disk).
        select.append(", c.rows, c.hash_sum FROM release_cube_version v LEFT JOIN ")
                .append(source.table)
                .append(" c ON c.feed = v.feed WHERE v.feed = ?");
        CubeSnapshot.Builder b = null;
        try (PreparedStatement ps = c.prepareStatement(select.toString())) {
            ps.setString(1, schema.code());
            ps.setFetchSize(10_000); // streamed: the driver would otherwise hold every row at once
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (b == null) {
                        // a little room for cells committed between the count and this load
                        b =
                                new CubeSnapshot.Builder(
                                        rs.getLong(1), columns, (int) (expected + expected / 64));
                    }
                    BigDecimal hashes = rs.getBigDecimal(columns.size() + 3);
                    if (hashes == null) {
                        continue; // a version without cells
                    }
                    String[] values = new String[columns.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getString(i + 2);
                    }
                    boolean added =
                            b.add(
                                    values,
                                    rs.getLong(columns.size() + 2),
                                    hashes.toBigInteger().longValue());
                    if (!added || b.cells() > config.cachedCells()) {
                        // too large to keep: releases read the table
                        return b.oversized();
                    }
                }
            }
        }
        return b == null ? new CubeSnapshot.Builder(-1, columns).build() : b.build();
    }
}
