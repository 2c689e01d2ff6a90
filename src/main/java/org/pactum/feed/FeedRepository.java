package org.pactum.feed;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class FeedRepository implements PanacheRepositoryBase<Feed, Feed.Key> {

    /** The newest version of every feed. */
    public List<Feed> latestVersions() {
        return list(
                "from Feed o where o.version = (select max(f.version) from Feed f where f.code = o.code) order by o.code");
    }

    public Optional<Feed> latest(String code) {
        return find("code = ?1 order by version desc", code).firstResultOptional();
    }
}
