package org.pactum.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates a perturbation table (ptable) by a documented, reproducible method, so that anyone can
 * regenerate the shipped CSV and check it (a test does). The method:
 *
 * <ol>
 *   <li>Noise distribution. Perturbations k in -D..D get probabilities proportional to exp(-lambda
 *       k^2): the maximum-entropy distribution on that support with mean 0 and a given variance (as
 *       in sdcTools' ptable). lambda is found by bisection so that the variance is V. The
 *       distribution is symmetric, so its mean is exactly 0.
 *   <li>Quantisation to 256 cell keys. Each k >= 1 gets round(256 p_k) keys (at least one), -k the
 *       same, and 0 the rest: the quantised distribution stays symmetric, so the released value's
 *       mean is exactly the true count.
 *   <li>Rows. A true count n >= threshold T gets the noise above: released n + k, and n + k below T
 *       shows as the below-threshold marker, so counts are perturbed around the threshold from
 *       above too and the marker is decided on the perturbed value. Since D <= T, n + k is never
 *       negative. A true count 0..T-1 is always released as 0, that is, as the marker (issue 13: no
 *       small count ever appears as itself).
 *   <li>Key layout. Row n lays its intervals out in order of k from key offset (n * 151) mod 256
 *       (151 is odd, so offsets cycle through every key), wrapping at 256; so one cell key maps to
 *       unrelated perturbations at neighbouring counts. Counts at and above T + rows reuse row T +
 *       ((n - T) mod rows).
 * </ol>
 */
public final class PtableGenerator {

    static final int KEYS = 256;
    static final int ROTATION = 151;

    private PtableGenerator() {}

    /** The parameters that define a ptable; its name carries its version. */
    public record Parameters(String name, int threshold, int maxNoise, double variance, int rows) {
        public Parameters {
            if (threshold < 2 || maxNoise < 1 || maxNoise > threshold || rows < 1) {
                throw new IllegalArgumentException(
                        "need threshold >= 2, 1 <= maxNoise <= threshold and rows >= 1");
            }
            if (variance <= 0 || variance >= maxNoise * (maxNoise + 1) / 3.0) {
                throw new IllegalArgumentException(
                        "variance must lie strictly between 0 and D(D+1)/3, the uniform variance");
            }
        }
    }

    /** Key counts for perturbations -D..D (index k + D), summing to 256. */
    static int[] keyCounts(Parameters p) {
        int d = p.maxNoise();
        double lo = 0;
        double hi = 50;
        // variance(lambda) falls from the uniform variance (lambda = 0) towards 0: bisect.
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (variance(mid, d) > p.variance()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double lambda = (lo + hi) / 2;
        double[] w = new double[2 * d + 1];
        double sum = 0;
        for (int k = -d; k <= d; k++) {
            w[k + d] = Math.exp(-lambda * k * k);
            sum += w[k + d];
        }
        int[] keys = new int[2 * d + 1];
        int used = 0;
        for (int k = 1; k <= d; k++) {
            int c = Math.max(1, (int) Math.round(KEYS * w[k + d] / sum));
            keys[d + k] = c;
            keys[d - k] = c;
            used += 2 * c;
        }
        keys[d] = KEYS - used;
        if (keys[d] < 1) {
            throw new IllegalArgumentException("the noise is too wide for 256 cell keys");
        }
        return keys;
    }

    private static double variance(double lambda, int d) {
        double s = 0;
        double s2 = 0;
        for (int k = -d; k <= d; k++) {
            double w = Math.exp(-lambda * k * k);
            s += w;
            s2 += w * k * k;
        }
        return s2 / s;
    }

    public static Ptable generate(Parameters p) {
        int d = p.maxNoise();
        int[] counts = keyCounts(p);
        List<Ptable.Interval> intervals = new ArrayList<>();
        for (int n = 0; n < p.threshold(); n++) {
            intervals.add(new Ptable.Interval(n, -n, 0, KEYS - 1));
        }
        for (int n = p.threshold(); n < p.threshold() + p.rows(); n++) {
            int at = (n * ROTATION) % KEYS;
            for (int k = -d; k <= d; k++) {
                int len = counts[k + d];
                int end = at + len - 1;
                if (end < KEYS) {
                    intervals.add(new Ptable.Interval(n, k, at, end));
                } else {
                    intervals.add(new Ptable.Interval(n, k, at, KEYS - 1));
                    intervals.add(new Ptable.Interval(n, k, 0, end - KEYS));
                }
                at = (at + len) % KEYS;
            }
        }
        return new Ptable(p, intervals);
    }

    /** The CSV form shipped as a resource: a parameter comment line, a header, the intervals. */
    public static String csv(Ptable table) {
        Parameters p = table.parameters();
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "# name=%s threshold=%d max_noise=%d variance=%s rows=%d method=max-entropy-symmetric rotation=%d%n",
                        p.name(),
                        p.threshold(),
                        p.maxNoise(),
                        Double.toString(p.variance()),
                        p.rows(),
                        ROTATION));
        b.append("count,perturbation,key_from,key_to\n");
        for (Ptable.Interval i : table.intervals()) {
            b.append(i.count())
                    .append(',')
                    .append(i.perturbation())
                    .append(',')
                    .append(i.keyFrom())
                    .append(',')
                    .append(i.keyTo())
                    .append('\n');
        }
        return b.toString();
    }

    /** Regenerates a ptable CSV: {@code name threshold maxNoise variance rows}. */
    public static void main(String[] args) {
        Parameters p =
                new Parameters(
                        args[0],
                        Integer.parseInt(args[1]),
                        Integer.parseInt(args[2]),
                        Double.parseDouble(args[3]),
                        Integer.parseInt(args[4]));
        System.out.print(csv(generate(p)));
    }
}
