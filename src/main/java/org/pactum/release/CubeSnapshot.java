package org.pactum.release;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pactum.disclosure.Cube;

/**
 * One feed's cube cells as committed at one version, held in memory by {@link CubeSnapshots}: per
 * column a dictionary of its values and each cell's code, and each cell's row count and hash sum.
 * Adding up the cells a release selects here gives exactly what the GROUP BY over the cube table
 * gives (the same predicates, the same placing of values on the axes as {@code AggregateCells}),
 * without a round trip to the database. Immutable once built.
 */
final class CubeSnapshot {

    /** The column of providers and the column of months (YYYY-MM). */
    static final String PROVIDER = "provider";

    static final String MONTH = "event_month";

    private final long version;
    private final List<String> columns;
    private final List<List<String>> dictionaries;
    private final char[][] codes;
    private final long[] rows;
    private final long[] hashSums;
    private final int cells;
    private final boolean oversized;

    private CubeSnapshot(Builder b, boolean oversized) {
        this.oversized = oversized;
        version = b.version;
        columns = List.copyOf(b.columns);
        dictionaries = new ArrayList<>();
        for (Map<String, Integer> d : b.dictionaries) {
            String[] values = new String[d.size()];
            d.forEach((v, code) -> values[code] = v);
            dictionaries.add(Arrays.asList(values));
        }
        cells = oversized ? 0 : b.cells;
        // The builder's arrays are kept as they are (sized for the count read before loading),
        // not copied again: the copy of a large cube is held once, not twice.
        codes = b.codes;
        rows = b.rows;
        hashSums = b.hashSums;
    }

    long version() {
        return version;
    }

    int cells() {
        return cells;
    }

    /** True for the marker of a cube too large to copy (no cells): its releases read the table. */
    boolean oversized() {
        return oversized;
    }

    /** Whether every one of {@code needed} is a column here. */
    boolean keeps(List<String> needed) {
        return columns.containsAll(needed);
    }

    /**
     * What a release selects: cells of these providers, in months {@code from..to} (YYYY-MM,
     * inclusive), whose row-filter columns hold one of the listed values, placed on the axes of
     * {@code cube}: the month by {@code months}, then each of {@code axes} by its categories.
     */
    record Selection(
            Set<String> providers,
            String from,
            String to,
            Map<String, Set<String>> rowFilter,
            Map<String, Integer> months,
            List<String> axes,
            List<Map<String, Integer>> categories,
            String notRecorded) {}

    /** Adds every selected cell to {@code cube}. */
    void addTo(Cube cube, Selection s) {
        int[] provider = test(PROVIDER, s.providers()::contains);
        int[] month = placed(MONTH, s.months(), null);
        String[] monthValues = dictionaries.get(columns.indexOf(MONTH)).toArray(String[]::new);
        for (int code = 0; code < month.length; code++) {
            String m = monthValues[code];
            if (m == null || m.compareTo(s.from()) < 0 || m.compareTo(s.to()) > 0) {
                month[code] = -1;
            }
        }
        List<int[]> filters = new ArrayList<>();
        List<char[]> filterCodes = new ArrayList<>();
        for (Map.Entry<String, Set<String>> f : s.rowFilter().entrySet()) {
            Set<String> allowed = f.getValue();
            filters.add(test(f.getKey(), v -> v != null && allowed.contains(v)));
            filterCodes.add(codes[columns.indexOf(f.getKey())]);
        }
        int[][] axisOf = new int[s.axes().size()][];
        char[][] axisCodes = new char[s.axes().size()][];
        for (int a = 0; a < axisOf.length; a++) {
            axisOf[a] = placed(s.axes().get(a), s.categories().get(a), s.notRecorded());
            axisCodes[a] = codes[columns.indexOf(s.axes().get(a))];
        }
        char[] providerCodes = codes[columns.indexOf(PROVIDER)];
        char[] monthCodes = codes[columns.indexOf(MONTH)];
        int[] at = new int[axisOf.length + 1];
        cell:
        for (int i = 0; i < cells; i++) {
            if (provider[providerCodes[i]] < 0 || (at[0] = month[monthCodes[i]]) < 0) {
                continue;
            }
            for (int f = 0; f < filters.size(); f++) {
                if (filters.get(f)[filterCodes.get(f)[i]] < 0) {
                    continue cell;
                }
            }
            for (int a = 0; a < axisOf.length; a++) {
                if ((at[a + 1] = axisOf[a][axisCodes[a][i]]) < 0) {
                    continue cell;
                }
            }
            cube.add(at, rows[i], hashSums[i]);
        }
    }

