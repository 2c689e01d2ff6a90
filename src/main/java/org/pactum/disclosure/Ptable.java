package org.pactum.disclosure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A perturbation table: for a true count and a cell key (0..255), the perturbation to add. Read
 * from the versioned CSV resource that {@link PtableGenerator} writes; every (count, key) pair of
 * every row must be covered exactly once. Pure: no framework types.
 */
public final class Ptable {

    /** Keys {@code keyFrom..keyTo} (inclusive) of row {@code count} add {@code perturbation}. */
    public record Interval(int count, int perturbation, int keyFrom, int keyTo) {}

    private final PtableGenerator.Parameters parameters;
    private final List<Interval> intervals;
    private final int[][] lookup;

    Ptable(PtableGenerator.Parameters parameters, List<Interval> intervals) {
        this.parameters = parameters;
        this.intervals = List.copyOf(intervals);
        int rows = parameters.threshold() + parameters.rows();
        lookup = new int[rows][];
        boolean[][] seen = new boolean[rows][PtableGenerator.KEYS];
        for (Interval i : intervals) {
            if (i.count() < 0 || i.count() >= rows || i.keyFrom() > i.keyTo()) {
                throw new IllegalArgumentException("bad ptable interval " + i);
            }
            if (lookup[i.count()] == null) {
                lookup[i.count()] = new int[PtableGenerator.KEYS];
            }
            for (int k = i.keyFrom(); k <= i.keyTo(); k++) {
                if (seen[i.count()][k]) {
                    throw new IllegalArgumentException(
                            "ptable key " + k + " of count " + i.count() + " is covered twice");
                }
                seen[i.count()][k] = true;
                lookup[i.count()][k] = i.perturbation();
            }
        }
        for (int n = 0; n < rows; n++) {
            for (int k = 0; k < PtableGenerator.KEYS; k++) {
                if (!seen[n][k]) {
                    throw new IllegalArgumentException(
                            "ptable key " + k + " of count " + n + " is not covered");
                }
            }
        }
    }

    public PtableGenerator.Parameters parameters() {
        return parameters;
    }

    public List<Interval> intervals() {
        return intervals;
    }

    public String name() {
        return parameters.name();
    }

    public int threshold() {
        return parameters.threshold();
    }

    /** The perturbation for a true count and a cell key; counts beyond the rows cycle. */
    public int perturbation(long count, int cellKey) {
        if (count < 0 || cellKey < 0 || cellKey >= PtableGenerator.KEYS) {
            throw new IllegalArgumentException("count must be >= 0 and the key 0..255");
        }
        int t = parameters.threshold();
        int row = count < lookup.length ? (int) count : t + (int) ((count - t) % parameters.rows());
        return lookup[row][cellKey];
    }

    /** The perturbed value of a true count; below the threshold it is shown only as the marker. */
    public long perturbed(long count, int cellKey) {
        return count + perturbation(count, cellKey);
    }

    /** Reads the CSV form: the parameter comment line, the header, then the intervals. */
    public static Ptable read(Reader source) throws IOException {
        BufferedReader in = new BufferedReader(source);
        String first = in.readLine();
        if (first == null || !first.startsWith("# ")) {
            throw new IllegalArgumentException("a ptable starts with its parameter line");
        }
        Map<String, String> p = new HashMap<>();
        for (String kv : first.substring(2).trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            p.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        PtableGenerator.Parameters parameters =
                new PtableGenerator.Parameters(
                        p.get("name"),
                        Integer.parseInt(p.get("threshold")),
                        Integer.parseInt(p.get("max_noise")),
                        Double.parseDouble(p.get("variance")),
                        Integer.parseInt(p.get("rows")));
        if (!"count,perturbation,key_from,key_to".equals(in.readLine())) {
            throw new IllegalArgumentException(
                    "the ptable header must be count,perturbation,key_from,key_to");
        }
        List<Interval> intervals = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            intervals.add(
                    new Interval(
                            Integer.parseInt(f[0]),
                            Integer.parseInt(f[1]),
                            Integer.parseInt(f[2]),
                            Integer.parseInt(f[3])));
        }
        return new Ptable(parameters, intervals);
    }

    /** A cell's key: the sum of its records' keys, mod 256. */
    public static int cellKey(long sumOfRecordKeys) {
        return (int) Math.floorMod(sumOfRecordKeys, (long) PtableGenerator.KEYS);
    }
}
