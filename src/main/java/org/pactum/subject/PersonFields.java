package org.pactum.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.FeedView;
import org.pactum.feed.FieldRole;

/** The feeds' schemas as a request needs them: every feed, and where person identifiers sit. */
@ApplicationScoped
public class PersonFields {

    @Inject FeedService feeds;

    List<FeedSchema> schemas() {
        return feeds.list().stream()
                .map(FeedView::code)
                .map(feeds::schema)
                .flatMap(Optional::stream)
                .toList();
    }

    Optional<FeedSchema> schema(String feed) {
        return feeds.schema(feed);
    }

    /**
     * Names of every person identifier field: the first one present sits in person_id, the others
     * in attrs under their name, so a match looks in both.
     */
    List<String> identifierAttributes() {
        TreeSet<String> names = new TreeSet<>();
        for (FeedSchema s : schemas()) {
            s.fields().stream()
                    .filter(f -> f.role() == FieldRole.PERSON_IDENTIFIER)
                    .forEach(f -> names.add(f.name()));
        }
        return List.copyOf(names);
    }
}
