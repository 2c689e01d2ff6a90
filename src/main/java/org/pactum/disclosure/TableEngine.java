package org.pactum.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Builds a released table from a {@link Cube}: every combination of the requested categories
 * (observed or not) and every total, each a cell of its own with its record set, its cell key and
 * its perturbed value, plus the near neighbours of each cell that the release history checks (the
 * same cell with its period shortened or lengthened by one month at either end, or with one
 * category added to or removed from one variable). Pure: no framework types.
 */
public final class TableEngine {

    public static final String MONTH = "month";
    public static final String QUARTER = "quarter";

    private TableEngine() {}

    /** A variable of the query (an axis of the cube after the month) and its categories. */
    public record Variable(String name, List<String> categories) {
        public Variable {
            categories = List.copyOf(categories);
        }
    }

    /**
     * @param months the cube's month axis (YYYY-MM), usually the requested range plus a month
     *     either side, so that lengthened neighbours can be checked
     * @param from index of the first requested month in {@code months}
     * @param to index of the last requested month in {@code months}
     * @param dimensions each the name of a variable, or {@link #MONTH} or {@link #QUARTER}
     * @param filters variable name to the selected categories
     */
    public record Spec(
            List<String> months,
            int from,
            int to,
            List<Variable> variables,
            List<String> dimensions,
            Map<String, List<String>> filters) {}

    /**
     * A record set near a cell's; the difference in size is {@code |count - cell count|}.
     *
     * @param selection the cube indexes it adds up, per axis (month first)
     */
    public record Neighbour(RecordSet records, int[][] selection) {}

    /**
     * One cell or total (null in the key where summed over).
     *
     * @param released the shown value, or null for the marker (below the threshold)
     * @param descriptor what the cell selects, canonical: the same selection always gives the same
     *     descriptor, however it was asked for
     */
    public record Cell(
            List<String> key,
            boolean total,
            RecordSet records,
            Long released,
            boolean perturbed,
            String descriptor,
            Neighbourhood neighbourhood) {

        /** The cell's near neighbours, worked out when first asked for. */
        public List<Neighbour> neighbours() {
            return neighbourhood.neighbours();
        }
    }

    public static List<Cell> cells(Spec spec, Cube cube, DisclosureRules rules) {
        int dims = spec.dimensions().size();
        List<List<String>> values = new ArrayList<>();
        for (String d : spec.dimensions()) {
            values.add(categoriesOf(spec, d));
        }
        int[] n = new int[dims];
        long grid = 1;
        for (int i = 0; i < dims; i++) {
            n[i] = values.get(i).size();
            grid *= n[i] + 1;
        }
        List<Cell> out = new ArrayList<>((int) grid);
        int[] pos = new int[dims];
        while (true) {
            List<String> key = new ArrayList<>(dims);
            boolean total = false;
            for (int i = 0; i < dims; i++) {
                if (pos[i] == n[i]) {
                    key.add(null);
                    total = true;
                } else {
                    key.add(values.get(i).get(pos[i]));
                }
            }
            out.add(cell(spec, cube, rules, key, total));
            int i = dims - 1;
            while (i >= 0 && ++pos[i] == n[i] + 1) {
                pos[i] = 0;
                i--;
            }
            if (i < 0) {
                break;
            }
        }
        return out;
    }

    /** The categories a dimension takes: a variable's, or the months or quarters of the range. */
    public static List<String> categoriesOf(Spec spec, String dimension) {
        if (MONTH.equals(dimension)) {
            return spec.months().subList(spec.from(), spec.to() + 1);
        }
        if (QUARTER.equals(dimension)) {
            LinkedHashSet<String> q = new LinkedHashSet<>();
            for (String m : spec.months().subList(spec.from(), spec.to() + 1)) {
                q.add(quarterOf(m));
            }
            return List.copyOf(q);
        }
        return variable(spec, dimension).categories();
    }

    static String quarterOf(String month) {
        int m = Integer.parseInt(month.substring(5, 7));
        return month.substring(0, 4) + "-Q" + ((m - 1) / 3 + 1);
    }

    private static Variable variable(Spec spec, String name) {
        return spec.variables().stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variable " + name));
    }

    private static Cell cell(
            Spec spec, Cube cube, DisclosureRules rules, List<String> key, boolean total) {
        int[][] sel = selection(spec, key);
        RecordSet records = cube.sum(sel);
        Long released = rules.release(records.count(), records.cellKey());
        boolean perturbed =
                released != null
                        && rules.ptable().perturbation(records.count(), records.cellKey()) != 0;
        return new Cell(
                Collections.unmodifiableList(new ArrayList<>(key)),
                total,
                records,
                released,
                perturbed,
                descriptor(spec, sel),
                new Neighbourhood(cube, sel, records));
    }

    /** The cube coordinates a cell adds up: per axis, the indexes it covers. */
    private static int[][] selection(Spec spec, List<String> key) {
        int axes = spec.variables().size() + 1;
        int[][] sel = new int[axes][];
        sel[0] = monthRange(spec, key);
        for (int a = 1; a < axes; a++) {
            Variable var = spec.variables().get(a - 1);
            int d = spec.dimensions().indexOf(var.name());
            if (d >= 0 && key.get(d) != null) {
                sel[a] = new int[] {var.categories().indexOf(key.get(d))};
            } else if (spec.filters().containsKey(var.name())) {
                sel[a] =
                        spec.filters().get(var.name()).stream()
                                .mapToInt(var.categories()::indexOf)
                                .sorted()
                                .distinct()
                                .toArray();
            } else {
                sel[a] = range(0, var.categories().size() - 1);
            }
        }
        return sel;
    }

    /** The months of the range, narrowed by a month or quarter dimension. */
    private static int[] monthRange(Spec spec, List<String> key) {
        int lo = spec.from();
        int hi = spec.to();
        for (int i = 0; i < key.size(); i++) {
            String d = spec.dimensions().get(i);
            String v = key.get(i);
            if (v != null && MONTH.equals(d)) {
                lo = hi = spec.months().indexOf(v);
            } else if (v != null && QUARTER.equals(d)) {
                int first = -1;
                int last = -1;
                for (int m = spec.from(); m <= spec.to(); m++) {
                    if (quarterOf(spec.months().get(m)).equals(v)) {
                        first = first < 0 ? m : first;
                        last = m;
                    }
                }
                lo = first;
                hi = last;
            }
        }
        return range(lo, hi);
    }

    static int[] range(int lo, int hi) {
        int[] r = new int[hi - lo + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = lo + i;
        }
        return r;
    }

    /** Canonical: the month range, then each variable's selection unless it is all of them. */
    private static String descriptor(Spec spec, int[][] sel) {
        StringBuilder b = new StringBuilder("months=");
        b.append(spec.months().get(sel[0][0]))
                .append("..")
                .append(spec.months().get(sel[0][sel[0].length - 1]));
        for (int a = 1; a < sel.length; a++) {
            Variable var = spec.variables().get(a - 1);
            if (sel[a].length == var.categories().size()) {
                continue; // all of a variable selects what leaving it out does
            }
            b.append('|').append(var.name()).append('=');
            for (int i = 0; i < sel[a].length; i++) {
                b.append(i == 0 ? "" : ",").append(var.categories().get(sel[a][i]));
            }
        }
        return b.toString();
    }
}
