package org.pactum.release;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.agreement.RowFilters;
import org.pactum.cube.CubeShape;
import org.pactum.feed.FeedSchema;
import org.pactum.platform.JdbcArgs;

/**
 * One release query: its source (the rows, or the cube of pre-aggregated cells), the select list,
 * the predicates with their bound values in order, and how many leading columns it groups by. The
 * one place where release SQL selects a feed's rows under an agreement ({@link #under}): the feed,
 * the agreement's providers of it, rows not restricted, and the agreement's row filter (issue 15).
 */
final class ReleaseQuery {

    /** Where the rows come from. */
    enum Source {
        /** feed_row: every row, for distinct persons, links and LSOA. */
        ROWS("feed_row"),
        /** The cube: counts and hash sums of unrestricted rows at the finest releasable grain. */
        CUBE(CubeShape.TABLE),
        /** The coarser cube: month, local authority, age band and sex only. */
        CORE(CubeShape.CORE_TABLE);

        final String table;

        Source(String table) {
            this.table = table;
        }
    }

    final Source source;
    final String alias;
    private final List<String> select = new ArrayList<>();
    private final List<String> where = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();
    private int grouped;

    private ReleaseQuery(Source source, String alias) {
        this.source = source;
        this.alias = alias;
    }

    /** The rows (or cells) of {@code schema} that {@code grant} may see, aliased {@code alias}. */
    static ReleaseQuery under(Source source, String alias, FeedSchema schema, ReleaseGrant grant) {
        ReleaseQuery q = new ReleaseQuery(source, alias);
        q.where(alias + ".feed = ?", schema.code());
        q.where(
                alias + ".provider = ANY (?)",
                (Object) grant.providersOfFeed().toArray(String[]::new));
        if (source == Source.ROWS) {
            // Rows under a data subject's restriction (UK GDPR Art 18) leave every release; the
            // cube holds none.
            q.where("NOT " + alias + ".restricted");
        }
        // The agreement's row filter for this feed (issue 15): rows outside its purpose never
        // count.
        StringBuilder filter = new StringBuilder();
        List<Object> values = new ArrayList<>();
        RowScope.restrict(grant.content().rowFilter(schema.code()), schema, alias, filter, values);
        if (filter.length() > 0) {
            q.where(filter.substring(" AND ".length()), values.toArray());
        }
        return q;
    }

    /**
     * Where a count of rows of {@code schema} under {@code grant} grouped by {@code dims} is read:
     * the coarser cube when every dimension and row filter reads one of its columns, else the
     * finest cube when they all read its columns, else the rows.
     */
    static Source countSource(FeedSchema schema, ReleaseGrant grant, List<Dimension> dims) {
        if (answers(Set.copyOf(CubeShape.CORE_COLUMNS), schema, grant, dims)) {
            return Source.CORE;
        }
        return answers(CubeShape.expressions(schema), schema, grant, dims)
                ? Source.CUBE
                : Source.ROWS;
    }

    /** Whether every dimension and every row filter reads one of the {@code kept} columns. */
    private static boolean answers(
            Set<String> kept, FeedSchema schema, ReleaseGrant grant, List<Dimension> dims) {
        for (String f : grant.content().rowFilter(schema.code()).keySet()) {
            String column = RowFilters.column(f, schema).orElse(null);
            if (column != null && !kept.contains(column)) {
                return false;
            }
        }
        for (Dimension d : dims) {
            boolean period = ReleaseService.isPeriod(d.name());
            if (!period && !kept.contains(d.column())) {
                return false;
            }
        }
        return true;
    }

    /** Adds a predicate and the values it binds, in order. */
    ReleaseQuery where(String predicate, Object... values) {
        where.add(predicate);
        args.addAll(Arrays.asList(values));
        return this;
    }

    /** Adds another query's predicates (and values) as one EXISTS over its source. */
    ReleaseQuery exists(ReleaseQuery inner) {
        where.add(
                "EXISTS (SELECT 1 FROM "
                        + inner.source.table
                        + " "
                        + inner.alias
                        + " WHERE "
                        + inner.predicates()
                        + ")");
        args.addAll(inner.args);
        return this;
    }

    /** Adds a column that the query groups by (grouping columns come first). */
    ReleaseQuery group(String expression) {
        select.add(grouped, expression);
        grouped++;
        return this;
    }

    /** Adds an aggregate column. */
    ReleaseQuery measure(String expression) {
        select.add(expression);
        return this;
    }

    /** The predicates joined with AND (no WHERE keyword). */
    String predicates() {
        return String.join(" AND ", where);
    }

    /** The values bound, in the order of the placeholders. */
    List<Object> args() {
        return List.copyOf(args);
    }

    /** The statement: SELECT ... FROM source alias WHERE ... [GROUP BY 1..n]. */
    String sql() {
        StringBuilder sql =
                new StringBuilder("SELECT ")
                        .append(String.join(", ", select))
                        .append(" FROM ")
                        .append(source.table)
                        .append(' ')
                        .append(alias)
                        .append(" WHERE ")
                        .append(predicates());
        for (int i = 1; i <= grouped; i++) {
            sql.append(i == 1 ? " GROUP BY " : ", ").append(i);
        }
        return sql.toString();
    }

    /** Prepares the statement with its values bound. */
    PreparedStatement prepare(Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql());
        try {
            JdbcArgs.bind(c, ps, args);
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
        return ps;
    }
}
