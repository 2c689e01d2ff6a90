package org.pactum.cube;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.pactum.feed.FeedService;

/**
 * Builds the cells of the submissions queued in release_cube_pending (those stored before the cube
 * existed, migration V190, or whose rows a backfill changed), at start-up after the record hash
 * backfill, one submission per transaction. Instances racing here build the same cells: the rebuild
 * lock serialises them and each replaces what the other wrote.
 */
@ApplicationScoped
public class CubeBackfill {

    private static final Logger LOG = Logger.getLogger(CubeBackfill.class);

    @Inject AgroalDataSource dataSource;

    @Inject CubeService cubes;

    void onStart(@Observes @Priority(FeedService.STARTUP_ORDER + 20) StartupEvent start) {
        drain();
    }

    /** Builds every pending submission's cells; returns how many submissions were built. */
    public int drain() {
        int built = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Long next;
            while ((next = next(c)) != null) {
                cubes.rebuild(c, next);
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "DELETE FROM release_cube_pending WHERE submission_id = ?")) {
                    ps.setLong(1, next);
                    ps.executeUpdate();
                }
                c.commit();
                built++;
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("The release cube could not be built", e);
        }
        if (built > 0) {
            LOG.infof("Built the release cube of %d stored submissions", built);
        }
        return built;
    }

    private static Long next(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT submission_id FROM release_cube_pending ORDER BY submission_id"
                                        + " LIMIT 1 FOR UPDATE SKIP LOCKED");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }
}
