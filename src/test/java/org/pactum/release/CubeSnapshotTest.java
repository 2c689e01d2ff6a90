package org.pactum.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pactum.disclosure.Cube;
import org.pactum.disclosure.RecordSet;

/**
 * A copy of a cube adds up exactly the cells the database path would select and places them on the
 * same axes: checked against a recount of the raw cells written here, with the predicates and
 * placing rules spelt out independently (provider in the agreement, month in range, row filter
 * values, a missing value read as "(not recorded)", an unknown one falling to it when that is a
 * category).
 */
class CubeSnapshotTest {

    private static final List<String> COLUMNS =
            List.of("provider", "event_month", "sex", "attrs->>'knife_flag'");
    private static final String NR = "(not recorded)";

    private record Raw(
            String provider, String month, String sex, String knife, long rows, long h) {}

    private static List<Raw> raw(long seed, int n) {
        Random r = new Random(seed);
        String[] providers = {"wm-police", "other-police", "third"};
        String[] sexes = {"F", "M", "U", null, "odd"};
        String[] knives = {"true", "false", null};
        List<Raw> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String month =
                    r.nextInt(20) == 0 ? null : "2026-" + String.format("%02d", 1 + r.nextInt(12));
            out.add(
                    new Raw(
                            providers[r.nextInt(providers.length)],
                            month,
                            sexes[r.nextInt(sexes.length)],
                            knives[r.nextInt(knives.length)],
                            1 + r.nextInt(9),
                            r.nextLong()));
        }
        return out;
    }

    private static CubeSnapshot copyOf(List<Raw> cells) {
        CubeSnapshot.Builder b = new CubeSnapshot.Builder(7, COLUMNS);
        for (Raw c : cells) {
            assertThat(b.add(new String[] {c.provider, c.month, c.sex, c.knife}, c.rows, c.h))
                    .isTrue();
        }
        return b.build();
    }

    private static Map<String, Integer> index(List<String> values) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            out.put(values.get(i), i);
        }
        return out;
    }

    @Test
    void theCopyAddsUpWhatTheQueryWouldSelectPlacedAsTheQueryPlacesIt() {
        List<Raw> cells = raw(14, 3_000);
        List<String> months = List.of("2026-02", "2026-03", "2026-04", "2026-05", "2026-06");
        List<String> sexes = List.of("F", "M", NR);
        List<String> knives = List.of("false", "true");
        for (boolean filtered : List.of(false, true)) {
            Map<String, Set<String>> rowFilter =
                    filtered ? Map.of("attrs->>'knife_flag'", Set.of("true")) : Map.of();
            Cube cube = Cube.rows(months.size(), sexes.size(), knives.size());
            copyOf(cells)
                    .addTo(
                            cube,
                            new CubeSnapshot.Selection(
                                    Set.of("wm-police", "third"),
                                    "2026-03",
                                    "2026-06",
                                    rowFilter,
                                    index(months),
                                    List.of("sex", "attrs->>'knife_flag'"),
                                    List.of(index(sexes), index(knives)),
                                    NR));
            for (int m = 0; m < months.size(); m++) {
                for (int s = 0; s < sexes.size(); s++) {
                    for (int k = 0; k < knives.size(); k++) {
                        long n = 0;
                        long h = 0;
                        for (Raw c : cells) {
                            boolean provider =
                                    c.provider.equals("wm-police") || c.provider.equals("third");
                            boolean inRange =
                                    c.month != null
                                            && c.month.compareTo("2026-03") >= 0
                                            && c.month.compareTo("2026-06") <= 0;
                            boolean passes = !filtered || "true".equals(c.knife);
                            // sex: F and M as they are; null and unknown values fall to NR
                            String sex = "F".equals(c.sex) || "M".equals(c.sex) ? c.sex : NR;
                            if (provider
                                    && inRange
                                    && passes
                                    && c.month.equals(months.get(m))
                                    && sex.equals(sexes.get(s))
                                    && knives.get(k).equals(c.knife)) {
                                n += c.rows;
                                h += c.h;
                            }
                        }
                        int[] all = {m, s, k};
                        int[][] one = new int[3][];
                        for (int a = 0; a < 3; a++) {
                            one[a] = new int[] {all[a]};
                        }
                        assertThat(cube.sum(one))
                                .as("month %s sex %s knife %s filtered %s", m, s, k, filtered)
                                .isEqualTo(new RecordSet(n, h));
                    }
                }
            }
        }
    }

    @Test
    void aColumnWithMoreValuesThanACodeCanNameIsRefused() {
        CubeSnapshot.Builder b = new CubeSnapshot.Builder(1, List.of("provider", "event_month"));
        for (int i = 0; i < Character.MAX_VALUE; i++) {
            assertThat(b.add(new String[] {"p", "m" + i}, 1, i)).isTrue();
        }
        assertThat(b.add(new String[] {"p", "one too many"}, 1, 0)).isFalse();
        assertThat(b.add(new String[] {"p", "m7"}, 1, 0)).as("a known value still fits").isTrue();
        assertThat(b.oversized().oversized()).isTrue();
        assertThat(b.build().cells()).isEqualTo(Character.MAX_VALUE + 1);
        assertThat(b.build().keeps(List.of("event_month", "sex"))).isFalse();
    }
}
