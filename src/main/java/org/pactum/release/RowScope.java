package org.pactum.release;

import java.util.List;
import java.util.Map;
import org.pactum.agreement.RowFilters;
import org.pactum.feed.FeedSchema;

/**
 * The agreement's row filter for a feed as one SQL predicate (values bound, columns from the
 * checked vocabulary of {@link RowFilters}); applied to aggregates and records alike (issue 15).
 */
final class RowScope {

    private RowScope() {}

    /**
     * Appends the predicate for {@code filter} over rows aliased {@code alias}; nothing if none.
     */
    static void restrict(
            Map<String, List<String>> filter,
            FeedSchema schema,
            String alias,
            StringBuilder where,
            List<Object> args) {
        for (Map.Entry<String, List<String>> f : filter.entrySet()) {
            String column = RowFilters.column(f.getKey(), schema).orElse(null);
            if (column == null) {
                // The agreement was checked when drafted; a filter that no longer resolves keeps
                // nothing rather than everything (fail closed).
                where.append(" AND false");
                continue;
            }
            where.append(" AND ").append(alias).append('.').append(column).append(" = ANY (?)");
            args.add(f.getValue().toArray(String[]::new));
        }
    }
}
