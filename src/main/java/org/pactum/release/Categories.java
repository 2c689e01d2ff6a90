package org.pactum.release;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.pactum.feed.AgeBands;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldRole;
import org.pactum.feed.FieldType;

/**
 * The categories a dimension or filter takes, independent of the data (issue 20: every combination
 * of the requested categories appears in every response, observed or not, so a table's shape says
 * nothing about which values occur). A field that is not required adds {@link #NOT_RECORDED}.
 */
final class Categories {

    static final String NOT_RECORDED = "(not recorded)";

    private Categories() {}

    /**
     * The categories of {@code d} in {@code schema}, or empty when the field has no closed list of
     * values (free codes, numbers), which therefore cannot be a dimension or a filter.
     *
     * @param authorities the local authority codes of the geography lookup, sorted
     * @param lsoas the LSOA codes of the geography lookup, sorted
     */
    static Optional<List<String>> of(
            Dimension d, FeedSchema schema, List<String> authorities, List<String> lsoas) {
        FeedField field = schema.field(d.field()).orElse(null);
        boolean required = field != null && field.required();
        List<String> values;
        switch (d.name()) {
            case "localAuthority" -> values = authorities;
            case "lsoa" -> values = lsoas;
            case "ageBand" ->
                    values =
                            field != null
                                            && field.role() == FieldRole.AGE_BAND
                                            && field.codes() != null
                                    ? field.codes()
                                    : AgeBands.ALL;
            default -> {
                if (field == null) {
                    return Optional.empty();
                }
                if (field.codes() != null) {
                    values = field.codes();
                } else if (field.type() == FieldType.BOOLEAN) {
                    values = List.of("false", "true");
                } else {
                    return Optional.empty();
                }
            }
        }
        List<String> out = new ArrayList<>(new LinkedHashSet<>(values));
        if (!required) {
            out.add(NOT_RECORDED);
        }
        return Optional.of(List.copyOf(out));
    }
}
