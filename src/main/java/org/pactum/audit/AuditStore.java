package org.pactum.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the chain: filtered pages, ordered scans for verify and export, and the head. */
@ApplicationScoped
public class AuditStore {

    private static final String COLUMNS =
            "seq, occurred_at, actor_subject, actor_organisation, actor_roles, client_address, "
                    + "action, target, agreement_id, purpose, outcome, reason, detail::text, concerning, request_id, prev_hash, hash";
    private static final String ENTRY_COLUMNS =
            "e.seq, e.occurred_at, e.actor_subject, e.actor_organisation, e.actor_roles, e.client_address, "
                    + "e.action, e.target, e.agreement_id, e.purpose, e.outcome, e.reason, e.detail::text, e.concerning, "
                    + "e.request_id, e.prev_hash, e.hash";
    private static final int SCAN_FETCH = 2_000;

    @Inject AgroalDataSource dataSource;

    @Inject ObjectMapper json;

    public record Head(long seq, String hash) {}

    public Head head() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Head(rs.getLong(1), rs.getString(2));
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    /** The highest seq committed, or 0. */
    public long lastSeq() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_entry");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    /**
     * One page of entries matching {@code filter}, newest last, visible to {@code viewerOrg} (null:
     * all).
     */
    public List<AuditEntry> page(AuditFilter filter, String viewerOrg, int limit) {
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + " FROM audit_entry WHERE seq > ?");
        List<Object> args = new ArrayList<>();
        args.add(filter.afterSeq() == null ? 0L : filter.afterSeq());
        if (viewerOrg != null) {
            sql.append(" AND (actor_organisation = ? OR concerning @> ARRAY[?]::text[])");
            args.add(viewerOrg);
            args.add(viewerOrg);
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?");
            args.add(filter.action());
        }
        if (filter.actorOrganisation() != null) {
            sql.append(" AND actor_organisation = ?");
            args.add(filter.actorOrganisation());
        }
        if (filter.agreementId() != null) {
            sql.append(" AND agreement_id = ?");
            args.add(filter.agreementId());
        }
        if (filter.outcome() != null) {
            sql.append(" AND outcome = ?");
            args.add(filter.outcome().name());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    /** Streams entries {@code fromSeq..toSeq} in order, in constant memory (cursor fetch). */
    public void scan(long fromSeq, long toSeq, Consumer<AuditEntry> sink) {
        scanRows(
                "SELECT " + COLUMNS + " FROM audit_entry WHERE seq BETWEEN ? AND ? ORDER BY seq",
                fromSeq,
                toSeq,
                rs -> sink.accept(read(rs)));
    }

    /** An entry with the leaf hash the tree holds for it (null: not integrated, or missing). */
    @FunctionalInterface
    public interface LeafSink {
        void accept(AuditEntry entry, byte[] storedLeaf);
    }

    /** Like {@link #scan}, with each entry's stored leaf hash beside it. */
    public void scanWithLeaves(long fromSeq, long toSeq, LeafSink sink) {
        scanRows(
                "SELECT "
                        + ENTRY_COLUMNS
                        + ", n.hash FROM audit_entry e LEFT JOIN audit_tree_node n"
                        + " ON n.level = 0 AND n.idx = e.seq - 1"
                        + " WHERE e.seq BETWEEN ? AND ? ORDER BY e.seq",
                fromSeq,
                toSeq,
                rs -> sink.accept(read(rs), rs.getBytes(18)));
    }

    /** Up to {@code limit} committed entries after {@code afterSeq}, on the caller's connection. */
    List<AuditEntry> after(Connection c, long afterSeq, int limit) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT "
                                + COLUMNS
                                + " FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    /** A committed entry's seq and leaf hash. */
    record Leaf(long seq, byte[] hash) {}

    /**
     * Up to {@code limit} committed entries' leaves after {@code afterSeq}, on the caller's
     * connection: the leaf stored when the entry was written, or (for an entry written before
     * leaves were stored) the leaf of its content.
     */
    List<Leaf> leavesAfter(Connection c, long afterSeq, int limit) throws SQLException {
        List<Leaf> out = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT seq, leaf_hash FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Leaf(rs.getLong(1), rs.getBytes(2)));
                }
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).hash() == null) {
                long seq = out.get(i).seq();
                out.set(i, new Leaf(seq, AuditChain.leafHash(after(c, seq - 1, 1).get(0))));
            }
        }
        return out;
    }

    /** The entry {@code seq} if it exists and {@code viewerOrg} (null: all) may see it. */
    public Optional<AuditEntry> visible(long seq, String viewerOrg) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM audit_entry WHERE seq = ? AND (CAST(? AS text) IS NULL"
                                        + " OR actor_organisation = ? OR concerning @> ARRAY[CAST(? AS text)])")) {
            ps.setLong(1, seq);
            ps.setString(2, viewerOrg);
            ps.setString(3, viewerOrg);
            ps.setString(4, viewerOrg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    @FunctionalInterface
    private interface RowSink {
        void accept(ResultSet rs) throws SQLException;
    }

    private void scanRows(String sql, long fromSeq, long toSeq, RowSink sink) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            if (auto) {
                c.setAutoCommit(false); // PostgreSQL uses a cursor only outside autocommit
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(SCAN_FETCH);
                ps.setLong(1, fromSeq);
                ps.setLong(2, toSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs);
                    }
                }
            } finally {
                if (auto) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    /** The stored hash of entry {@code seq}, or the genesis value before the first entry. */
    public String hashAt(long seq) {
        if (seq <= 0) {
            return AuditChain.GENESIS;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT hash FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    private AuditEntry read(ResultSet rs) throws SQLException {
        String detail = rs.getString(13);
        return new AuditEntry(
                rs.getLong(1),
                rs.getTimestamp(2).toInstant(),
                rs.getString(3),
                rs.getString(4),
                strings(rs.getArray(5)),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                detail == null ? null : parse(detail),
                strings(rs.getArray(14)),
                rs.getString(15),
                rs.getString(16),
                rs.getString(17));
    }

    private Map<String, Object> parse(String detail) {
        try {
            return json.readValue(detail, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
