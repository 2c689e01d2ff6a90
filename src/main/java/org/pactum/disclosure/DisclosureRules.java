package org.pactum.disclosure;

/**
 * The disclosure profile applied to one release: counts from 1 to {@code threshold - 1} are
 * suppressed, and released counts and totals are rounded to the nearest {@code roundingBase}.
 * Defaults follow OpenSAFELY and NHS practice (DOMAIN.md): threshold 8, rounding 5.
 */
public record DisclosureRules(int threshold, int roundingBase) {

    public static final DisclosureRules DEFAULT = new DisclosureRules(8, 5);

    public DisclosureRules {
        if (threshold < 1 || roundingBase < 1) {
            throw new IllegalArgumentException("threshold and rounding base must be positive");
        }
    }

    /**
     * Nearest multiple of the base, halves up. A released count is at least the threshold, so never
     * 0.
     */
    public long round(long count) {
        return Math.floorDiv(count + roundingBase / 2, roundingBase) * roundingBase;
    }

    public boolean belowThreshold(long count) {
        return count > 0 && count < threshold;
    }
}
