package org.pactum.console;

import static org.pactum.console.ApiClient.enc;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pactum.feed.AgeBands;

/**
 * What an analyst may ask for under an agreement, for the table builder: per feed, the dimensions
 * (with the values a filter may take, where the schema lists them) and the feeds a count may be
 * linked to.
 *
 * <p>Derived here from the agreement (its crossable dimensions and field rules) and the feeds'
 * schemas until the API's own {@code GET /api/v1/agreements/{id}/catalogue} is in place; then
 * {@link #of} reads that instead. It only shapes the form: the API decides every request, and its
 * refusal (naming the field) is what the analyst sees.
 */
public final class AgreementCatalogue {

    @TemplateData
    public record Dimension(String name, String label, List<String> values) {}

    @TemplateData
    public record FeedEntry(String feed, List<Dimension> dimensions, List<String> linkable) {}

    private AgreementCatalogue() {}

    @SuppressWarnings("unchecked")
    public static List<FeedEntry> of(ApiClient api, Map<String, Object> agreement) {
        Map<String, Object> content = (Map<String, Object>) agreement.get("content");
        Map<String, Object> disclosure = (Map<String, Object>) content.get("disclosure");
        List<String> crossable = (List<String>) disclosure.get("crossableDimensions");
        Map<String, Map<String, Map<String, Object>>> rules =
                (Map<String, Map<String, Map<String, Object>>>) content.get("fieldRules");
        List<String> feeds = ConsoleAgreementResource.feeds(agreement);
        List<FeedEntry> out = new ArrayList<>();
        for (String feed : feeds) {
            Map<String, Object> schema = api.getObject("/api/v1/feeds/" + enc(feed));
            List<Map<String, Object>> fields = ConsoleAgreementResource.list(schema.get("fields"));
            Map<String, Map<String, Object>> feedRules = rules.getOrDefault(feed, Map.of());
            List<Dimension> dims = new ArrayList<>();
            for (String d : crossable) {
                List<Map<String, Object>> governing = governing(d, fields);
                boolean released =
                        governing.stream()
                                .anyMatch(
                                        f ->
                                                feedRules.containsKey(f.get("name"))
                                                        && !"DROP"
                                                                .equals(
                                                                        feedRules
                                                                                .get(f.get("name"))
                                                                                .get("action")));
                if (released) {
                    dims.add(new Dimension(d, label(d), values(d, governing)));
                }
            }
            List<String> linkable = feeds.stream().filter(f -> !f.equals(feed)).toList();
            out.add(new FeedEntry(feed, dims, linkable));
        }
        return out;
    }

    /** The schema fields a dimension is made from (mirrors the roles release documents). */
    private static List<Map<String, Object>> governing(
            String dimension, List<Map<String, Object>> fields) {
        Set<String> roles =
                switch (dimension) {
                    case "localAuthority" -> Set.of("AREA", "LOCAL_AUTHORITY");
                    case "lsoa" -> Set.of("AREA");
                    case "month", "quarter" -> Set.of("EVENT_DATE", "EVENT_MONTH");
                    case "ageBand" -> Set.of("DATE_OF_BIRTH", "AGE", "AGE_BAND");
                    case "sex" -> Set.of("SEX");
                    case "ethnicity" -> Set.of("ETHNICITY");
                    default -> Set.of();
                };
        if (!roles.isEmpty()) {
            return fields.stream().filter(f -> roles.contains(f.get("role"))).toList();
        }
        String snake = dimension.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return fields.stream()
                .filter(f -> "ATTRIBUTE".equals(f.get("role")))
                .filter(f -> f.get("name").equals(snake) || f.get("name").equals(snake + "_flag"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> values(String dimension, List<Map<String, Object>> governing) {
        if (dimension.equals("ageBand")) {
            return AgeBands.ALL;
        }
        for (Map<String, Object> f : governing) {
            if ("BOOLEAN".equals(f.get("type"))) {
                return List.of("true", "false");
            }
            if (f.get("codes") instanceof List<?> codes && !codes.isEmpty()) {
                return (List<String>) codes;
            }
        }
        return List.of();
    }

    private static String label(String dimension) {
        String spaced = dimension.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
