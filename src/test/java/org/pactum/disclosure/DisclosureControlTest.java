package org.pactum.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisclosureControlTest {

    private static final DisclosureRules RULES = DisclosureRules.DEFAULT;

    private static DisclosureControl.Released oneCell(long count) {
        return DisclosureControl.apply(new Table(List.of()).add(List.of(), count), RULES, false);
    }

    @ParameterizedTest(name = "a count of {0} is released as {1} ({2})")
    @CsvSource({
        "0, 0, NONE",
        "1, , PRIMARY",
        "7, , PRIMARY", // threshold - 1
        "8, 10, NONE", // threshold: released, rounded to the nearest 5
        "9, 10, NONE", // threshold + 1
        "12, 10, NONE",
        "13, 15, NONE",
        "1000, 1000, NONE"
    })
    void suppressesBelowTheThresholdAndRoundsTheRest(
            long count, Long released, Suppression suppression) {
        DisclosureControl.Entry e = oneCell(count).cells().get(0);
        assertThat(e.count()).isEqualTo(released);
        assertThat(e.suppression()).isEqualTo(suppression);
    }

    @ParameterizedTest(name = "threshold {0}, rounding {1}: {2} -> {3}")
    @CsvSource({
        "10, 10, 9, ",
        "10, 10, 10, 10",
        "10, 10, 14, 10",
        "10, 10, 15, 20",
        "8, 5, 7, ",
        "8, 5, 8, 10"
    })
    void aStricterProfileIsHonoured(int threshold, int base, long count, Long released) {
        var r =
                DisclosureControl.apply(
                        new Table(List.of()).add(List.of(), count),
                        new DisclosureRules(threshold, base),
                        false);
        assertThat(r.cells().get(0).count()).isEqualTo(released);
    }

    @Test
    void aLoneSuppressedCellInALineGetsACompanionSoTheTotalCannotRevealIt() {
        Table t =
                new Table(List.of("la"))
                        .add(List.of("A"), 3)
                        .add(List.of("B"), 20)
                        .add(List.of("C"), 40);
        var r = DisclosureControl.apply(t, RULES, true);
        Map<String, DisclosureControl.Entry> byLa = new HashMap<>();
        r.cells().forEach(e -> byLa.put(e.key().get(0), e));
        assertThat(byLa.get("A").suppression()).isEqualTo(Suppression.PRIMARY);
        assertThat(byLa.get("B").suppression())
                .as("the smallest other cell")
                .isEqualTo(Suppression.SECONDARY);
        assertThat(byLa.get("C").count()).isEqualTo(40);
        assertThat(r.cellsSuppressedPrimary()).isEqualTo(1);
        assertThat(r.cellsSuppressedSecondary()).isEqualTo(1);
        assertThat(r.totals())
                .singleElement()
                .satisfies(total -> assertThat(total.count()).isEqualTo(65));
    }

    @Test
    void twoSuppressedCellsSummingBelowTheThresholdNeedAThird() {
        Table t =
                new Table(List.of("la"))
                        .add(List.of("A"), 2)
                        .add(List.of("B"), 3)
                        .add(List.of("C"), 9)
                        .add(List.of("D"), 50);
        var r = DisclosureControl.apply(t, RULES, false);
        assertThat(r.cells())
                .filteredOn(e -> e.suppression() != Suppression.NONE)
                .extracting(e -> e.key().get(0))
                .containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void zeroIsReleasedAsZeroNotAsSuppressed() {
        Table t =
                new Table(List.of("la", "sex"))
                        .add(List.of("A", "F"), 20)
                        .add(List.of("A", "M"), 30)
                        .add(List.of("B", "M"), 40);
        var r = DisclosureControl.apply(t, RULES, false);
        assertThat(r.cells())
                .anySatisfy(
                        e -> {
                            assertThat(e.key()).containsExactly("B", "F");
                            assertThat(e.count()).isZero();
                            assertThat(e.suppression()).isEqualTo(Suppression.NONE);
                        });
    }

    @Test
    void aLineWithNothingElseToHideHidesItsTotal() {
        Table t = new Table(List.of("la")).add(List.of("A"), 12).add(List.of("B"), 0);
        Table small =
                new Table(List.of("la", "sex"))
                        .add(List.of("A", "F"), 3)
                        .add(List.of("A", "M"), 0)
                        .add(List.of("B", "M"), 50);
        var r = DisclosureControl.apply(small, RULES, true);
        // Row A: F=3 suppressed, M is a true zero and cannot be a companion: the row total (3) is
        // hidden instead.
        assertThat(r.totals())
                .anySatisfy(
                        e -> {
                            assertThat(e.key()).containsExactly("A", null);
                            assertThat(e.count()).isNull();
                        });
        assertThat(DisclosureControl.apply(t, RULES, true).cellsSuppressedPrimary()).isZero();
    }

    /** Randomised tables: the invariants hold for every one of thousands. */
    @Test
    void invariantsHoldOverThousandsOfRandomTables() {
        Random random = new Random(20231);
        for (int trial = 0; trial < 3_000; trial++) {
            int dims = 1 + random.nextInt(3);
            List<String> names = new ArrayList<>();
            for (int d = 0; d < dims; d++) {
                names.add("d" + d);
            }
            Table t = new Table(names);
            int[] sizes = new int[dims];
            for (int d = 0; d < dims; d++) {
                sizes[d] = 1 + random.nextInt(6);
            }
            int cells = 1;
            for (int s : sizes) {
                cells *= s;
            }
            for (int c = 0; c < cells; c++) {
                List<String> key = new ArrayList<>();
                int rest = c;
                for (int d = 0; d < dims; d++) {
                    key.add("v" + (rest % sizes[d]));
                    rest /= sizes[d];
                }
                int p = random.nextInt(10);
                long count = p < 2 ? 0 : p < 5 ? 1 + random.nextInt(7) : random.nextInt(200);
                t.add(key, count);
            }
            DisclosureRules rules = random.nextBoolean() ? RULES : new DisclosureRules(10, 10);
            DisclosureChecks.assertSafe(t, DisclosureControl.apply(t, rules, true), rules);
        }
    }
}
