package org.pactum.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Statistical disclosure control over a table of counts (DESIGN.md, Disclosure control; DOMAIN.md):
 *
 * <ol>
 *   <li>Primary suppression: every cell and every marginal total from 1 to threshold-1 is hidden.
 *   <li>Secondary suppression: in every line (entries sharing all but one dimension) whose total is
 *       released, either nothing is suppressed, or at least two entries are and they sum to at
 *       least the threshold; otherwise the smallest released non-zero entry of the line is hidden
 *       too, repeatedly. A line that cannot be fixed that way (nothing left to hide) has its total
 *       hidden instead.
 *   <li>Rounding: released counts and totals are rounded to the nearest base.
 * </ol>
 *
 * Margins are always protected, whether or not the caller asks to see them: any line total can be
 * obtained from a smaller query, so the cells must stay safe against it. Zero is a released value
 * (0), never confused with a suppressed one (null). Pure: no framework types.
 */
public final class DisclosureControl {

    private DisclosureControl() {}

    /** One released entry: a cell (no nulls in its key) or a total (null where summed over). */
    public record Entry(List<String> key, Long count, Suppression suppression) {}

    /** What a release shows: cells, totals (when asked for) and what was done. */
    public record Released(
            List<String> dimensions,
            List<Entry> cells,
            List<Entry> totals,
            int threshold,
            int roundingBase,
            int cellsSuppressedPrimary,
            int cellsSuppressedSecondary,
            int totalsSuppressed) {}

    public static Released apply(Table table, DisclosureRules rules, boolean includeTotals) {
        Grid g = new Grid(table);
        g.suppress(rules);
        List<Entry> cells = new ArrayList<>();
        List<Entry> totals = new ArrayList<>();
        int primary = 0;
        int secondary = 0;
        int totalsSuppressed = 0;
        for (int id = 0; id < g.size; id++) {
            boolean isTotal = g.isTotal(id);
            Suppression s = g.state[id];
            Long released = s == Suppression.NONE ? rules.round(g.count[id]) : null;
            Entry e = new Entry(g.key(id), released, s);
            if (isTotal) {
                if (s != Suppression.NONE) {
                    totalsSuppressed++;
                }
                if (includeTotals) {
                    totals.add(e);
                }
            } else {
                cells.add(e);
                if (s == Suppression.PRIMARY) {
                    primary++;
                } else if (s == Suppression.SECONDARY) {
                    secondary++;
                }
            }
        }
        return new Released(
                table.dimensions(),
                cells,
                totals,
                rules.threshold(),
                rules.roundingBase(),
                primary,
                secondary,
                totalsSuppressed);
    }

    /**
     * The table with its margins, in mixed radix: coordinate i runs over the n_i seen values and
     * then n_i itself, which stands for "all" (the total over that dimension).
     */
    static final class Grid {
        final int dims;
        final int[] n;
        final int[] stride;
        final int size;
        final long[] count;
        final Suppression[] state;
        final List<List<String>> values = new ArrayList<>();

        Grid(Table table) {
            dims = table.dimensions().size();
            n = new int[dims];
            stride = new int[dims];
            int s = 1;
            for (int i = dims - 1; i >= 0; i--) {
                List<String> v = table.values(i);
                values.add(0, v);
                n[i] = v.size();
                stride[i] = s;
                s = Math.multiplyExact(s, n[i] + 1);
            }
            size = s;
            count = new long[size];
            state = new Suppression[size];
            Arrays.fill(state, Suppression.NONE);
            for (int id = 0; id < size; id++) {
                if (!isTotal(id)) {
                    count[id] = table.count(key(id));
                }
            }
            // Margins, one dimension at a time: entries with "all" at i sum the entries with each
            // value at i.
            for (int i = 0; i < dims; i++) {
                for (int id = 0; id < size; id++) {
                    if (coordinate(id, i) == n[i]) {
                        long sum = 0;
                        int base = id - n[i] * stride[i];
                        for (int v = 0; v < n[i]; v++) {
                            sum += count[base + v * stride[i]];
                        }
                        count[id] = sum;
                    }
                }
            }
        }

        int coordinate(int id, int i) {
            return (id / stride[i]) % (n[i] + 1);
        }

        boolean isTotal(int id) {
            for (int i = 0; i < dims; i++) {
                if (coordinate(id, i) == n[i]) {
                    return true;
                }
            }
            return false;
        }

        List<String> key(int id) {
            List<String> k = new ArrayList<>(dims);
            for (int i = 0; i < dims; i++) {
                int c = coordinate(id, i);
                k.add(c == n[i] ? null : values.get(i).get(c));
            }
            return k;
        }

        void suppress(DisclosureRules rules) {
            for (int id = 0; id < size; id++) {
                if (rules.belowThreshold(count[id])) {
                    state[id] = Suppression.PRIMARY;
                }
            }
            // Work list of lines (dimension, base id with that coordinate 0); every line starts on
            // it.
            Deque<int[]> work = new ArrayDeque<>();
            for (int i = 0; i < dims; i++) {
                for (int id = 0; id < size; id++) {
                    if (coordinate(id, i) == 0) {
                        work.add(new int[] {i, id});
                    }
                }
            }
            while (!work.isEmpty()) {
                int[] line = work.poll();
                int i = line[0];
                int base = line[1];
                int total = base + n[i] * stride[i];
                if (state[total] != Suppression.NONE) {
                    continue; // the rule protects lines whose total is released
                }
                int hidden = 0;
                long hiddenSum = 0;
                int smallest = -1;
                for (int v = 0; v < n[i]; v++) {
                    int id = base + v * stride[i];
                    if (state[id] != Suppression.NONE) {
                        hidden++;
                        hiddenSum += count[id];
                    } else if (count[id] > 0 && (smallest < 0 || count[id] < count[smallest])) {
                        smallest = id;
                    }
                }
                if (hidden == 0 || (hidden >= 2 && hiddenSum >= rules.threshold())) {
                    continue;
                }
                int victim = smallest >= 0 ? smallest : total;
                state[victim] = Suppression.SECONDARY;
                // Every line through the newly hidden entry must be checked again, this one
                // included.
                for (int d = 0; d < dims; d++) {
                    work.add(new int[] {d, victim - coordinate(victim, d) * stride[d]});
                }
            }
        }
    }
}
