package org.pactum.console;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table builder's form (a GET, so a table has an address and its CSV link the same query) as
 * the API's aggregate request. Nothing is checked here; the API checks it all.
 */
record TableQuery(String feed, List<String> dimensions, Map<String, Object> request) {

    static final String FILTER = "filter.";

    static TableQuery from(MultivaluedMap<String, String> q) {
        String feed = blankToNull(q.getFirst("feed"));
        List<String> dimensions = q.getOrDefault("dimension", List.of());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("feed", feed == null ? "" : feed);
        request.put("dimensions", dimensions);
        Map<String, List<String>> filters = new LinkedHashMap<>();
        q.forEach(
                (k, v) -> {
                    if (k.startsWith(FILTER) && !v.isEmpty()) {
                        filters.put(k.substring(FILTER.length()), v);
                    }
                });
        if (!filters.isEmpty()) {
            request.put("filters", filters);
        }
        put(request, "from", q.getFirst("from"));
        put(request, "to", q.getFirst("to"));
        put(request, "measure", q.getFirst("measure"));
        request.put("includeTotals", "yes".equals(q.getFirst("totals")));
        String linked = blankToNull(q.getFirst("linkedFeed"));
        if (linked != null) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("feed", linked);
            String within = blankToNull(q.getFirst("withinMonths"));
            link.put("withinMonths", within == null ? null : parse(within));
            request.put("linkedTo", link);
        }
        return new TableQuery(feed, dimensions, request);
    }

    /** A non-number goes to the API as given, so its refusal names the field. */
    private static Object parse(String n) {
        try {
            return Integer.parseInt(n.trim());
        } catch (NumberFormatException e) {
            return n;
        }
    }

    private static void put(Map<String, Object> m, String k, String v) {
        if (blankToNull(v) != null) {
            m.put(k, v.trim());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
