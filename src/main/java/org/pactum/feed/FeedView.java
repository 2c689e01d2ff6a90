package org.pactum.feed;

import java.util.List;
import org.pactum.partner.OrganisationType;

/** A feed and its current schema version, as partners review it. */
public record FeedView(
        String code,
        int version,
        String title,
        String description,
        OrganisationType providerType,
        boolean aggregateOnly,
        boolean builtIn,
        List<FeedField> fields) {

    static FeedView from(Feed feed, FeedSchema schema) {
        return new FeedView(
                schema.code(),
                schema.version(),
                schema.title(),
                schema.description(),
                schema.providerType(),
                schema.aggregateOnly(),
                feed.builtIn,
                schema.fields());
    }
}
