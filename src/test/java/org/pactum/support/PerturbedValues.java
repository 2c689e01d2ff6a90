package org.pactum.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a released cell must show, computed independently of the production code: the true count and
 * record-hash sum straight from feed_row, and the perturbation read from the shipped ptable CSV by
 * this class's own parser.
 */
public final class PerturbedValues {

    private static final Map<String, int[][]> TABLES = new HashMap<>();

    private PerturbedValues() {}

    /** A cell's truth: its number of records and the sum of their hashes mod 2^64. */
    public record Truth(long count, long hashSum) {
        public static final Truth ZERO = new Truth(0, 0);

        public int cellKey() {
            return (int) (hashSum & 0xFF);
        }
    }

    /** rows[count][key] = perturbation, from the CSV; plus the threshold and row count. */
    private static synchronized int[][] table(String name) throws Exception {
        int[][] t = TABLES.get(name);
        if (t != null) {
            return t;
        }
        try (InputStream in =
                        PerturbedValues.class.getResourceAsStream("/disclosure/" + name + ".csv");
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String params = r.readLine();
            int threshold = Integer.parseInt(params.replaceAll(".*threshold=(\\d+).*", "$1"));
            int rows = Integer.parseInt(params.replaceAll(".*rows=(\\d+).*", "$1"));
            r.readLine();
            t = new int[threshold + rows + 1][256];
            t[threshold + rows] = new int[] {threshold, rows};
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                for (int k = Integer.parseInt(f[2]); k <= Integer.parseInt(f[3]); k++) {
                    t[Integer.parseInt(f[0])][k] = Integer.parseInt(f[1]);
                }
            }
        }
        TABLES.put(name, t);
        return t;
    }

    /** The value the API must show for this truth, or null for the marker. */
    public static Long expected(String ptable, Truth truth, int rounding) throws Exception {
        int[][] t = table(ptable);
        int threshold = t[t.length - 1][0];
        int rows = t[t.length - 1][1];
        long n = truth.count();
        int row = n < threshold + rows ? (int) n : threshold + (int) ((n - threshold) % rows);
        long perturbed = n + t[row][truth.cellKey()];
        if (n < threshold || perturbed < threshold) {
            return null;
        }
        return Math.floorDiv(perturbed + rounding / 2, rounding) * (long) rounding;
    }

    public static Long expected(Truth truth) throws Exception {
        return expected("pactum-ptable-1-t8", truth, 5);
    }

    /**
     * Runs {@code SELECT <keys...>, count, hash sum ... GROUP BY} and returns the truth per key
     * (nulls as "(not recorded)").
     */
    public static Map<List<String>, Truth> truths(String sql, int keys, Object... args)
            throws Exception {
        Map<List<String>, Truth> out = new HashMap<>();
        try (Connection c = TestDatabase.superuser();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> key = new ArrayList<>();
                    for (int i = 1; i <= keys; i++) {
                        key.add(rs.getString(i) == null ? "(not recorded)" : rs.getString(i));
                    }
                    BigDecimal sum = rs.getBigDecimal(keys + 2);
                    out.put(
                            key,
                            new Truth(
                                    rs.getLong(keys + 1),
                                    sum == null ? 0 : sum.toBigInteger().longValue()));
                }
            }
        }
        return out;
    }
}
