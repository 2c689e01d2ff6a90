package org.pactum.disclosure;

import java.util.List;

/**
 * The disclosure profile applied to one release (DESIGN.md, Disclosure control). Defaults, which an
 * agreement may make stricter but never looser:
 *
 * <ul>
 *   <li>threshold 8: a cell whose true or perturbed count is below it shows only the marker;
 *   <li>rounding 5, applied after perturbation to shown values (it widens what a shown value says
 *       about the true count from plus or minus D to plus or minus D + 2, at no cost to
 *       consistency, since the same cell always rounds the same way);
 *   <li>at most 4 variables in a query, filters included (ABS TableBuilder counts a filtered field
 *       as crossed);
 *   <li>at most 2,000 cells and totals in a table;
 *   <li>sparsity: a table is refused when more than half of its non-zero cells hold 1 or 2 records
 *       (such tables are lists of individuals, whatever the noise);
 *   <li>linked windows of 6, 12 or 24 months only.
 * </ul>
 */
public record DisclosureRules(
        Ptable ptable,
        int threshold,
        int roundingBase,
        int maxVariables,
        int maxCells,
        double maxSparseShare,
        List<Integer> linkedWindows) {

    public static final int DEFAULT_THRESHOLD = 8;
    public static final int DEFAULT_ROUNDING = 5;
    public static final int DEFAULT_MAX_VARIABLES = 4;
    public static final int DEFAULT_MAX_CELLS = 2_000;
    public static final double DEFAULT_MAX_SPARSE_SHARE = 0.5;
    public static final List<Integer> LINKED_WINDOWS = List.of(6, 12, 24);

    public DisclosureRules {
        if (threshold < 1 || roundingBase < 1 || maxVariables < 1 || maxCells < 1) {
            throw new IllegalArgumentException("disclosure parameters must be positive");
        }
        linkedWindows = List.copyOf(linkedWindows);
    }

    /**
     * The released value of a true count in a cell with this key, or null for the marker: shown
     * only if both the true and the perturbed count reach the threshold, then rounded.
     */
    public Long release(long count, int cellKey) {
        long perturbed = ptable.perturbed(count, cellKey);
        if (count < threshold || perturbed < threshold) {
            return null;
        }
        return Math.floorDiv(perturbed + roundingBase / 2, roundingBase) * (long) roundingBase;
    }
}
