package org.pactum.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One field of a feed schema.
 *
 * @param codes   allowed values for CODE fields
 * @param min     inclusive lower bound for INTEGER fields
 * @param max     inclusive upper bound for INTEGER fields
 * @param pattern regular expression a STRING field must match
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedField(String name, FieldType type, Classification classification, FieldRole role, boolean required,
        List<String> codes, Integer min, Integer max, String pattern, String description) {

    static FeedField of(String name, FieldType type, Classification classification, FieldRole role, boolean required,
            String description) {
        return new FeedField(name, type, classification, role, required, null, null, null, null, description);
    }

    FeedField codes(String... allowed) {
        return new FeedField(name, type, classification, role, required, List.of(allowed), min, max, pattern, description);
    }

    FeedField range(int lower, int upper) {
        return new FeedField(name, type, classification, role, required, codes, lower, upper, pattern, description);
    }

    FeedField matching(String regex) {
        return new FeedField(name, type, classification, role, required, codes, min, max, regex, description);
    }
}
