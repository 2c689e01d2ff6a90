package org.pactum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.pactum.disclosure.Cube;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.Ptables;
import org.pactum.disclosure.ReleaseHistory;
import org.pactum.disclosure.TableEngine;

/**
 * The disclosure step alone (cell-key perturbation of every cell and total, the release history's
 * neighbours, fingerprints and decision), in process, on a table of the shape the API released:
 * council x month x age band x sex.
 */
final class DisclosureProfile {

    private static final List<String> VARIABLES = List.of("localAuthority", "ageBand", "sex");

    private DisclosureProfile() {}

    /** The median time of the disclosure step over a table shaped like {@code released}. */
    static double medianMillis(JsonNode released, int months) {
        List<TableEngine.Variable> variables = new ArrayList<>();
        for (String v : VARIABLES) {
            Set<String> categories = new LinkedHashSet<>();
            for (JsonNode cell : released.get("cells")) {
                JsonNode value = cell.get("key").get(v);
                if (value != null && !value.isNull()) {
                    categories.add(value.asText());
                }
            }
            variables.add(new TableEngine.Variable(v, List.copyOf(categories)));
        }
        List<String> axis = new ArrayList<>();
        YearMonth last = ReleaseBenchmark.LAST;
        for (int m = months; m >= -1; m--) {
            axis.add(last.minusMonths(m).toString());
        }
        TableEngine.Spec spec =
                new TableEngine.Spec(
                        axis,
                        1,
                        months,
                        variables,
                        List.of("localAuthority", "month", "ageBand", "sex"),
                        Map.of());
        Cube cube = filled(axis.size(), variables);
        DisclosureRules rules =
                new DisclosureRules(
                        Ptables.named(Ptables.DEFAULT),
                        DisclosureRules.DEFAULT_THRESHOLD,
                        DisclosureRules.DEFAULT_ROUNDING,
                        DisclosureRules.DEFAULT_MAX_VARIABLES,
                        DisclosureRules.DEFAULT_MAX_CELLS,
                        DisclosureRules.DEFAULT_MAX_SPARSE_SHARE,
                        DisclosureRules.LINKED_WINDOWS);
        List<Double> times = new ArrayList<>();
        for (int run = 0; run < 25; run++) {
            long start = System.nanoTime();
            List<TableEngine.Cell> cells = TableEngine.cells(spec, cube, rules);
            // The history's part (neighbours of shown cells, fingerprints, the decision), against
            // a recipient who holds nothing yet; the store's queries are not in process.
            ReleaseHistory.candidates(cells, "rows", "bench", rules.threshold(), Set.of());
            ReleaseHistory.decide(
                    cells,
                    "rows",
                    "bench",
                    rules.threshold(),
                    new ReleaseHistory.State(Set.of(), Set.of(), Set.of()));
            if (run >= 5) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        return ReleaseBenchmark.percentile(times, 50);
    }

    private static Cube filled(int months, List<TableEngine.Variable> variables) {
        int[] sizes = new int[variables.size() + 1];
        sizes[0] = months;
        for (int i = 0; i < variables.size(); i++) {
            sizes[i + 1] = variables.get(i).categories().size();
        }
        Cube cube = Cube.rows(sizes);
        Random random = new Random(14);
        int[] at = new int[sizes.length];
        fill(cube, sizes, at, 0, random);
        return cube;
    }

    private static void fill(Cube cube, int[] sizes, int[] at, int axis, Random random) {
        if (axis == sizes.length) {
            long rows = random.nextInt(40);
            cube.add(at.clone(), rows, random.nextLong());
            return;
        }
        for (int i = 0; i < sizes[axis]; i++) {
            at[axis] = i;
            fill(cube, sizes, at, axis + 1, random);
        }
    }
}
