package org.pactum.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The record sets one step from a cell's selection, which the release history compares with what
 * the recipient already holds: the month range shrunk or grown by a month at either end, and each
 * variable's selection with one category added or removed. Worked out only when first asked for,
 * since the history looks only at shown cells. On a cube of rows a neighbour is the cell's records
 * plus or minus the one slice that differs, so a total's neighbours cost about as much as the total
 * itself; distinct persons do not add up, so theirs are summed afresh. Two threads asking at once
 * may both work them out; each gets the same immutable list. Pure: no framework types.
 */
public final class Neighbourhood {

    private final Cube cube;
    private final int[][] selection;
    private final RecordSet records;
    private volatile List<TableEngine.Neighbour> neighbours;

    /**
     * @param selection the cell's sorted cube indexes per axis (month first)
     * @param records what the selection adds up to
     */
    Neighbourhood(Cube cube, int[][] selection, RecordSet records) {
        this.cube = cube;
        this.selection = selection;
        this.records = records;
    }

    public List<TableEngine.Neighbour> neighbours() {
        if (neighbours == null) {
            neighbours = List.copyOf(workOut());
        }
        return neighbours;
    }

    /**
     * What the release history compares, for one measure, threshold and context.
     *
     * @param fingerprint the cell's record set's
     * @param near those of the neighbours that differ from it by fewer than the threshold
     * @param descriptor the digest of the cell's descriptor in the context
     */
    public record Prints(String fingerprint, List<String> near, String descriptor) {}

    private record PrintsFor(String measure, int threshold, String context, Prints prints) {}

    private volatile PrintsFor prints;

    /** The cell's prints, worked out once (a remembered table's cells keep theirs). */
    public Prints prints(String measure, int threshold, String context, String descriptor) {
        PrintsFor known = prints;
        if (known != null
                && known.measure().equals(measure)
                && known.threshold() == threshold
                && known.context().equals(context)) {
            return known.prints();
        }
        List<String> near = new ArrayList<>();
        for (TableEngine.Neighbour n : neighbours()) {
            if (Math.abs(n.records().count() - records.count()) < threshold) {
                near.add(n.records().fingerprint(measure));
            }
        }
        Prints made =
                new Prints(
                        records.fingerprint(measure),
                        List.copyOf(near),
                        ReleaseHistory.descriptorDigest(context, descriptor));
        prints = new PrintsFor(measure, threshold, context, made);
        return made;
    }

    private List<TableEngine.Neighbour> workOut() {
        List<TableEngine.Neighbour> out = new ArrayList<>();
        int[] months = selection[0];
        int first = months[0];
        int last = months[months.length - 1];
        if (first < last) {
            out.add(step(0, first, TableEngine.range(first + 1, last), false));
            out.add(step(0, last, TableEngine.range(first, last - 1), false));
        }
        if (first > 0) {
            out.add(step(0, first - 1, TableEngine.range(first - 1, last), true));
        }
        if (last < cube.size(0) - 1) {
            out.add(step(0, last + 1, TableEngine.range(first, last + 1), true));
        }
        for (int a = 1; a < selection.length; a++) {
            int[] sel = selection[a];
            for (int v = 0; v < cube.size(a); v++) {
                int at = Arrays.binarySearch(sel, v);
                if (at < 0) {
                    out.add(step(a, v, inserted(sel, -at - 1, v), true));
                } else if (sel.length > 1) {
                    out.add(step(a, v, removed(sel, at), false));
                }
            }
        }
        return out;
    }

    /** The selection with {@code axis} replaced; it differs from the cell's by index {@code v}. */
    private TableEngine.Neighbour step(int axis, int v, int[] replaced, boolean added) {
        int[][] near = selection.clone();
        near[axis] = replaced;
        if (!cube.additive()) {
            return new TableEngine.Neighbour(cube.sum(near), near);
        }
        int[][] slice = selection.clone();
        slice[axis] = new int[] {v};
        RecordSet difference = cube.sum(slice);
        return new TableEngine.Neighbour(
                added ? records.plus(difference) : records.minus(difference), near);
    }

    private static int[] inserted(int[] sorted, int at, int v) {
        int[] out = new int[sorted.length + 1];
        System.arraycopy(sorted, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(sorted, at, out, at + 1, sorted.length - at);
        return out;
    }

    private static int[] removed(int[] sorted, int at) {
        int[] out = new int[sorted.length - 1];
        System.arraycopy(sorted, 0, out, 0, at);
        System.arraycopy(sorted, at + 1, out, at, sorted.length - at - 1);
        return out;
    }
}
