package org.pactum.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One field of a feed schema.
 *
 * @param codes allowed values for CODE fields
 * @param min inclusive lower bound for INTEGER fields
 * @param max inclusive upper bound for INTEGER fields
 * @param pattern regular expression a STRING field must match
 * @param idScheme for person identifiers: the national scheme they belong to (e.g. {@code upn}), so
 *     the same person links across providers; null means the provider's own local scheme
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedField(
        String name,
        FieldType type,
        Classification classification,
        FieldRole role,
        boolean required,
        List<String> codes,
        Integer min,
        Integer max,
        String pattern,
        String description,
        String idScheme) {

    /**
     * Field names are written into SQL (e.g. {@code attrs->>'name'}) and into released column
     * headers, so every FeedField, however it is built (code, a registration, a stored schema),
     * carries a name of this shape and nothing else.
     */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public FeedField {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "A feed field name must be lower-case letters, digits and underscores,"
                            + " starting with a letter (at most 63)");
        }
    }

    static FeedField of(
            String name,
            FieldType type,
            Classification classification,
            FieldRole role,
            boolean required,
            String description) {
        return new FeedField(
                name,
                type,
                classification,
                role,
                required,
                null,
                null,
                null,
                null,
                description,
                null);
    }

    FeedField codes(String... allowed) {
        return new FeedField(
                name,
                type,
                classification,
                role,
                required,
                List.of(allowed),
                min,
                max,
                pattern,
                description,
                idScheme);
    }

    FeedField range(int lower, int upper) {
        return new FeedField(
                name,
                type,
                classification,
                role,
                required,
                codes,
                lower,
                upper,
                pattern,
                description,
                idScheme);
    }

    FeedField matching(String regex) {
        return new FeedField(
                name,
                type,
                classification,
                role,
                required,
                codes,
                min,
                max,
                regex,
                description,
                idScheme);
    }

    FeedField scheme(String national) {
        return new FeedField(
                name,
                type,
                classification,
                role,
                required,
                codes,
                min,
                max,
                pattern,
                description,
                national);
    }
}
