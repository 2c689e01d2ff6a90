package org.pactum.release;

import java.util.List;
import java.util.Map;

/**
 * What an analyst may ask under an agreement (issue 13): per feed, the dimensions and filters with
 * their allowed values, what may be crossed, the periods held, the measures, the disclosure method
 * and its parameters, what is left of the query budget, and the rows the agreement covers (its row
 * filter, issue 15).
 */
public record CatalogueView(String agreementId, int agreementVersion, List<Feed> feeds) {

    /** One category: its code and a label (a council's name beside its ONS code). */
    public record Value(String code, String label) {}

    /** A dimension, usable as a filter too; crossable when the agreement lets it be crossed. */
    public record Dimension(String name, String field, boolean crossable, List<Value> values) {}

    public record Periods(String from, String to, List<String> forms) {}

    public record Link(String feed, List<Integer> withinMonths) {}

    public record Disclosure(
            String method,
            String ptable,
            int threshold,
            int maxNoise,
            double variance,
            int rounding,
            String marker,
            int maxVariables,
            int maxCells,
            double maxSparseShare) {}

    public record Budget(int limit, int used, int remaining, int windowDays, String renewsAt) {}

    public record Feed(
            String feed,
            List<String> measures,
            List<Dimension> dimensions,
            Periods periods,
            List<Link> links,
            Disclosure disclosure,
            Budget budget,
            Map<String, List<String>> rowFilter) {}
}
