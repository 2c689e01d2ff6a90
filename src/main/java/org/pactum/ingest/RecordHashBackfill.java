package org.pactum.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.pactum.cube.CubeService;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.FieldRole;
import org.pactum.pseudonym.KeyRing;
import org.pactum.pseudonym.PersonIds;

/**
 * Gives rows stored before record hashes existed (migration V150) their persistent record hash, at
 * start-up, in batches. The identity is the one ingest uses where the feed has a record reference
 * (so such rows keep their key when refreshed); otherwise the row's stored columns. Instances
 * racing here write the same values.
 */
@ApplicationScoped
public class RecordHashBackfill {

    private static final Logger LOG = Logger.getLogger(RecordHashBackfill.class);
    private static final int BATCH = 5_000;

    @Inject AgroalDataSource dataSource;

    @Inject FeedService feeds;

    @Inject KeyRing keys;

    @Inject CubeService cubes;

    @Inject com.fasterxml.jackson.databind.ObjectMapper json;

    void backfill(@Observes @Priority(FeedService.STARTUP_ORDER + 10) StartupEvent start) {
        PersonIds ids = new PersonIds(keys.storageKey());
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            while (true) {
                List<String[]> rows = new ArrayList<>();
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT ctid::text, feed, provider, attrs::text, concat_ws('|', person_id, linkage_key, "
                                        + "event_date, event_month, local_authority, lsoa, age_band, sex, ethnicity, attrs::text) "
                                        + "FROM feed_row WHERE record_hash IS NULL LIMIT "
                                        + BATCH)) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(
                                    new String[] {
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getString(5),
                                        rs.getString(4)
                                    });
                        }
                    }
                }
                if (rows.isEmpty()) {
                    break;
                }
                try (PreparedStatement up =
                        c.prepareStatement(
                                "UPDATE feed_row SET record_hash = ? WHERE ctid = ?::tid AND record_hash IS NULL")) {
                    for (String[] r : rows) {
                        up.setLong(1, ids.recordHash(identity(r[1], r[2], r[3], r[4])));
                        up.setString(2, r[0]);
                        up.addBatch();
                    }
                    up.executeBatch();
                }
                total += rows.size();
            }
            if (total > 0) {
                // The cells' hash sums changed: CubeBackfill, next at start-up, rebuilds them.
                cubes.markAllStale(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Record hashes could not be backfilled", e);
        }
        if (total > 0) {
            LOG.infof("Gave %d stored rows their persistent record hash", total);
        }
    }

    private String identity(String feed, String provider, String content, String attrs) {
        StringBuilder identity = new StringBuilder(feed).append('|').append(provider).append('|');
        Optional<FeedSchema> schema = feeds.schema(feed);
        boolean any = false;
        try {
            com.fasterxml.jackson.databind.JsonNode node = json.readTree(attrs);
            for (FeedField f : schema.map(FeedSchema::fields).orElse(List.of())) {
                if (f.role() == FieldRole.RECORD_REFERENCE && node.hasNonNull(f.name())) {
                    identity.append(f.name())
                            .append('=')
                            .append(node.get(f.name()).asText())
                            .append(';');
                    any = true;
                }
            }
        } catch (IOException e) {
            any = false;
        }
        if (!any) {
            identity.setLength(0);
            identity.append(feed).append('|').append(provider).append("|stored|").append(content);
        }
        return identity.toString();
    }
}
