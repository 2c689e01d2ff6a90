package org.pactum.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The invariants of a safe release, checked against the true table: used on random tables and on
 * real query output. Independent of DisclosureControl's own bookkeeping: it recomputes totals and
 * lines.
 */
public final class DisclosureChecks {

    private DisclosureChecks() {}

    public static void assertSafe(
            Table truth, DisclosureControl.Released released, DisclosureRules rules) {
        Map<List<String>, DisclosureControl.Entry> all = new HashMap<>();
        released.cells().forEach(e -> all.put(e.key(), e));
        released.totals().forEach(e -> all.put(e.key(), e));
        int dims = truth.dimensions().size();
        for (DisclosureControl.Entry e : all.values()) {
            long trueCount = trueCount(truth, e.key());
            if (e.count() == null) {
                assertThat(e.suppression()).isNotEqualTo(Suppression.NONE);
                continue;
            }
            assertThat(trueCount)
                    .as("released entry %s is not in 1..threshold-1", e.key())
                    .satisfiesAnyOf(
                            c -> assertThat(c).isZero(),
                            c -> assertThat(c).isGreaterThanOrEqualTo(rules.threshold()));
            assertThat(e.count() % rules.roundingBase()).as("rounded to the base").isZero();
            assertThat(Math.abs(e.count() - trueCount))
                    .isLessThanOrEqualTo(rules.roundingBase() / 2);
            if (trueCount == 0) {
                assertThat(e.count()).as("zero released as zero").isZero();
            }
        }
        // Every line whose total is released: nothing hidden, or at least two hidden summing to the
        // threshold.
        for (DisclosureControl.Entry total : all.values()) {
            for (int d = 0; d < dims; d++) {
                if (total.key().get(d) != null || total.count() == null) {
                    continue;
                }
                int hidden = 0;
                long hiddenSum = 0;
                for (String v : truth.values(d)) {
                    List<String> k = new ArrayList<>(total.key());
                    k.set(d, v);
                    DisclosureControl.Entry member = all.get(k);
                    assertThat(member).as("line member %s exists", k).isNotNull();
                    if (member.count() == null) {
                        hidden++;
                        hiddenSum += trueCount(truth, k);
                    }
                }
                assertThat(hidden == 0 || (hidden >= 2 && hiddenSum >= rules.threshold()))
                        .as(
                                "line %s along %s: %d hidden summing to %d",
                                total.key(), d, hidden, hiddenSum)
                        .isTrue();
            }
        }
        long primary =
                released.cells().stream()
                        .filter(e -> e.suppression() == Suppression.PRIMARY)
                        .count();
        assertThat(released.cellsSuppressedPrimary()).isEqualTo((int) primary);
    }

    /** The true count of a cell or total (null = summed over that dimension). */
    static long trueCount(Table truth, List<String> key) {
        long sum = 0;
        for (List<String> cell : truth.grid()) {
            boolean match = true;
            for (int i = 0; i < key.size() && match; i++) {
                match = key.get(i) == null || key.get(i).equals(cell.get(i));
            }
            if (match) {
                sum += truth.count(cell);
            }
        }
        return sum;
    }
}
