package org.pactum.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * History-aware release (issue 20), per agreement and recipient organisation: a shown cell is
 * withheld (shown as the marker) when its record set differs by fewer than the threshold's worth of
 * records (zero included, so that an empty difference and a small one look alike) from a record set
 * already released to that recipient, among those the check can find cheaply: the cell with its
 * period one month shorter or longer at either end, or with one category added to or removed from
 * one variable (a row or column difference). The check runs both ways: released cells leave their
 * near neighbours behind as BLOCKED fingerprints, so asking for the smaller set first and the
 * larger one later is caught too. A cell asked for again exactly as before (same descriptor) is
 * released as before: it tells nothing new. Cells of the same table count as released in the order
 * cells, then totals, so a total that would expose a hidden cell by subtraction is withheld. Pure:
 * no framework types.
 */
public final class ReleaseHistory {

    private ReleaseHistory() {}

    /** What the recipient already holds (fingerprints and descriptor digests). */
    public record State(Set<String> released, Set<String> blocked, Set<String> descriptors) {}

    /** A fingerprint to record: RELEASED (with the cell's descriptor) or BLOCKED. */
    public record Entry(String kind, String fingerprint, String descriptor) {}

    /** The outcome: which cells (by index) to withhold and what to record. */
    public record Outcome(Set<Integer> withheld, List<Entry> record) {}

    /**
     * Every fingerprint the check may need to look up, for one query to the store: of each shown
     * cell, its own (was this record set released before?), and, unless the cell is asked for again
     * ({@code seen} holds the descriptor digests already released), its neighbours' that differ
     * from it by fewer than {@code threshold} records (the only ones the check compares).
     */
    public static Set<String> candidates(
            List<TableEngine.Cell> cells,
            String measure,
            String context,
            int threshold,
            Set<String> seen) {
        Set<String> out = new LinkedHashSet<>();
        for (TableEngine.Cell c : cells) {
            if (c.released() == null) {
                continue;
            }
            Neighbourhood.Prints p = prints(c, measure, threshold, context);
            out.add(p.fingerprint());
            if (!seen.contains(p.descriptor())) {
                out.addAll(p.near());
            }
        }
        return out;
    }

    /**
     * The descriptor digests of the shown cells, to ask the store which the recipient was given
     * before (the same digests the check then compares, worked out once per remembered cell).
     */
    public static List<String> shownDescriptors(
            List<TableEngine.Cell> cells, String measure, String context, int threshold) {
        List<String> out = new ArrayList<>();
        for (TableEngine.Cell c : cells) {
            if (c.released() != null) {
                out.add(prints(c, measure, threshold, context).descriptor());
            }
        }
        return out;
    }

    private static Neighbourhood.Prints prints(
            TableEngine.Cell c, String measure, int threshold, String context) {
        return c.neighbourhood().prints(measure, threshold, context, c.descriptor());
    }

    /**
     * @param context the feed, measure and link the descriptors are relative to
     */
    public static Outcome decide(
            List<TableEngine.Cell> cells,
            String measure,
            String context,
            int threshold,
            State before) {
        Set<String> released = new HashSet<>(before.released());
        Set<String> blocked = new HashSet<>(before.blocked());
        Set<Integer> withheld = new LinkedHashSet<>();
        List<Entry> record = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            order.add(i);
        }
        long[] nulls = new long[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            nulls[i] = nulls(cells.get(i));
        }
        order.sort(Comparator.comparingLong(i -> nulls[i]));
        for (int i : order) {
            TableEngine.Cell c = cells.get(i);
            if (c.released() == null) {
                continue;
            }
            Neighbourhood.Prints p = prints(c, measure, threshold, context);
            boolean again = before.descriptors().contains(p.descriptor());
            if (!again && (blocked.contains(p.fingerprint()) || anyIn(p.near(), released))) {
                withheld.add(i);
                continue;
            }
            if (!again) {
                record.add(new Entry("RELEASED", p.fingerprint(), p.descriptor()));
            }
            // A record set released before left its near neighbours BLOCKED then.
            boolean known = before.released().contains(p.fingerprint());
            released.add(p.fingerprint());
            if (known) {
                continue;
            }
            for (String nfp : p.near()) {
                if (blocked.add(nfp)) {
                    record.add(new Entry("BLOCKED", nfp, ""));
                }
            }
        }
        return new Outcome(withheld, record);
    }

    private static boolean anyIn(List<String> fingerprints, Set<String> released) {
        for (String fp : fingerprints) {
            if (released.contains(fp)) {
                return true;
            }
        }
        return false;
    }

    private static long nulls(TableEngine.Cell c) {
        long n = 0;
        for (String v : c.key()) {
            n += v == null ? 1 : 0;
        }
        return n;
    }

    /** SHA-256 of the context and the cell's canonical descriptor. */
    public static String descriptorDigest(String context, String descriptor) {
        return RecordSet.sha256(context + "#" + descriptor);
    }
}
