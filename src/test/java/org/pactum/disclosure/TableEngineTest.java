package org.pactum.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Consistency, additivity and shape of cell-key tables (issues 13 and 20). */
class TableEngineTest {

    private static final List<String> MONTHS =
            List.of("2025-12", "2026-01", "2026-02", "2026-03", "2026-04");
    private static final TableEngine.Variable SEX =
            new TableEngine.Variable("sex", List.of("F", "M", "U", "X"));
    private static final TableEngine.Variable AGE =
            new TableEngine.Variable("ageBand", List.of("0-9", "10-14", "15-17"));

    /** Records: month index, sex index, age index, hash. */
    private record Rec(int month, int sex, int age, long hash) {}

    private static List<Rec> records(long seed, int n) {
        Random r = new Random(seed);
        List<Rec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // no records of sex X and none in month index 4, so some combinations are unobserved
            out.add(new Rec(r.nextInt(4), r.nextInt(3), r.nextInt(3), r.nextLong()));
        }
        return out;
    }

    private static Cube cube(List<Rec> recs) {
        Cube c = Cube.rows(MONTHS.size(), SEX.categories().size(), AGE.categories().size());
        for (Rec r : recs) {
            c.add(new int[] {r.month, r.sex, r.age}, 1, r.hash);
        }
        return c;
    }

    private static DisclosureRules rules() {
        return PtableTest.rules(Ptables.named(Ptables.DEFAULT));
    }

    private static TableEngine.Spec spec(List<String> dims, Map<String, List<String>> filters) {
        return new TableEngine.Spec(MONTHS, 1, 3, List.of(SEX, AGE), dims, filters);
    }

    @Test
    void everyCombinationOfTheRequestedCategoriesAppearsObservedOrNot() {
        List<TableEngine.Cell> cells =
                TableEngine.cells(
                        spec(List.of("sex", "month"), Map.of()), cube(records(1, 200)), rules());
        assertThat(cells).hasSize((4 + 1) * (3 + 1));
        assertThat(cells)
                .filteredOn(c -> "X".equals(c.key().get(0)) && c.key().get(1) != null)
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.records().count()).isZero())
                .allSatisfy(c -> assertThat(c.released()).isNull());
    }

    @Test
    void cellKeysAddUpAcrossRollUpsAndCountsMatchTheRecords() {
        List<Rec> recs = records(2, 500);
        List<TableEngine.Cell> cells =
                TableEngine.cells(spec(List.of("sex", "ageBand"), Map.of()), cube(recs), rules());
        for (TableEngine.Cell c : cells) {
            long n = 0;
            long keys = 0;
            for (Rec r : recs) {
                boolean in =
                        r.month >= 1
                                && r.month <= 3
                                && (c.key().get(0) == null
                                        || SEX.categories().get(r.sex).equals(c.key().get(0)))
                                && (c.key().get(1) == null
                                        || AGE.categories().get(r.age).equals(c.key().get(1)));
                if (in) {
                    n++;
                    keys += r.hash & 0xFF; // the record key
                }
            }
            assertThat(c.records().count()).isEqualTo(n);
            assertThat(c.records().cellKey()).isEqualTo((int) (keys % 256));
        }
    }

    @Test
    void theSameRecordsGetTheSameValueWhateverTheQuery() {
        List<Rec> recs = records(3, 400);
        Cube cube = cube(recs);
        // sex F as a cell of a sex table, as a filtered total, and as a cell crossed with nothing
        // else, over the same months: one record set, one value.
        TableEngine.Cell asCell =
                TableEngine.cells(spec(List.of("sex"), Map.of()), cube, rules()).get(0);
        List<TableEngine.Cell> filtered =
                TableEngine.cells(spec(List.of(), Map.of("sex", List.of("F"))), cube, rules());
        TableEngine.Cell ageTotal =
                TableEngine.cells(
                                spec(List.of("ageBand"), Map.of("sex", List.of("F"))),
                                cube,
                                rules())
                        .get(3);
        assertThat(asCell.key()).containsExactly("F");
        assertThat(filtered).hasSize(1);
        assertThat(ageTotal.key()).containsExactly((String) null);
        assertThat(asCell.released()).isNotNull();
        assertThat(filtered.get(0).released()).isEqualTo(asCell.released());
        assertThat(ageTotal.released()).isEqualTo(asCell.released());
        assertThat(filtered.get(0).descriptor()).isEqualTo(asCell.descriptor());
    }

    @Test
    void neighboursAreTheCellWithOneMonthOrOneCategoryMoreOrLess() {
        List<Rec> recs = records(4, 300);
        TableEngine.Cell f =
                TableEngine.cells(spec(List.of(), Map.of("sex", List.of("F"))), cube(recs), rules())
                        .get(0);
        Map<Long, Integer> sizes = new HashMap<>();
        f.neighbours().forEach(n -> sizes.merge(n.records().count(), 1, Integer::sum));
        long jan = recs.stream().filter(r -> r.sex == 0 && r.month == 1).count();
        long feb2mar =
                recs.stream().filter(r -> r.sex == 0 && r.month >= 2 && r.month <= 3).count();
        long dec = recs.stream().filter(r -> r.sex == 0 && r.month == 0).count();
        long fm = recs.stream().filter(r -> r.sex <= 1 && r.month >= 1 && r.month <= 3).count();
        assertThat(sizes).containsKeys(feb2mar, f.records().count() + dec, fm);
        // 2 shorter, 2 longer, 3 other sexes added, 3 age bands removed
        assertThat(f.neighbours()).hasSize(4 + 3 + 3);
        assertThat(jan).isPositive();
    }

    /**
     * Every neighbour of every cell and total, in a table with a filter, adds up exactly the
     * records its selection names, recounted here from the records themselves (not from the cube),
     * and is one step from the cell: one month more or less at an end, or one category more or
     * less.
     */
    @Test
    void everyNeighbourHoldsExactlyTheRecordsOfItsSelection() {
        List<Rec> recs = records(5, 700);
        List<TableEngine.Cell> cells =
                TableEngine.cells(
                        spec(List.of("sex", "month"), Map.of("ageBand", List.of("0-9", "15-17"))),
                        cube(recs),
                        rules());
        int checked = 0;
        for (TableEngine.Cell c : cells) {
            for (TableEngine.Neighbour n : c.neighbours()) {
                int[][] sel = n.selection();
                long count = 0;
                long hashes = 0;
                for (Rec r : recs) {
                    if (contains(sel[0], r.month)
                            && contains(sel[1], r.sex)
                            && contains(sel[2], r.age)) {
                        count++;
                        hashes += r.hash;
                    }
                }
                assertThat(n.records()).isEqualTo(new RecordSet(count, hashes));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(cells.size());
    }

    private static boolean contains(int[] selection, int v) {
        for (int s : selection) {
            if (s == v) {
                return true;
            }
        }
        return false;
    }
}
