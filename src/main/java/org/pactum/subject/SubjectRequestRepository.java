package org.pactum.subject;

import static org.pactum.subject.SubjectJdbc.list;
import static org.pactum.subject.SubjectJdbc.match;
import static org.pactum.subject.SubjectJdbc.update;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Requests and their holds, in plain JDBC beside the bulk rows they act on (the rows themselves are
 * {@link SubjectRowRepository}'s). Every statement runs in the caller's transaction (connections
 * from the data source are enlisted).
 */
@ApplicationScoped
public class SubjectRequestRepository {

    @Inject AgroalDataSource dataSource;

    /** A stored request: its scope ({@code organisation}, null for all) and what it matches. */
    record StoredRequest(
            String id,
            String reference,
            String organisation,
            String createdBy,
            Instant createdAt,
            SubjectMatch match) {}

    /** A found row with the time its submission was stored (releases before it cannot hold it). */
    record Hit(FoundRow row, Instant storedAt, String eventMonth) {}

    /** An active hold with the match of its request. */
    record ActiveHold(long id, String action, String requestId, SubjectMatch match) {}

    void insert(StoredRequest r) {
        try (Connection c = dataSource.getConnection()) {
            update(
                    c,
                    """
                    INSERT INTO subject_request
                        (id, reference, organisation, created_by, created_at, pseudonyms, linkage_keys)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    Arrays.asList(
                            r.id(),
                            r.reference(),
                            r.organisation(),
                            r.createdBy(),
                            Timestamp.from(r.createdAt()),
                            r.match().pseudonyms().toArray(String[]::new),
                            r.match().linkageKeys().toArray(String[]::new)));
        } catch (SQLException e) {
            throw new IllegalStateException("The subject request could not be stored", e);
        }
    }

    Optional<StoredRequest> find(String id) {
        try (Connection c = dataSource.getConnection()) {
            return list(
                            c,
                            """
                            SELECT id, reference, organisation, created_by, created_at, pseudonyms, linkage_keys
                            FROM subject_request WHERE id = ?
                            """,
                            List.of(id),
                            rs ->
                                    new StoredRequest(
                                            rs.getString(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            rs.getString(4),
                                            rs.getTimestamp(5).toInstant(),
                                            match(rs, 6, 7)))
                    .stream()
                    .findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("Subject requests cannot be read", e);
        }
    }

    // ----- holds ---------------------------------------------------------------------------

    /** One hold to place: on a provider's feed and period, for one action of one request. */
    record NewHold(
            String requestId,
            String action,
            String provider,
            String feed,
            String period,
            String legalBasis) {}

    /** Places the hold unless the same one is already active. */
    void addHold(NewHold h, String by, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            update(
                    c,
                    """
                    INSERT INTO subject_hold (request_id, action, provider, feed, period, legal_basis, created_by, created_at)
                    SELECT ?, ?, ?, ?, ?, ?, ?, ?
                    WHERE NOT EXISTS (SELECT 1 FROM subject_hold WHERE request_id = ? AND action = ?
                        AND provider = ? AND feed = ? AND period = ? AND lifted_at IS NULL)
                    """,
                    List.of(
                            h.requestId(),
                            h.action(),
                            h.provider(),
                            h.feed(),
                            h.period(),
                            h.legalBasis(),
                            by,
                            Timestamp.from(at),
                            h.requestId(),
                            h.action(),
                            h.provider(),
                            h.feed(),
                            h.period()));
        } catch (SQLException e) {
            throw new IllegalStateException("The hold could not be stored", e);
        }
    }

    /** Lifts the request's active holds of one action; returns the (feed, period)s they covered. */
    List<String[]> lift(String requestId, String action, String by, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            return list(
                    c,
                    """
                    UPDATE subject_hold SET lifted_by = ?, lifted_at = ?
                    WHERE request_id = ? AND action = ? AND lifted_at IS NULL
                    RETURNING provider, feed, period
                    """,
                    List.of(by, Timestamp.from(at), requestId, action),
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        } catch (SQLException e) {
            throw new IllegalStateException("The holds could not be lifted", e);
        }
    }

    List<HoldView> holds(String requestId) {
        try (Connection c = dataSource.getConnection()) {
            return list(
                    c,
                    """
                    SELECT action, provider, feed, period, legal_basis, created_at, lifted_at IS NULL
                    FROM subject_hold WHERE request_id = ? ORDER BY id
                    """,
                    List.of(requestId),
                    rs ->
                            new HoldView(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getTimestamp(6).toInstant().toString(),
                                    rs.getBoolean(7)));
        } catch (SQLException e) {
            throw new IllegalStateException("Holds cannot be read", e);
        }
    }

    /** Active holds on one provider's feed and period, erasures first. */
    List<ActiveHold> activeHolds(Connection c, String provider, String feed, String period)
            throws SQLException {
        return list(
                c,
                """
                SELECT h.id, h.action, h.request_id, r.pseudonyms, r.linkage_keys
                FROM subject_hold h JOIN subject_request r ON r.id = h.request_id
                WHERE h.provider = ? AND h.feed = ? AND h.period = ? AND h.lifted_at IS NULL
                ORDER BY h.action, h.id
                """,
                List.of(provider, feed, period),
                rs ->
                        new ActiveHold(
                                rs.getLong(1), rs.getString(2), rs.getString(3), match(rs, 4, 5)));
    }

    List<ActiveHold> activeHolds(String provider, String feed, String period) {
        try (Connection c = dataSource.getConnection()) {
            return activeHolds(c, provider, feed, period);
        } catch (SQLException e) {
            throw new IllegalStateException("Holds cannot be read", e);
        }
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
