package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.agreement.RowFilters;
import org.pactum.disclosure.Cube;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldRole;
import org.pactum.problem.PactumException;

/**
 * The data of an aggregate: the finest cells (month x every variable), read in PostgreSQL. A count
 * of rows adds up the cube's pre-aggregated cells when the cube keeps every column the query reads;
 * distinct persons and linked counts read feed_row.
 */
@ApplicationScoped
public class AggregateCells {

    @Inject AgroalDataSource dataSource;

    @Inject ReleaseDenials denials;

    @Inject CubeSnapshots snapshots;

    /**
     * The cells, the column that identifies persons (null for a count of rows), and, when they came
     * from this instance's copy of a cube, what they were added up from (equal keys, equal cells;
     * null otherwise).
     */
    record Read(Supplier<Cube> cells, String personKey, Object copyKey) {
        /** The cells, added up on first use: a table remembered under copyKey needs none. */
        Cube cube() {
            return cells.get();
        }

        String measure() {
            return personKey == null ? "rows" : "persons:" + personKey;
        }
    }

    Read read(AggregatePlan p) {
        AggregateRequest req = p.req;
        boolean rows = req.linkedTo() == null && !req.persons();
        ReleaseQuery query =
                ReleaseQuery.under(
                        rows
                                ? ReleaseQuery.countSource(p.schema, p.grant, p.variableDims)
                                : ReleaseQuery.Source.ROWS,
                        "a",
                        p.schema,
                        p.grant);
        query.where(
                "a.event_month >= ? AND a.event_month <= ?",
                Date.valueOf(p.range.first().minusMonths(1).atDay(1)),
                Date.valueOf(p.range.last().plusMonths(1).atDay(1)));
        String personKey = null;
        if (req.linkedTo() != null) {
            personKey = link(p, query);
        } else if (req.persons()) {
            if (p.schema.fields().stream()
                    .noneMatch(f -> f.role() == FieldRole.PERSON_IDENTIFIER)) {
                throw denials.deny(
                        p.caller,
                        p.grant,
                        "persons asked of a feed without person identifiers",
                        PactumException.invalid(
                                p.schema.code()
                                        + " carries no person identifier, so persons cannot be counted; use rows"));
            }
            personKey = "person_id";
        }
        return cells(p, personKey, query);
    }

    /**
     * Restricts to persons who also appear in the linked feed (matching its filters) within the
     * window; returns the column that identifies persons.
     */
    private String link(AggregatePlan p, ReleaseQuery query) {
        FeedSchema schema = p.schema;
        FeedSchema linked = p.linked;
        ReleaseGrant other = p.linkGrant;
        AggregateRequest.Link link = p.req.linkedTo();
        String key;
        if (ReleaseService.hasLinkageKey(schema) && ReleaseService.hasLinkageKey(linked)) {
            key = "linkage_key";
        } else if (ReleaseService.sharedScheme(schema, linked)) {
            key = "person_id";
        } else {
            throw denials.deny(
                    p.caller,
                    other,
                    "feeds share no identifier",
                    PactumException.invalid(
                            schema.code()
                                    + " and "
                                    + linked.code()
                                    + " share no identifier or linkage key, so they cannot be linked"));
        }
        ReleaseQuery inner =
                ReleaseQuery.under(ReleaseQuery.Source.ROWS, "b", linked, other)
                        .where("b." + key + " = a." + key)
                        .where(
                                "coalesce(b.event_date, b.event_month) <= coalesce(a.event_date, a.event_month)")
                        .where(
                                "coalesce(b.event_date, b.event_month) >= coalesce(a.event_date, a.event_month) - make_interval(months => ?)",
                                link.withinMonths());
        if (link.filters() != null) {
            for (Map.Entry<String, List<String>> f : new TreeMap<>(link.filters()).entrySet()) {
                Dimension d = denials.permitted(p.caller, other, linked, f.getKey(), "b");
                inner.where(
                        "coalesce(" + d.sql() + ", '" + Categories.NOT_RECORDED + "') = ANY (?)",
                        (Object) f.getValue().toArray(String[]::new));
            }
        }
        query.where("a." + key + " IS NOT NULL").exists(inner);
        return key;
    }

    /** Groups the query by month and every variable and reads the groups into a cube. */
    private Read cells(AggregatePlan p, String personKey, ReleaseQuery query) {
        List<Dimension> dims = p.variableDims;
        List<Map<String, Integer>> index = new ArrayList<>();
        index.add(positions(p.axis));
        int[] sizes = new int[dims.size() + 1];
        sizes[0] = p.axis.size();
        for (int i = 0; i < dims.size(); i++) {
            List<String> categories = p.variables.get(i).categories();
            sizes[i + 1] = categories.size();
            index.add(positions(categories));
        }
        Cube cube = personKey == null ? Cube.rows(sizes) : Cube.persons(sizes);
        query.group("to_char(a.event_month, 'YYYY-MM')");
        for (Dimension d : dims) {
            query.group(d.sql());
        }
        if (personKey != null) {
            // A person's key derives from their stored pseudonym (itself a keyed HMAC, so unknown
            // to any analyst): the first 64 bits of its MD5.
            query.group("('x' || substr(md5(a." + personKey + "), 1, 16))::bit(64)::bigint");
            query.where("a." + personKey + " IS NOT NULL");
        } else if (query.source != ReleaseQuery.Source.ROWS) {
            query.measure("sum(a.rows)").measure("sum(a.hash_sum)");
        } else {
            query.measure("count(*)").measure("sum(a.record_hash)");
        }
        try (Connection c = dataSource.getConnection()) {
            CopyKey copyKey = personKey == null ? fromCopy(c, p, query.source, cube, index) : null;
            if (copyKey == null) {
                read(c, query, personKey, dims.size(), index, cube);
                return new Read(() -> cube, personKey, null);
            }
            return new Read(copyKey.filling(cube), personKey, copyKey);
        } catch (SQLException e) {
            throw new IllegalStateException("Aggregate query failed", e);
        }
    }

