package org.pactum.agreement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.pactum.feed.AgeBands;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldRole;
import org.pactum.feed.FieldType;
import org.pactum.problem.PactumException;

/**
 * The rows an agreement covers, per feed (issue 15; the row filters of policy engines such as
 * Apache Ranger and Unity Catalog): a filter names a dimension and the values it keeps, and only
 * rows with one of those values are released, as aggregates or records. A row whose value is not
 * recorded is outside every filter on that dimension. The vocabulary is the release dimensions'
 * own: {@code ageBand}, {@code localAuthority}, {@code sex}, {@code ethnicity}, or an attribute
 * field by its name (e.g. {@code offence_group}).
 */
public final class RowFilters {

    private static final Pattern LOCAL_AUTHORITY = Pattern.compile("[EW]0[6-9]\\d{6}");

    private RowFilters() {}

    /** The stored column a filter dimension reads, over feed_row; empty if the feed has none. */
    public static Optional<String> column(String dimension, FeedSchema schema) {
        return switch (dimension) {
            case "ageBand" ->
                    has(schema, FieldRole.DATE_OF_BIRTH, FieldRole.AGE, FieldRole.AGE_BAND)
                            ? Optional.of("age_band")
                            : Optional.empty();
            case "localAuthority" ->
                    has(schema, FieldRole.AREA, FieldRole.LOCAL_AUTHORITY)
                            ? Optional.of("local_authority")
                            : Optional.empty();
            case "sex" -> has(schema, FieldRole.SEX) ? Optional.of("sex") : Optional.empty();
            case "ethnicity" ->
                    has(schema, FieldRole.ETHNICITY) ? Optional.of("ethnicity") : Optional.empty();
            default ->
                    attribute(schema, dimension)
                            // FeedField names are of a checked shape, so this is safe SQL.
                            .map(f -> "attrs->>'" + f.name() + "'");
        };
    }

    /** What is wrong with one feed's filter, each naming where. */
    static List<AgreementRules.Violation> check(
            String feed, FeedSchema schema, Map<String, List<String>> filter) {
        List<AgreementRules.Violation> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : new TreeMap<>(filter).entrySet()) {
            String where = "rowFilters." + feed + "." + PactumException.shown(e.getKey());
            if (column(e.getKey(), schema).isEmpty()) {
                out.add(
                        new AgreementRules.Violation(
                                where,
                                "is not a dimension of "
                                        + feed
                                        + ": use ageBand, localAuthority, sex, ethnicity or an attribute field"));
                continue;
            }
            List<String> allowed = allowedValues(e.getKey(), schema);
            for (int i = 0; i < e.getValue().size(); i++) {
                String v = e.getValue().get(i);
                boolean ok =
                        allowed != null
                                ? allowed.contains(v)
                                : !e.getKey().equals("localAuthority")
                                        || LOCAL_AUTHORITY.matcher(v).matches();
                if (!ok) {
                    out.add(
                            new AgreementRules.Violation(
                                    where + "[" + i + "]",
                                    allowed != null
                                            ? "is not one of " + String.join(", ", allowed)
                                            : "must be an ONS local authority code such as E08000027"));
                }
            }
        }
        return out;
    }

    /** The values a dimension can take, or null when it is open (a local authority code). */
    private static List<String> allowedValues(String dimension, FeedSchema schema) {
        return switch (dimension) {
            case "ageBand" -> AgeBands.ALL;
            case "localAuthority" -> null;
            case "sex" -> codes(role(schema, FieldRole.SEX));
            case "ethnicity" -> codes(role(schema, FieldRole.ETHNICITY));
            default -> codes(attribute(schema, dimension).orElseThrow());
        };
    }

    private static List<String> codes(FeedField f) {
        if (f.type() == FieldType.BOOLEAN) {
            return List.of("true", "false");
        }
        return f.codes();
    }

    private static FeedField role(FeedSchema schema, FieldRole role) {
        return schema.fields().stream().filter(f -> f.role() == role).findFirst().orElseThrow();
    }

    private static boolean has(FeedSchema schema, FieldRole... roles) {
        return schema.fields().stream().anyMatch(f -> List.of(roles).contains(f.role()));
    }

    private static Optional<FeedField> attribute(FeedSchema schema, String name) {
        return schema.fields().stream()
                .filter(f -> f.role() == FieldRole.ATTRIBUTE && f.name().equals(name))
                .findFirst();
    }
}
