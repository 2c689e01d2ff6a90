package org.pactum.subject;

import static org.pactum.subject.SubjectJdbc.list;
import static org.pactum.subject.SubjectJdbc.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.pactum.cube.CubeService;
import org.pactum.subject.SubjectRequestRepository.Hit;

/**
 * A person's stored rows (feed_row), found and acted on in plain JDBC: listed, restricted, erased,
 * superseded by a correction. Every statement runs in the caller's transaction.
 */
@ApplicationScoped
public class SubjectRowRepository {

    /** Rows listed per request at most: a person has a handful, never thousands. */
    static final int MAX_ROWS = 10_000;

    private static final String ROWS =
            """
            SELECT r.feed, r.provider, r.submission_id, s.period, r.line, r.person_id, r.linkage_key,
                r.event_date::text, to_char(r.event_month, 'YYYY-MM'), r.local_authority, r.lsoa, r.age_band,
                r.sex, r.ethnicity, r.attrs::text, r.restricted, s.submitted_at
            FROM feed_row r JOIN submission s ON s.id = r.submission_id
            WHERE\s""";

    @Inject AgroalDataSource dataSource;

    @Inject ObjectMapper json;

    @Inject CubeService cubes;

    /** Which rows: one provider's feed, in the period's current submission or in one submission. */
    record Scope(String provider, String feed, String period, Long submissionId) {}

    /** The person's stored rows, of {@code provider} only unless it is null. */
    List<Hit> rows(SubjectMatch match, List<String> idAttributes, String provider) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(ROWS);
        sql.append(match.predicate("r", idAttributes, args));
        if (provider != null) {
            sql.append(" AND r.provider = ?");
            args.add(provider);
        }
        sql.append(" ORDER BY r.feed, r.provider, s.period, r.submission_id, r.line LIMIT ")
                .append(MAX_ROWS);
        try (Connection c = dataSource.getConnection()) {
            return list(c, sql.toString(), args, rs -> hit(rs, match, idAttributes));
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
        try (Connection c = dataSource.getConnection()) {
            return list(c, sql, args, rs -> new String[] {rs.getString(1), rs.getString(2)});
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

    /** Sets {@code restricted} on the person's rows in {@code scope}; returns how many changed. */
    long setRestricted(
            Connection c,
            boolean restricted,
            Scope scope,
            SubjectMatch match,
            List<String> idAttributes)
            throws SQLException {
        List<Object> args = new ArrayList<>(List.of(restricted));
        String where = where(scope, match, idAttributes, args);
        return changeRows(
                c,
                "UPDATE feed_row r SET restricted = ? WHERE "
                        + where
                        + " AND r.restricted <> "
                        + restricted,
                args);
    }

    /** Deletes the person's rows in {@code scope}; returns how many. */
    long delete(Connection c, Scope scope, SubjectMatch match, List<String> idAttributes)
            throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(scope, match, idAttributes, args);
        return changeRows(c, "DELETE FROM feed_row r WHERE " + where, args);
    }

    /** A correction: the lines of a submission from {@code firstLine} on replace those before. */
    record Correction(long submissionId, int firstLine) {}

    /** Rows of the correction that are not about the person. */
    long countNotMatching(Connection c, Correction k, SubjectMatch match, List<String> ids)
            throws SQLException {
        List<Object> args = new ArrayList<>(List.of(k.submissionId(), k.firstLine()));
        String sql =
                "SELECT count(*) FROM feed_row r WHERE r.submission_id = ? AND r.line >= ? AND NOT coalesce("
                        + match.predicate("r", ids, args)
                        + ", false)";
        return list(c, sql, args, rs -> rs.getLong(1)).get(0);
    }

    /** Deletes the person's rows the correction replaces: those before its first line. */
    long deleteCorrected(Connection c, Correction k, SubjectMatch match, List<String> ids)
            throws SQLException {
        List<Object> args = new ArrayList<>(List.of(k.submissionId(), k.firstLine()));
        String sql =
                "DELETE FROM feed_row r WHERE r.submission_id = ? AND r.line < ? AND "
                        + match.predicate("r", ids, args);
        return changeRows(c, sql, args);
    }

    /**
     * Runs a change of rows, rebuilds the cells of the submissions it touched in the same
     * transaction (issue 14), and returns how many rows changed.
     */
    private long changeRows(Connection c, String sql, List<Object> args) throws SQLException {
        TreeSet<Long> submissions = new TreeSet<>();
        List<Long> changed = list(c, sql + " RETURNING r.submission_id", args, rs -> rs.getLong(1));
        submissions.addAll(changed);
        cubes.rebuild(c, submissions);
        return changed.size();
    }

    /**
     * Brings the period's current submission's {@code rows_stored} back in line with its rows after
     * an erasure or a rectification, so what the provider and auditors read stays true.
     */
    void recount(Connection c, String provider, String feed, String period) throws SQLException {
        update(
                c,
                """
                UPDATE submission s SET rows_stored = (SELECT count(*) FROM feed_row r WHERE r.submission_id = s.id)
                WHERE s.provider = ? AND s.feed = ? AND s.period = ? AND s.status = 'ACCEPTED'
                """,
                List.of(provider, feed, period));
    }

    private static String where(
            Scope scope, SubjectMatch match, List<String> idAttributes, List<Object> args) {
        StringBuilder where = new StringBuilder("r.provider = ? AND r.feed = ?");
        args.add(scope.provider());
        args.add(scope.feed());
        if (scope.submissionId() != null) {
            where.append(" AND r.submission_id = ?");
            args.add(scope.submissionId());
        } else {
            where.append(
                    " AND r.submission_id IN (SELECT id FROM submission WHERE provider = ? AND feed = ?"
                            + " AND period = ? AND status = 'ACCEPTED')");
            args.add(scope.provider());
            args.add(scope.feed());
            args.add(scope.period());
        }
        where.append(" AND ").append(match.predicate("r", idAttributes, args));
        return where.toString();
    }

    private Map<String, Object> parse(String attrs) {
        try {
            return json.readValue(attrs, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
