package org.pactum.release;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pactum.agreement.RecordRisk;

/**
 * Makes a record extract k-anonymous (and l-diverse) in SQL over the snapshot, before the first
 * byte, without holding the extract (issue 15; sdcMicro's global recoding and local suppression).
 *
 * <p>Global recoding first: among the generalisations the agreement allows (month to quarter to
 * year, age band to a wider band), the least coarse combination whose suppression stays within the
 * agreement's share is used. Then local suppression, as a cascade over the equivalence classes
 * (counted by GROUP BY, so the work is bounded by distinct combinations, not rows): a class of at
 * least k records whose sensitive fields each show at least l values is released whole; the records
 * of the smaller classes lose their last quasi-identifier (written as the one marker {@value
 * #SUPPRESSED}) and are grouped again on the rest, and so on; records that no class can hide, even
 * with every quasi-identifier suppressed, are withheld. Every released combination of
 * quasi-identifiers is then shared by at least k records.
 */
final class RecordRiskControl {

    /** The one marker of a suppressed value. */
    static final String SUPPRESSED = "*";

    /** The wider age bands a WIDE_AGE_BAND generalisation releases. */
    static final String WIDE_AGE_BAND =
            "CASE WHEN a.age_band IN ('0-9', '10-14', '15-17') THEN '0-17'"
                    + " WHEN a.age_band = '18-24' THEN '18-24'"
                    + " WHEN a.age_band IN ('25-34', '35-44') THEN '25-44'"
                    + " WHEN a.age_band IS NULL THEN NULL ELSE '45+' END";

    /** A released quasi-identifier and the forms it may take, finest first. */
    record Ladder(int column, List<String> forms, List<String> names) {}

    /** What the control decided and what it costs. */
    record Plan(
            int k,
            int l,
            List<Integer> quasiColumns,
            List<String> quasiSql,
            List<Integer> sensitiveColumns,
            Map<String, String> generalised,
            long records,
            long released,
            long withheld,
            long valuesSuppressed,
            Long kAchieved) {

        double suppressedShare() {
            long values = records * quasiColumns.size();
            return values == 0 ? 0 : (double) valuesSuppressed / values;
        }
    }

    private RecordRiskControl() {}

    /** The ladders of the released quasi-identifiers: which coarser forms the agreement allows. */
    static List<Ladder> ladders(
            List<RecordColumns.Column> columns, List<Integer> quasi, RecordRisk risk) {
        List<Ladder> out = new ArrayList<>();
        boolean quarter = risk.generalisations().contains(RecordRisk.Recoding.QUARTER);
        boolean year = risk.generalisations().contains(RecordRisk.Recoding.YEAR);
        boolean wide = risk.generalisations().contains(RecordRisk.Recoding.WIDE_AGE_BAND);
        for (int i : quasi) {
            RecordColumns.Column c = columns.get(i);
            List<String> forms = new ArrayList<>(List.of(c.sql()));
            List<String> names = new ArrayList<>(List.of("AS_AGREED"));
            switch (c.ladder()) {
                case DATE, MONTH -> {
                    if (quarter) {
                        forms.add("to_char(a.event_month, 'YYYY-\"Q\"Q')");
                        names.add("QUARTER");
                    }
                    if (year) {
                        forms.add("to_char(a.event_month, 'YYYY')");
                        names.add("YEAR");
                    }
                }
                case QUARTER -> {
                    if (year) {
                        forms.add("to_char(a.event_month, 'YYYY')");
                        names.add("YEAR");
                    }
                }
                case AGE_BAND -> {
                    if (wide) {
                        forms.add(WIDE_AGE_BAND);
                        names.add("WIDE_AGE_BAND");
                    }
                }
                default -> {}
            }
            out.add(new Ladder(i, forms, names));
        }
        return out;
    }