    /** What a cube added up from a copy depends on: the copy (by identity) and the selection. */
    private record CopyKey(
            CubeSnapshot copy, CubeSnapshot.Selection selection, List<Integer> sizes) {

        /** The cube, added up from the copy once, when first asked for. */
        Supplier<Cube> filling(Cube cube) {
            return new Supplier<>() {
                private boolean added;

                @Override
                public synchronized Cube get() {
                    if (!added) {
                        copy.addTo(cube, selection);
                        added = true;
                    }
                    return cube;
                }
            };
        }
    }

    /**
     * Prepares to add up the cells from this instance's copy of the cube, when there is one holding
     * every column the query reads: returns what they are added up from, which adds them when first
     * asked; null otherwise.
     */
    private CopyKey fromCopy(
            Connection c,
            AggregatePlan p,
            ReleaseQuery.Source source,
            Cube cube,
            List<Map<String, Integer>> index)
            throws SQLException {
        Optional<CubeSnapshot> copy = snapshots.current(c, source, p.schema);
        if (copy.isEmpty()) {
            return null;
        }
        List<String> axes = new ArrayList<>();
        for (Dimension d : p.variableDims) {
            axes.add(d.column());
        }
        Map<String, Set<String>> rowFilter = new HashMap<>();
        for (Map.Entry<String, List<String>> f :
                p.grant.content().rowFilter(p.schema.code()).entrySet()) {
            String column = RowFilters.column(f.getKey(), p.schema).orElse(null);
            if (column == null) {
                return null; // a filter that no longer resolves: the query says AND false
            }
            rowFilter
                    .computeIfAbsent(column, k -> new HashSet<>(f.getValue()))
                    .retainAll(f.getValue());
        }
        List<String> needed = new ArrayList<>(axes);
        needed.addAll(rowFilter.keySet());
        if (!copy.get().keeps(needed)) {
            return null;
        }
        CubeSnapshot.Selection selection =
                new CubeSnapshot.Selection(
                        p.grant.providersOfFeed(),
                        p.range.first().minusMonths(1).toString(),
                        p.range.last().plusMonths(1).toString(),
                        rowFilter,
                        index.get(0),
                        axes,
                        index.subList(1, index.size()),
                        Categories.NOT_RECORDED);
        List<Integer> sizes = new ArrayList<>();
        for (int a = 0; a < cube.axes(); a++) {
            sizes.add(cube.size(a));
        }
        return new CopyKey(copy.get(), selection, sizes);
    }

    /** Runs the query and adds its groups to the cube. */
    private static void read(
            Connection c,
            ReleaseQuery query,
            String personKey,
            int n,
            List<Map<String, Integer>> index,
            Cube cube)
            throws SQLException {
        try (PreparedStatement ps = query.prepare(c);
                ResultSet rs = ps.executeQuery()) {
            int[] at = new int[index.size()];
            while (rs.next()) {
                if (!locate(rs, index, at)) {
                    continue; // outside every category: not in any cell of this table
                }
                if (personKey == null) {
                    BigDecimal sum = rs.getBigDecimal(n + 3);
                    long hashes = sum == null ? 0 : sum.toBigInteger().longValue();
                    cube.add(at, rs.getLong(n + 2), hashes);
                } else {
                    cube.addPerson(at, rs.getLong(n + 2));
                }
            }
        }
    }

    /** Places a result row on the cube's axes; false if a value is in no category. */
    private static boolean locate(ResultSet rs, List<Map<String, Integer>> index, int[] at)
            throws SQLException {
        Integer month = index.get(0).get(rs.getString(1));
        if (month == null) {
            return false;
        }
        at[0] = month;
        for (int i = 1; i < index.size(); i++) {
            String v = rs.getString(i + 1);
            Map<String, Integer> categories = index.get(i);
            Integer idx = categories.get(v == null ? Categories.NOT_RECORDED : v);
            if (idx == null) {
                idx = categories.get(Categories.NOT_RECORDED);
            }
            if (idx == null) {
                return false;
            }
            at[i] = idx;
        }
        return true;
    }

    /** Each value's first position in {@code values}, as indexOf would find it. */
    private static Map<String, Integer> positions(List<String> values) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            out.putIfAbsent(values.get(i), i);
        }
        return out;
    }
}
