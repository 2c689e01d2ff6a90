package org.pactum.subject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.pactum.cube.CubeService;

/**
 * Requests, holds and the person's rows, in plain JDBC beside the bulk rows they act on. Every
 * statement runs in the caller's transaction (connections from the data source are enlisted).
 */
@ApplicationScoped
public class SubjectRequestRepository {

    /** Rows listed per request at most: a person has a handful, never thousands. */
    static final int MAX_ROWS = 10_000;

    @Inject AgroalDataSource dataSource;

    @Inject ObjectMapper json;

    @Inject CubeService cubes;

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
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO subject_request (id, reference, organisation, created_by, created_at, pseudonyms, linkage_keys) "
                                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.reference());
            ps.setString(3, r.organisation());
            ps.setString(4, r.createdBy());
            ps.setTimestamp(5, Timestamp.from(r.createdAt()));
            ps.setArray(6, c.createArrayOf("text", r.match().pseudonyms().toArray()));
            ps.setArray(7, c.createArrayOf("text", r.match().linkageKeys().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The subject request could not be stored", e);
        }
    }

    Optional<StoredRequest> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id, reference, organisation, created_by, created_at, pseudonyms, linkage_keys "
                                        + "FROM subject_request WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new StoredRequest(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getTimestamp(5).toInstant(),
                                new SubjectMatch(
                                        strings(rs.getArray(6)), strings(rs.getArray(7)))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Subject requests cannot be read", e);
        }
    }

    /** The person's stored rows, of {@code provider} only unless it is null. */
    List<Hit> rows(SubjectMatch match, List<String> idAttributes, String provider) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql =
                new StringBuilder(
                        """
                        SELECT r.feed, r.provider, r.submission_id, s.period, r.line, r.person_id, r.linkage_key,
                            r.event_date::text, to_char(r.event_month, 'YYYY-MM'), r.local_authority, r.lsoa, r.age_band,
                            r.sex, r.ethnicity, r.attrs::text, r.restricted, s.submitted_at
                        FROM feed_row r JOIN submission s ON s.id = r.submission_id
                        WHERE\s""");
        sql.append(match.predicate("r", idAttributes, args));
        if (provider != null) {
            sql.append(" AND r.provider = ?");
            args.add(provider);
        }
        sql.append(" ORDER BY r.feed, r.provider, s.period, r.submission_id, r.line LIMIT ")
                .append(MAX_ROWS);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(c, ps, args);
            List<Hit> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(hit(rs, match, idAttributes));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("The person's rows cannot be read", e);
        }
    }

    /** The (feed, period)s of the provider's current submissions that hold the person's rows. */
    List<String[]> periods(SubjectMatch match, List<String> idAttributes, String provider) {
        List<Object> args = new ArrayList<>();
        String sql =
                "SELECT DISTINCT r.feed, s.period FROM feed_row r JOIN submission s ON s.id = r.submission_id WHERE "
                        + match.predicate("r", idAttributes, args)
                        + " AND r.provider = ? ORDER BY 1, 2";
        args.add(provider);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("The person's rows cannot be read", e);
        }
    }

    private Hit hit(ResultSet rs, SubjectMatch match, List<String> idAttributes)
            throws SQLException {
        Map<String, Object> attrs = new LinkedHashMap<>(parse(rs.getString(15)));
        // Another person's identifier in the same row (a suspect beside a victim) is theirs, not
        // the requester's (UK GDPR Art 15(4): the rights and freedoms of others).
        for (String field : idAttributes) {
            Object v = attrs.get(field);
            if (v != null && !match.hasPseudonym(v.toString())) {
                attrs.remove(field);
            }
        }
        String personId = rs.getString(6);
        String linkageKey = rs.getString(7);
        String month = rs.getString(9);
        FoundRow row =
                new FoundRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getInt(5),
                        match.hasPseudonym(personId) ? personId : null,
                        match.hasLinkageKey(linkageKey) ? linkageKey : null,
                        rs.getString(8),
                        month,
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12),
                        rs.getString(13),
                        rs.getString(14),
                        attrs,
                        rs.getBoolean(16));
        return new Hit(row, rs.getTimestamp(17).toInstant(), month);
    }

    // ----- holds ---------------------------------------------------------------------------

    void addHold(
            String requestId,
            String action,
            String provider,
            String feed,
            String period,
            String legalBasis,
            String by,
            Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                """
                                INSERT INTO subject_hold (request_id, action, provider, feed, period, legal_basis, created_by, created_at)
                                SELECT ?, ?, ?, ?, ?, ?, ?, ?
                                WHERE NOT EXISTS (SELECT 1 FROM subject_hold WHERE request_id = ? AND action = ?
                                    AND provider = ? AND feed = ? AND period = ? AND lifted_at IS NULL)
                                """)) {
            Object[] args = {
                requestId,
                action,
                provider,
                feed,
                period,
                legalBasis,
                by,
                Timestamp.from(at),
                requestId,
                action,
                provider,
                feed,
                period
            };
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The hold could not be stored", e);
        }
    }

    /** Lifts the request's active holds of one action; returns the (feed, period)s they covered. */
    List<String[]> lift(String requestId, String action, String by, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                """
                                UPDATE subject_hold SET lifted_by = ?, lifted_at = ?
                                WHERE request_id = ? AND action = ? AND lifted_at IS NULL
                                RETURNING provider, feed, period
                                """)) {
            ps.setString(1, by);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, requestId);
            ps.setString(4, action);
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("The holds could not be lifted", e);
        }
    }

    List<HoldView> holds(String requestId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT action, provider, feed, period, legal_basis, created_at, lifted_at IS NULL "
                                        + "FROM subject_hold WHERE request_id = ? ORDER BY id")) {
            ps.setString(1, requestId);
            List<HoldView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new HoldView(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getTimestamp(6).toInstant().toString(),
                                    rs.getBoolean(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Holds cannot be read", e);
        }
    }

    /** Active holds on one provider's feed and period, erasures first. */
    List<ActiveHold> activeHolds(Connection c, String provider, String feed, String period)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        """
                        SELECT h.id, h.action, h.request_id, r.pseudonyms, r.linkage_keys
                        FROM subject_hold h JOIN subject_request r ON r.id = h.request_id
                        WHERE h.provider = ? AND h.feed = ? AND h.period = ? AND h.lifted_at IS NULL
                        ORDER BY h.action, h.id
                        """)) {
            ps.setString(1, provider);
            ps.setString(2, feed);
            ps.setString(3, period);
            List<ActiveHold> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new ActiveHold(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    new SubjectMatch(
                                            strings(rs.getArray(4)), strings(rs.getArray(5)))));
                }
            }
            return out;
        }
    }

    List<ActiveHold> activeHolds(String provider, String feed, String period) {
        try (Connection c = dataSource.getConnection()) {
            return activeHolds(c, provider, feed, period);
        } catch (SQLException e) {
            throw new IllegalStateException("Holds cannot be read", e);
        }
    }

    // ----- acting on rows ------------------------------------------------------------------

    /**
     * Sets {@code restricted} on the matching rows of one provider's feed in the period's current
     * submission (or only in {@code submissionId}); returns how many changed.
     */
    long setRestricted(
            Connection c,
            boolean restricted,
            String provider,
            String feed,
            String period,
            Long submissionId,
            SubjectMatch match,
            List<String> idAttributes)
            throws SQLException {
        List<Object> args = new ArrayList<>(List.of(restricted));
        String where = scope(provider, feed, period, submissionId, match, idAttributes, args);
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE feed_row r SET restricted = ? WHERE "
                                + where
                                + " AND r.restricted <> "
                                + restricted
                                + RETURNING)) {
            bind(c, ps, args);
            return changed(c, ps);
        }
    }

    long delete(
            Connection c,
            String provider,
            String feed,
            String period,
            Long submissionId,
            SubjectMatch match,
            List<String> idAttributes)
            throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = scope(provider, feed, period, submissionId, match, idAttributes, args);
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM feed_row r WHERE " + where + RETURNING)) {
            bind(c, ps, args);
            return changed(c, ps);
        }
    }

    /** Rows of the submission from {@code firstLine} on that are not about the person. */
    long countNotMatching(
            Connection c,
            long submissionId,
            int firstLine,
            SubjectMatch match,
            List<String> idAttributes)
            throws SQLException {
        List<Object> args = new ArrayList<>(List.of(submissionId, firstLine));
        String sql =
                "SELECT count(*) FROM feed_row r WHERE r.submission_id = ? AND r.line >= ? AND NOT coalesce("
                        + match.predicate("r", idAttributes, args)
                        + ", false)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Deletes the person's rows of the submission before {@code firstLine}: the corrected ones. */
    long deleteBefore(
            Connection c,
            long submissionId,
            int firstLine,
            SubjectMatch match,
            List<String> idAttributes)
            throws SQLException {
        List<Object> args = new ArrayList<>(List.of(submissionId, firstLine));
        String sql =
                "DELETE FROM feed_row r WHERE r.submission_id = ? AND r.line < ? AND "
                        + match.predicate("r", idAttributes, args)
                        + RETURNING;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            return changed(c, ps);
        }
    }

    private static final String RETURNING = " RETURNING r.submission_id";

    /**
     * Runs a change of rows that returns their submissions, rebuilds those submissions' cells in
     * the same transaction (issue 14), and returns how many rows changed.
     */
    private long changed(Connection c, PreparedStatement ps) throws SQLException {
        long rows = 0;
        TreeSet<Long> submissions = new TreeSet<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows++;
                submissions.add(rs.getLong(1));
            }
        }
        cubes.rebuild(c, submissions);
        return rows;
    }

    /**
     * Brings the period's current submission's {@code rows_stored} back in line with its rows after
     * an erasure or a rectification, so what the provider and auditors read stays true.
     */
    void recount(Connection c, String provider, String feed, String period) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        """
                        UPDATE submission s SET rows_stored = (SELECT count(*) FROM feed_row r WHERE r.submission_id = s.id)
                        WHERE s.provider = ? AND s.feed = ? AND s.period = ? AND s.status = 'ACCEPTED'
                        """)) {
            ps.setString(1, provider);
            ps.setString(2, feed);
            ps.setString(3, period);
            ps.executeUpdate();
        }
    }

    private static String scope(
            String provider,
            String feed,
            String period,
            Long submissionId,
            SubjectMatch match,
            List<String> idAttributes,
            List<Object> args) {
        StringBuilder where = new StringBuilder("r.provider = ? AND r.feed = ?");
        args.add(provider);
        args.add(feed);
        if (submissionId != null) {
            where.append(" AND r.submission_id = ?");
            args.add(submissionId);
        } else {
            where.append(
                    " AND r.submission_id IN (SELECT id FROM submission WHERE provider = ? AND feed = ?"
                            + " AND period = ? AND status = 'ACCEPTED')");
            args.add(provider);
            args.add(feed);
            args.add(period);
        }
        where.append(" AND ").append(match.predicate("r", idAttributes, args));
        return where.toString();
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    // ----- helpers -------------------------------------------------------------------------

    static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] values) {
                ps.setArray(i + 1, c.createArrayOf("text", values));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private Map<String, Object> parse(String attrs) {
        try {
            return json.readValue(attrs, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
