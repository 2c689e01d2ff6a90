package org.pactum.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The history-aware release rule (issue 20), on hand-built record sets. */
class ReleaseHistoryTest {

    private static final List<String> MONTHS = List.of("2025-12", "2026-01", "2026-02", "2026-03");
    private static final TableEngine.Variable SEX =
            new TableEngine.Variable("sex", List.of("F", "M"));

    /** 40 records in Jan, {@code feb} in Feb, 30 in Mar, all sex M except {@code f} in Jan. */
    private static Cube cube(int feb, int f) {
        Cube c = Cube.rows(MONTHS.size(), 2);
        long h = 1;
        for (int i = 0; i < 40; i++) {
            c.add(new int[] {1, i < f ? 0 : 1}, 1, h++ * 0x9E3779B97F4A7C15L);
        }
        for (int i = 0; i < feb; i++) {
            c.add(new int[] {2, 1}, 1, h++ * 0x9E3779B97F4A7C15L);
        }
        for (int i = 0; i < 30; i++) {
            c.add(new int[] {3, 1}, 1, h++ * 0x9E3779B97F4A7C15L);
        }
        return c;
    }

    private static List<TableEngine.Cell> table(
            Cube cube, int from, int to, Map<String, List<String>> filters) {
        return TableEngine.cells(
                new TableEngine.Spec(MONTHS, from, to, List.of(SEX), List.of(), filters),
                cube,
                PtableTest.rules(Ptables.named(Ptables.DEFAULT)));
    }

    /** Applies a release to a running state, as the store would. */
    private static ReleaseHistory.Outcome release(
            List<TableEngine.Cell> cells,
            Set<String> released,
            Set<String> blocked,
            Set<String> seen) {
        ReleaseHistory.Outcome o =
                ReleaseHistory.decide(
                        cells, "rows", "ctx", 8, new ReleaseHistory.State(released, blocked, seen));
        for (ReleaseHistory.Entry e : o.record()) {
            if (e.kind().equals("RELEASED")) {
                released.add(e.fingerprint());
                seen.add(e.descriptor());
            } else {
                blocked.add(e.fingerprint());
            }
        }
        return o;
    }

    @Test
    void aRangeOneSmallMonthLongerThanOneReleasedIsWithheldEitherWayRound() {
        for (int feb : new int[] {0, 1, 7}) {
            Cube cube = cube(feb, 0);
            Set<String> r = new HashSet<>();
            Set<String> b = new HashSet<>();
            Set<String> s = new HashSet<>();
            assertThat(release(table(cube, 1, 1, Map.of()), r, b, s).withheld()).isEmpty();
            assertThat(release(table(cube, 1, 2, Map.of()), r, b, s).withheld())
                    .as("Jan..Feb after Jan, Feb holding %d", feb)
                    .containsExactly(0);
            Set<String> r2 = new HashSet<>();
            Set<String> b2 = new HashSet<>();
            Set<String> s2 = new HashSet<>();
            assertThat(release(table(cube, 1, 2, Map.of()), r2, b2, s2).withheld()).isEmpty();
            assertThat(release(table(cube, 1, 1, Map.of()), r2, b2, s2).withheld())
                    .as("Jan after Jan..Feb, Feb holding %d", feb)
                    .containsExactly(0);
        }
    }

    @Test
    void aMonthOfAtLeastTheThresholdIsNoObstacle() {
        Cube cube = cube(8, 0);
        Set<String> r = new HashSet<>();
        Set<String> b = new HashSet<>();
        Set<String> s = new HashSet<>();
        release(table(cube, 1, 1, Map.of()), r, b, s);
        assertThat(release(table(cube, 1, 2, Map.of()), r, b, s).withheld()).isEmpty();
    }

    @Test
    void aColumnDifferenceIsWithheldAndTheSameTableAgainIsReleasedAsBefore() {
        Cube cube = cube(20, 3);
        Set<String> r = new HashSet<>();
        Set<String> b = new HashSet<>();
        Set<String> s = new HashSet<>();
        // all sexes, Jan..Mar; then only M: differs by the 3 F records
        assertThat(release(table(cube, 1, 3, Map.of()), r, b, s).withheld()).isEmpty();
        assertThat(release(table(cube, 1, 3, Map.of("sex", List.of("M"))), r, b, s).withheld())
                .containsExactly(0);
        assertThat(release(table(cube, 1, 3, Map.of()), r, b, s).withheld()).isEmpty();
        assertThat(release(table(cube, 1, 3, Map.of("sex", List.of("F", "M"))), r, b, s).withheld())
                .as("all of a variable is the same cell as leaving it out")
                .isEmpty();
    }
}
