package org.pactum.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pactum.disclosure.DisclosureControl;
import org.pactum.disclosure.Suppression;

/**
 * A released table: cells (and totals when asked), each with its rounded count or null when
 * suppressed, and a statement of the disclosure control applied.
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
        Disclosure disclosure) {

    /**
     * One cell or total: dimension values (null in a total where summed over), count or null, and
     * why.
     */
    public record Cell(Map<String, String> key, Long count, String suppressed) {}

    /** What was done to make the table safe to release. */
    public record Disclosure(
            int threshold,
            int rounding,
            int cellsSuppressedPrimary,
            int cellsSuppressedSecondary,
            int totalsSuppressed,
            String note) {}

    static AggregateView from(
            String agreementId,
            int version,
            String feed,
            AggregateRequest req,
            DisclosureControl.Released r) {
        return new AggregateView(
                agreementId,
                version,
                feed,
                r.dimensions(),
                req.persons() ? "persons" : "rows",
                req.from(),
                req.to(),
                cells(r.dimensions(), r.cells()),
                req.includeTotals() ? cells(r.dimensions(), r.totals()) : null,
                new Disclosure(
                        r.threshold(),
                        r.roundingBase(),
                        r.cellsSuppressedPrimary(),
                        r.cellsSuppressedSecondary(),
                        r.totalsSuppressed(),
                        "Counts from 1 to "
                                + (r.threshold() - 1)
                                + " are suppressed (primary); further cells are "
                                + "suppressed so none can be recovered from totals (secondary); released counts and totals are rounded "
                                + "to the nearest "
                                + r.roundingBase()
                                + ". A null count is suppressed; 0 is a true zero."));
    }

    private static List<Cell> cells(List<String> dims, List<DisclosureControl.Entry> entries) {
        List<Cell> out = new ArrayList<>(entries.size());
        for (DisclosureControl.Entry e : entries) {
            Map<String, String> key = new LinkedHashMap<>();
            for (int i = 0; i < dims.size(); i++) {
                key.put(dims.get(i), e.key().get(i));
            }
            out.add(
                    new Cell(
                            key,
                            e.count(),
                            e.suppression() == Suppression.NONE
                                    ? null
                                    : e.suppression().name().toLowerCase()));
        }
        return out;
    }

    /**
     * The table as CSV: one row per cell (then totals, with "(all)" where summed), safe for
     * spreadsheets.
     */
    String csv() {
        StringBuilder b = new StringBuilder();
        for (String d : dimensions) {
            b.append(CsvCells.cell(d)).append(',');
        }
        b.append("count,suppressed\n");
        List<Cell> all = new ArrayList<>(cells);
        if (totals != null) {
            all.addAll(totals);
        }
        for (Cell c : all) {
            for (String d : dimensions) {
                String v = c.key().get(d);
                b.append(CsvCells.cell(v == null ? "(all)" : v)).append(',');
            }
            b.append(c.count() == null ? "" : c.count())
                    .append(',')
                    .append(c.suppressed() == null ? "" : c.suppressed())
                    .append('\n');
        }
        return b.toString();
    }
}
