package org.pactum.feed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.pactum.partner.OrganisationType;

/**
 * A versioned feed schema: what a provider type pushes and how each field is classified.
 *
 * @param aggregateOnly true for health feeds: never released at record level (PCSC Act 2022 s16(4))
 */
public record FeedSchema(
        String code,
        int version,
        String title,
        String description,
        OrganisationType providerType,
        boolean aggregateOnly,
        List<FeedField> fields) {

    /** Immutable, so one parsed schema can be shared by every request that reads it. */
    public FeedSchema {
        fields = fields == null ? null : Collections.unmodifiableList(new ArrayList<>(fields));
    }

    public Optional<FeedField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