    /** Per code of {@code column}: 0 if its value passes, -1 if not. */
    private int[] test(String column, java.util.function.Predicate<String> passes) {
        List<String> values = dictionaries.get(columns.indexOf(column));
        int[] out = new int[values.size()];
        for (int code = 0; code < out.length; code++) {
            out[code] = passes.test(values.get(code)) ? 0 : -1;
        }
        return out;
    }

    /**
     * Per code of {@code column}: its index among {@code categories}, -1 if none. A missing value
     * reads as {@code notRecorded}, and a value outside the categories falls to {@code notRecorded}
     * when that is a category, as the database path places them.
     */
    private int[] placed(String column, Map<String, Integer> categories, String notRecorded) {
        List<String> values = dictionaries.get(columns.indexOf(column));
        int[] out = new int[values.size()];
        for (int code = 0; code < out.length; code++) {
            String v = values.get(code);
            Integer idx = categories.get(v == null && notRecorded != null ? notRecorded : v);
            if (idx == null && notRecorded != null) {
                idx = categories.get(notRecorded);
            }
            out[code] = idx == null ? -1 : idx;
        }
        return out;
    }

    /** Builds a snapshot cell by cell, as the database returns them. */
    static final class Builder {
        private final long version;
        private final List<String> columns;
        private final List<Map<String, Integer>> dictionaries = new ArrayList<>();
        private char[][] codes;
        private long[] rows;
        private long[] hashSums;
        private int cells;

        Builder(long version, List<String> columns) {
            this(version, columns, 1024);
        }

        /** A builder sized for {@code expected} cells, so a copy is not built twice over. */
        Builder(long version, List<String> columns, int expected) {
            this.version = version;
            this.columns = List.copyOf(columns);
            int capacity = Math.max(16, expected);
            rows = new long[capacity];
            hashSums = new long[capacity];
            codes = new char[columns.size()][capacity];
            for (int i = 0; i < columns.size(); i++) {
                dictionaries.add(new HashMap<>());
            }
        }

        /**
         * One cell: its value in each column (null allowed), its rows and hash sum; false, adding
         * nothing, when a column would hold more distinct values than a code can name (a column of
         * categories never does).
         */
        boolean add(String[] values, long cellRows, long cellHashSum) {
            if (cells == rows.length) {
                int n = cells * 2;
                rows = Arrays.copyOf(rows, n);
                hashSums = Arrays.copyOf(hashSums, n);
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = Arrays.copyOf(codes[i], n);
                }
            }
            for (int i = 0; i < values.length; i++) {
                Map<String, Integer> d = dictionaries.get(i);
                Integer code = d.get(values[i]);
                if (code == null) {
                    if (d.size() == Character.MAX_VALUE) {
                        return false;
                    }
                    code = d.size();
                    d.put(values[i], code);
                }
                codes[i][cells] = (char) (int) code;
            }
            rows[cells] = cellRows;
            hashSums[cells] = cellHashSum;
            cells++;
            return true;
        }

        int cells() {
            return cells;
        }

        long version() {
            return version;
        }

        CubeSnapshot build() {
            return new CubeSnapshot(this, false);
        }

        /** The marker that this version's cube is too large to copy. */
        CubeSnapshot oversized() {
            return new CubeSnapshot(this, true);
        }
    }
}
