package org.pactum.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.TableEngine;
import org.pactum.platform.CsvCells;

/**
 * A released table: every combination of the requested categories (and the totals when asked), each
 * with its perturbed, rounded count or null for the one marker (fewer than the threshold, a true
 * zero included), and a statement of what was done; with a {@code localAuthority} dimension, the
 * councils' names beside their ONS codes ({@code names}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AggregateView(
        String agreementId,
        int agreementVersion,
        String feed,
        List<String> dimensions,
        String measure,
        String from,
        String to,
        List<Cell> cells,
        List<Cell> totals,
        Statement disclosure,
        Budget budget,
        Map<String, String> names) {

    /** One cell or total: dimension values (null in a total where summed over) and the count. */
    public record Cell(Map<String, String> key, Long count) {}

    /** The query budget after this table. */
    public record Budget(int limit, int remaining, String renewsAt) {}

    /**
     * What was done to make the table safe to release (also in the audit entry).
     *
     * @param cellsBelowThreshold cells and totals shown as the marker, whatever the reason (below
     *     the threshold, true or perturbed; or withheld by the release history)
     */
    public record Statement(
            String method,
            String ptable,
            int threshold,
            int maxNoise,
            double variance,
            int rounding,
            String marker,
            int cells,
            int cellsShown,
            int cellsPerturbed,
            int cellsBelowThreshold,
            List<String> rulesApplied,
            String note) {

        static Statement of(
                DisclosureRules rules,
                List<TableEngine.Cell> cells,
                Set<Integer> withheld,
                List<String> rulesApplied) {
            int shown = 0;
            int perturbed = 0;
            for (int i = 0; i < cells.size(); i++) {
                TableEngine.Cell c = cells.get(i);
                if (c.released() != null && !withheld.contains(i)) {
                    shown++;
                    if (c.perturbed()) {
                        perturbed++;
                    }
                }
            }
            return new Statement(
                    "cell-key-perturbation",
                    rules.ptable().name(),
                    rules.threshold(),
                    rules.ptable().parameters().maxNoise(),
                    rules.ptable().parameters().variance(),
                    rules.roundingBase(),
                    "<" + rules.threshold(),
                    cells.size(),
                    shown,
                    perturbed,
                    cells.size() - shown,
                    List.copyOf(rulesApplied),
                    "Every count is the true count plus noise of at most "
                            + rules.ptable().parameters().maxNoise()
                            + " from the perturbation table (the same cell always gets the same noise), then rounded to the nearest "
                            + rules.roundingBase()
                            + ". A null count (<"
                            + rules.threshold()
                            + " in CSV) means fewer than "
                            + rules.threshold()
                            + ", zero included, or withheld because it would differ too little from a table already released to your organisation. Totals are perturbed as cells of their own, so cells need not add up to them.");
        }
    }

    static AggregateView from(
            String agreementId,
            int version,
            String feed,
            String measure,
            Periods.Range range,
            TableEngine.Spec spec,
            List<TableEngine.Cell> all,
            Set<Integer> withheld,
            boolean includeTotals,
            Statement statement,
            QueryBudget.Standing standing) {
        List<Cell> cells = new ArrayList<>();
        List<Cell> totals = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            TableEngine.Cell c = all.get(i);
            Map<String, String> key = new LinkedHashMap<>();
            for (int d = 0; d < spec.dimensions().size(); d++) {
                key.put(spec.dimensions().get(d), c.key().get(d));
            }
            Cell out = new Cell(key, withheld.contains(i) ? null : c.released());
            (c.total() ? totals : cells).add(out);
        }
        return new AggregateView(
                agreementId,
                version,
                feed,
                spec.dimensions(),
                measure,
                range.first().toString(),
                range.last().toString(),
                cells,
                includeTotals ? totals : null,
                statement,
                new Budget(standing.limit(), standing.remaining(), standing.renewsAt().toString()),
                null);
    }

    /** The same table with {@code names}: local authority code to council name (AuthorityNames). */
    AggregateView withNames(Map<String, String> names) {
        return new AggregateView(
                agreementId,
                agreementVersion,
                feed,
                dimensions,
                measure,
                from,
                to,
                cells,
                totals,
                disclosure,
                budget,
                names);
    }

    private boolean named(String dimension) {
        return names != null && dimension.equals(AuthorityNames.DIMENSION);
    }

    /**
     * The table as CSV: one row per cell (then totals, with "(all)" where summed), the marker where
     * no count is shown, safe for spreadsheets; a {@code localAuthorityName} column after the codes
     * when the table has names.
     */
    String csv() {
        StringBuilder b = new StringBuilder();
        for (String d : dimensions) {
            b.append(CsvCells.cell(d)).append(',');
            if (named(d)) {
                b.append(d).append("Name,");
            }
        }
        b.append("count\n");
        List<Cell> all = new ArrayList<>(cells);
        if (totals != null) {
            all.addAll(totals);
        }
        for (Cell c : all) {
            for (String d : dimensions) {
                String v = c.key().get(d);
                b.append(CsvCells.cell(v == null ? "(all)" : v)).append(',');
                if (named(d)) {
                    b.append(CsvCells.cell(v == null ? "" : names.get(v))).append(',');
                }
            }
            b.append(c.count() == null ? CsvCells.cell(disclosure.marker()) : c.count())
                    .append('\n');
        }
        return b.toString();
    }
}
