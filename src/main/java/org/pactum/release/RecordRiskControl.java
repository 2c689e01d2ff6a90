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
import org.pactum.platform.JdbcArgs;

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
        String sql = RecordRiskSql.summary(columns, quasiSql, sensitive, risk.k(), risk.l(), where);
        try (PreparedStatement ps = snapshot.prepareStatement(sql)) {
            JdbcArgs.bind(snapshot, ps, args);
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
}
