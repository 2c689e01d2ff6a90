package org.pactum.console;

import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/**
 * The table builder's form as the page shows it: the catalogue's choices, with the user's ticked.
 */
@TemplateData
public record TableForm(
        List<Option> feeds,
        List<Dim> dimensions,
        List<Option> linkable,
        String from,
        String to,
        boolean persons,
        boolean totals,
        String withinMonths,
        boolean lineChart) {

    @TemplateData
    public record Option(String value, String label, boolean selected) {}

    @TemplateData
    public record Dim(String name, String label, boolean checked, List<Option> values) {}

    static TableForm of(
            List<AgreementCatalogue.FeedEntry> catalogue,
            AgreementCatalogue.FeedEntry entry,
            MultivaluedMap<String, String> q) {
        List<String> dims = q.getOrDefault("dimension", List.of());
        String linked = q.getFirst("linkedFeed");
        return new TableForm(
                catalogue.stream()
                        .map(
                                f ->
                                        new Option(
                                                f.feed(),
                                                f.feed(),
                                                entry != null && entry.feed().equals(f.feed())))
                        .toList(),
                entry == null
                        ? List.of()
                        : entry.dimensions().stream()
                                .map(
                                        d -> {
                                            List<String> chosen =
                                                    q.getOrDefault(
                                                            TableQuery.FILTER + d.name(),
                                                            List.of());
                                            return new Dim(
                                                    d.name(),
                                                    d.label(),
                                                    dims.contains(d.name()),
                                                    d.values().stream()
                                                            .map(
                                                                    v ->
                                                                            new Option(
                                                                                    v,
                                                                                    v,
                                                                                    chosen.contains(
                                                                                            v)))
                                                            .toList());
                                        })
                                .toList(),
                entry == null
                        ? List.of()
                        : entry.linkable().stream()
                                .map(f -> new Option(f, f, f.equals(linked)))
                                .toList(),
                nonNull(q.getFirst("from")),
                nonNull(q.getFirst("to")),
                "persons".equals(q.getFirst("measure")),
                q.getFirst("build") == null || "yes".equals(q.getFirst("totals")),
                q.getFirst("withinMonths") == null ? "12" : q.getFirst("withinMonths"),
                "line".equals(q.getFirst("chart")));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
