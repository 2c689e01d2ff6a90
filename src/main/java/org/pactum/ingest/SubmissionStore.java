package org.pactum.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pactum.cube.CubeService;

/** Submission records, in plain JDBC beside the bulk rows they describe. */
@ApplicationScoped
public class SubmissionStore {

    private static final String COLUMNS =
            "id, provider, feed, feed_version, period, status, rows_received, rows_stored, "
                    + "rows_rejected, sha256, idempotency_key, submitted_at, replaced_by, row_errors::text, "
                    + "rows_held_back";

    @Inject AgroalDataSource dataSource;

    @Inject ObjectMapper json;

    @Inject CubeService cubes;

    long nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('submission_id_seq')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Inserts the record; false if another submission already holds this idempotency key. */
    boolean insert(Connection c, SubmissionView s, String mediaType, String submittedBy)
            throws SQLException {
        String sql =
                """
                INSERT INTO submission (id, provider, feed, feed_version, period, idempotency_key, sha256, media_type, rows_received,
                    rows_stored, rows_rejected, row_errors, status, submitted_by, submitted_at, rows_held_back)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'ACCEPTED', ?, ?, ?)
                ON CONFLICT (provider, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, s.id());
            ps.setString(2, s.provider());
            ps.setString(3, s.feed());
            ps.setInt(4, s.feedVersion());
            ps.setString(5, s.period());
            ps.setString(6, s.idempotencyKey());
            ps.setString(7, s.sha256());
            ps.setString(8, mediaType);
            ps.setLong(9, s.rowsReceived());
            ps.setLong(10, s.rowsStored());
            ps.setLong(11, s.rowsRejected());
            ps.setString(
                    12,
                    s.rowErrors() == null || s.rowErrors().isEmpty() ? null : write(s.rowErrors()));
            ps.setString(13, submittedBy);
            ps.setTimestamp(14, Timestamp.from(s.submittedAt()));
            ps.setLong(15, s.rowsHeldBack());
            return ps.executeUpdate() == 1;
        }
    }

    /** Serialises submissions of one provider, feed and period (across instances) until commit. */
    void lockPeriod(Connection c, String provider, String feed, String period) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, provider + "|" + feed + "|" + period);
            ps.execute();
        }
    }

    /** {@link #lockPeriod(Connection, String, String, String)} in the caller's transaction. */
    void lockPeriod(String provider, String feed, String period) {
        try (Connection c = dataSource.getConnection()) {
            lockPeriod(c, provider, feed, period);
        } catch (SQLException e) {
            throw new IllegalStateException("The period could not be locked", e);
        }
    }

    /**
     * Marks the period's earlier accepted submissions REPLACED and deletes their rows; returns
     * their ids.
     */
    List<Long> replaceEarlier(Connection c, SubmissionView s) throws SQLException {
        List<Long> replaced = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        """
                UPDATE submission SET status = 'REPLACED', replaced_by = ?, ended_at = now(), ended_by = 'replaced'
                WHERE provider = ? AND feed = ? AND period = ? AND status = 'ACCEPTED' AND id <> ? RETURNING id
                """)) {
            ps.setLong(1, s.id());
            ps.setString(2, s.provider());
            ps.setString(3, s.feed());
            ps.setString(4, s.period());
            ps.setLong(5, s.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    replaced.add(rs.getLong(1));
                }
            }
        }
        deleteRows(c, replaced);
        return replaced;
    }

    void deleteRows(Connection c, List<Long> submissionIds) throws SQLException {
        if (submissionIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM feed_row WHERE submission_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", submissionIds.toArray()));
            ps.executeUpdate();
        }
        cubes.rebuild(c, submissionIds);
    }

    void end(Connection c, long id, String status, String by) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE submission SET status = ?, ended_at = now(), ended_by = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setString(2, by);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public Optional<SubmissionView> find(long id) {
        return one("SELECT " + COLUMNS + " FROM submission WHERE id = ?", id);
    }

    public Optional<SubmissionView> findByKey(String provider, String key) {
        return one(
                "SELECT " + COLUMNS + " FROM submission WHERE provider = ? AND idempotency_key = ?",
                provider,
                key);
    }

    public List<SubmissionView> list(
            String provider, String feed, String period, String status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM submission WHERE true");
        List<Object> args = new ArrayList<>();
        if (provider != null) {
            sql.append(" AND provider = ?");
            args.add(provider);
        }
        if (feed != null) {
            sql.append(" AND feed = ?");
            args.add(feed);
        }
        if (period != null) {
            sql.append(" AND period = ?");
            args.add(period);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return many(sql.toString(), args.toArray());
    }

    private Optional<SubmissionView> one(String sql, Object... args) {
        List<SubmissionView> found = many(sql, args);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<SubmissionView> many(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<SubmissionView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Submissions cannot be read", e);
        }
    }

    private SubmissionView read(ResultSet rs) throws SQLException {
        Long replacedBy = rs.getObject(13, Long.class);
        String errors = rs.getString(14);
        return new SubmissionView(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getString(5),
                rs.getString(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getString(10),
                rs.getString(11),
                rs.getTimestamp(12).toInstant(),
                null,
                replacedBy,
                errors == null ? null : parse(errors),
                rs.getLong(15));
    }

    private List<RowError> parse(String errors) {
        try {
            return json.readValue(errors, new TypeReference<List<RowError>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
