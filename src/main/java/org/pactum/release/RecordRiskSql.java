package org.pactum.release;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the record risk control (issue 15): the equivalence classes counted per level of the
 * suppression cascade, each candidate recoding's figures, and the streaming query joined to the
 * decisions. Built, never run, here; {@link RecordRiskControl} decides.
 */
final class RecordRiskSql {

    private RecordRiskSql() {}

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
    static String select(
            List<RecordColumns.Column> columns, RecordRiskControl.Plan plan, String where) {
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
                        .append(RecordRiskControl.SUPPRESSED)
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