    /**
     * Chooses the least coarse recoding within the agreement's suppression share and returns its
     * plan; if none is within it, the plan of the coarsest (which the caller refuses).
     */
    static Plan plan(
            Connection snapshot,
            List<RecordColumns.Column> columns,
            List<Integer> quasi,
            List<Integer> sensitive,
            RecordRisk risk,
            String where,
            List<Object> args)
            throws SQLException {
        try (Statement settings = snapshot.createStatement()) {
            // The equivalence classes are far fewer than the planner guesses: hash them, in
            // memory, rather than sort the extract; and the planner, guessing one row per level
            // of the cascade, would otherwise join the levels by nested loops over every class.
            // SET LOCAL: this transaction only (the caller's, which must not be in autocommit).
            settings.execute("SET LOCAL work_mem = '64MB'");
            settings.execute("SET LOCAL enable_sort = off");
            settings.execute("SET LOCAL enable_nestloop = off");
            settings.execute("SET LOCAL enable_mergejoin = off");
            Plan plan = leastCoarse(snapshot, columns, quasi, sensitive, risk, where, args);
            settings.execute("SET LOCAL enable_sort = on");
            return plan;
        }
    }

    private static Plan leastCoarse(
            Connection snapshot,
            List<RecordColumns.Column> columns,
            List<Integer> quasi,
            List<Integer> sensitive,
            RecordRisk risk,
            String where,
            List<Object> args)
            throws SQLException {
        List<Ladder> ladders = ladders(columns, quasi, risk);
        List<int[]> combinations = new ArrayList<>();
        combine(ladders, 0, new int[ladders.size()], combinations);
        combinations.sort(Comparator.comparingInt((int[] levels) -> Arrays.stream(levels).sum()));
        Plan last = null;
        for (int[] levels : combinations) {
            List<String> sql = new ArrayList<>();
            Map<String, String> generalised = new TreeMap<>();
            for (int i = 0; i < ladders.size(); i++) {
                Ladder ladder = ladders.get(i);
                sql.add(ladder.forms().get(levels[i]));
                if (levels[i] > 0) {
                    generalised.put(
                            columns.get(ladder.column()).name(), ladder.names().get(levels[i]));
                }
            }
            last =
                    evaluate(
                            snapshot,
                            columns,
                            quasi,
                            sql,
                            sensitive,
                            generalised,
                            risk,
                            where,
                            args);
            if (last.suppressedShare() <= risk.maxSuppressedShare()) {
                return last;
            }
        }
        return last;
    }

    private static void combine(List<Ladder> ladders, int at, int[] levels, List<int[]> out) {
        if (at == ladders.size()) {
            out.add(levels.clone());
            return;
        }
        for (int level = 0; level < ladders.get(at).forms().size(); level++) {
            levels[at] = level;
            combine(ladders, at + 1, levels, out);
        }
    }

    private static Plan evaluate(
            Connection snapshot,
            List<RecordColumns.Column> columns,
            List<Integer> quasi,
            List<String> quasiSql,
            List<Integer> sensitive,
            Map<String, String> generalised,
            RecordRisk risk,
            String where,
            List<Object> args)
            throws SQLException {
        int m = quasi.size();
        String sql = summary(columns, quasiSql, sensitive, risk.k(), risk.l(), where);
        try (PreparedStatement ps = snapshot.prepareStatement(sql)) {
            ReleaseService.bind(snapshot, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long records = rs.getLong(1);
                long released = rs.getLong(2);
                long suppressed = rs.getLong(3) + (records - released) * m;
                long k = rs.getLong(4);
                Long kAchieved = rs.wasNull() ? null : k;
                return new Plan(
                        risk.k(),
                        risk.l(),
                        quasi,
                        quasiSql,
                        sensitive,
                        generalised,
                        records,
                        released,
                        records - released,
                        suppressed,
                        kAchieved);
            }
        }
    }

    /** The figures of one candidate recoding: records, released, suppressed levels, k achieved. */
    static String summary(
            List<RecordColumns.Column> columns,
            List<String> quasiSql,
            List<Integer> sensitive,
            int k,
            int l,
            String where) {
        int m = quasiSql.size();
        StringBuilder sql = new StringBuilder(classes(columns, quasiSql, sensitive, k, l, where));
        sql.append(
                ", released AS (SELECT lvl, sum(n) AS size FROM decided WHERE lvl IS NOT NULL GROUP BY lvl");
        for (int i = 0; i < m; i++) {
            sql.append(", CASE WHEN lvl <= ")
                    .append(m - 1 - i)
                    .append(" THEN q")
                    .append(i)
                    .append(" END");
        }
        sql.append(")")
                .append(" SELECT coalesce((SELECT sum(n) FROM decided), 0),")
                .append(" coalesce((SELECT sum(n) FROM decided WHERE lvl IS NOT NULL), 0),")
                .append(" coalesce((SELECT sum(n * lvl) FROM decided WHERE lvl IS NOT NULL), 0),")
                .append(" (SELECT min(size) FROM released)");
        return sql.toString();
    }

    /**
     * The common table expressions {@code c} (the equivalence classes: quasi-identifiers q0..,
     * sensitive values s0.., count n) and {@code decided} (each class's suppression level lvl: the
     * number of trailing quasi-identifiers suppressed; null when the records are withheld).
     *
     * <p>Each level of the cascade counts the still undecided classes by their remaining
     * quasi-identifiers with hash aggregates (sizes, and distinct values of each sensitive field)
     * joined back by hash, not with window functions: those sort the classes once per window and
     * level, which at a million rows took most of a minute before the first byte.
     */
    static String classes(
            List<RecordColumns.Column> columns,
            List<String> quasiSql,
            List<Integer> sensitive,
            int k,
            int l,
            String where) {
        int m = quasiSql.size();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            keys.add("q" + i);
        }
        List<String> sens = new ArrayList<>();
        for (int j = 0; j < sensitive.size(); j++) {
            sens.add("s" + j);
        }
        List<String> all = new ArrayList<>(keys);
        all.addAll(sens);
        all.add("n");
        String carried = String.join(", ", all);
        StringBuilder sql = new StringBuilder(counted(columns, quasiSql, sensitive, where));
        sql.append(", u0 AS (SELECT * FROM c)");
        List<String> decided = new ArrayList<>();
        for (int level = 0; level <= m; level++) {
            sql.append(level(level, carried, keys.subList(0, m - level), sens, k, l));
            decided.add(
                    "SELECT " + carried + ", " + level + " AS lvl FROM r" + level + " WHERE hit");
        }
        decided.add("SELECT " + carried + ", NULL::int AS lvl FROM u" + (m + 1));
        sql.append(", decided AS (").append(String.join(" UNION ALL ", decided)).append(")");
        return sql.toString();
    }

    /** {@code WITH c AS (...)}: the equivalence classes with their sensitive values, counted. */
    private static String counted(
            List<RecordColumns.Column> columns,
            List<String> quasiSql,
            List<Integer> sensitive,
            String where) {
        StringBuilder sql = new StringBuilder("WITH c AS (SELECT ");
        for (int i = 0; i < quasiSql.size(); i++) {
            sql.append("coalesce(").append(quasiSql.get(i)).append(", '') AS q").append(i);
            sql.append(", ");
        }
        for (int j = 0; j < sensitive.size(); j++) {
            sql.append("coalesce(")
                    .append(columns.get(sensitive.get(j)).sql())
                    .append(", '') AS s")
                    .append(j)
                    .append(", ");
        }
        sql.append("count(*) AS n FROM feed_row a WHERE ").append(where);
        int groups = quasiSql.size() + sensitive.size();
        if (groups > 0) {
            sql.append(" GROUP BY ");
            for (int i = 1; i <= groups; i++) {
                sql.append(i == 1 ? "" : ", ").append(i);
            }
        }
        return sql.append(")").toString();
    }

    /**
     * One level of the cascade over the classes {@code u<level>} still undecided: those that share
     * {@code prefix} are released at this level ({@code r<level>}, hit) when together they hold at
     * least k records ({@code a<level>}) and at least l values of each sensitive field j ({@code
     * v<level>_<j>}); the others go on to {@code u<level+1>}, with one more quasi-identifier
     * suppressed.
     */
    private static String level(
            int level, String carried, List<String> prefix, List<String> sens, int k, int l) {
        String from = "u" + level;
        String lead = prefix.isEmpty() ? "" : String.join(", ", prefix) + ", ";
        String groupBy = prefix.isEmpty() ? "" : " GROUP BY " + String.join(", ", prefix);
        StringBuilder sql = new StringBuilder(", a").append(level).append(" AS (SELECT ");
        sql.append(lead).append("sum(n) AS n FROM ").append(from).append(groupBy).append(")");
        StringBuilder joins = new StringBuilder(" JOIN a" + level + " ON true");
        joins.append(matching("a" + level, prefix));
        StringBuilder ok = new StringBuilder("a" + level + ".n >= " + k);
        for (String s : sens) {
            String v = "v" + level + "_" + s;
            sql.append(", ").append(v).append(" AS (SELECT ").append(lead);
            sql.append("count(*) AS v FROM (SELECT DISTINCT ").append(lead).append(s);
            sql.append(" FROM ").append(from).append(") x").append(groupBy).append(")");
            joins.append(" JOIN ").append(v).append(" ON true").append(matching(v, prefix));
            ok.append(" AND ").append(v).append(".v >= ").append(l);
        }
        String own = "u." + carried.replace(", ", ", u.");
        return sql.append(", r")
                .append(level)
                .append(" AS (SELECT ")
                .append(own)
                .append(", (")
                .append(ok)
                .append(") AS hit FROM ")
                .append(from)
                .append(" u")
                .append(joins)
                .append("), u")
                .append(level + 1)
                .append(" AS (SELECT ")
                .append(carried)
                .append(" FROM r")
                .append(level)
                .append(" WHERE NOT hit)")
                .toString();
    }

    private static String matching(String alias, List<String> prefix) {
        StringBuilder on = new StringBuilder();
        for (String q : prefix) {
            on.append(" AND ").append(alias).append('.').append(q).append(" = u.").append(q);
        }
        return on.toString();
    }

    /**
     * The streaming query: each row joined to its class's decision; suppressed quasi-identifiers
     * are the marker; withheld rows are left out.
     */
    static String select(List<RecordColumns.Column> columns, Plan plan, String where) {
        int m = plan.quasiColumns().size();
        StringBuilder sql =
                new StringBuilder(
                        classes(
                                columns,
                                plan.quasiSql(),
                                plan.sensitiveColumns(),
                                plan.k(),
                                plan.l(),
                                where));
        sql.append(" SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ");
            int q = plan.quasiColumns().indexOf(i);
            if (q >= 0) {
                sql.append("CASE WHEN f.lvl > ")
                        .append(m - 1 - q)
                        .append(" THEN '")
                        .append(SUPPRESSED)
                        .append("' ELSE nullif(f.q")
                        .append(q)
                        .append(", '') END");
            } else {
                sql.append(columns.get(i).sql());
            }
        }
        if (columns.isEmpty()) {
            sql.append("1");
        }
        sql.append(" FROM feed_row a JOIN decided f ON f.lvl IS NOT NULL");
        for (int i = 0; i < m; i++) {
            sql.append(" AND f.q")
                    .append(i)
                    .append(" = coalesce(")
                    .append(plan.quasiSql().get(i))
                    .append(", '')");
        }
        for (int j = 0; j < plan.sensitiveColumns().size(); j++) {
            sql.append(" AND f.s")
                    .append(j)
                    .append(" = coalesce(")
                    .append(columns.get(plan.sensitiveColumns().get(j)).sql())
                    .append(", '')");
        }
        // No ORDER BY: sorting a million joined rows cost seconds before the first byte. The rows
        // leave in the scan's order, the stored order of the provider's lines, as they did when
        // sorted by submission and line.
        sql.append(" WHERE ").append(where);
        return sql.toString();
    }
}
