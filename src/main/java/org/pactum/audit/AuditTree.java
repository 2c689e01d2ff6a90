package org.pactum.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tree's tables, over one connection: perfect subtrees ({@code audit_tree_node}), signed
 * checkpoints, witnesses and their cosignatures. All append-only.
 */
final class AuditTree {

    record StoredCheckpoint(long size, byte[] root, String note) {}

    record Witness(String organisation, String keyName, byte[] publicKey) {}

    record Cosignature(String organisation, long size, long timestamp, String line) {}

    private final Connection c;

    AuditTree(Connection c) {
        this.c = c;
    }

    /**
     * Subtree lookups; a missing node (a broken or unintegrated tree) is an IllegalStateException.
     */
    Merkle.Nodes nodes() {
        return (level, index) -> {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT hash FROM audit_tree_node WHERE level = ? AND idx = ?")) {
                ps.setInt(1, level);
                ps.setLong(2, index);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new MissingNodeException(level, index);
                    }
                    return rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw new AuditUnavailableException(e);
            }
        };
    }

    static final class MissingNodeException extends IllegalStateException {
        final long firstLeaf;

        MissingNodeException(int level, long index) {
            super("the tree has no node at level " + level + ", index " + index);
            this.firstLeaf = index << level;
        }
    }

    Optional<StoredCheckpoint> latest() throws SQLException {
        return one(
                "SELECT tree_size, root_hash, note FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1");
    }

    Optional<StoredCheckpoint> checkpoint(long size) throws SQLException {
        return one(
                "SELECT tree_size, root_hash, note FROM audit_checkpoint WHERE tree_size = ?",
                size);
    }

    /**
     * The stored checkpoint of {@code size} (the latest when null) as served: its note followed by
     * every cosignature line stored for it, by organisation. One statement, since every IG lead's
     * and witness's poll reads it.
     */
    Optional<StoredCheckpoint> served(Long size) throws SQLException {
        String cosigned =
                "SELECT tree_size, root_hash, note || coalesce((SELECT string_agg(s.signature_line,"
                        + " '' ORDER BY s.organisation) FROM audit_cosignature s"
                        + " WHERE s.tree_size = c.tree_size), '') FROM audit_checkpoint c ";
        return size == null
                ? one(cosigned + "ORDER BY tree_size DESC LIMIT 1")
                : one(cosigned + "WHERE tree_size = ?", size);
    }

    /** Sizes and roots of every checkpoint, smallest first (the note text is not needed). */
    List<StoredCheckpoint> roots() throws SQLException {
        List<StoredCheckpoint> out = new ArrayList<>();
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT tree_size, root_hash FROM audit_checkpoint ORDER BY tree_size");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), null));
            }
        }
        return out;
    }

    private Optional<StoredCheckpoint> one(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(
                                new StoredCheckpoint(
                                        rs.getLong(1), rs.getBytes(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** The frontier's subtrees at {@code size}, largest first. */
    List<byte[]> frontier(long size) {
        List<byte[]> out = new ArrayList<>();
        Merkle.Nodes nodes = nodes();
        for (long[] at : Merkle.Frontier.coordinates(size)) {
            out.add(nodes.perfect((int) at[0], at[1]));
        }
        return out;
    }

    /**
     * The latest checkpoint's size and the highest stored leaf index (-1: none), read in one
     * snapshot, since the integrator adds both in one transaction.
     */
    long[] headAndLastLeaf() throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT (SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint),"
                                        + " (SELECT coalesce(max(idx), -1) FROM audit_tree_node WHERE level = 0)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** The highest leaf index stored, or -1. */
    long lastLeaf() throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT coalesce(max(idx), -1) FROM audit_tree_node WHERE level = 0");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void insertNodes(List<Integer> levels, List<Long> indexes, List<byte[]> hashes)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO audit_tree_node (level, idx, hash) "
                                + "SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])")) {
            ps.setArray(1, c.createArrayOf("smallint", levels.toArray()));
            ps.setArray(2, c.createArrayOf("bigint", indexes.toArray()));
            ps.setArray(3, c.createArrayOf("bytea", hashes.toArray(new byte[0][])));
            ps.executeUpdate();
        }
    }

    void insertCheckpoint(long size, byte[] root, String note) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO audit_checkpoint (tree_size, root_hash, note) VALUES (?, ?, ?)")) {
            ps.setLong(1, size);
            ps.setBytes(2, root);
            ps.setString(3, note);
            ps.executeUpdate();
        }
    }

    Optional<Witness> witness(String organisation) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT organisation, key_name, public_key FROM audit_witness WHERE organisation = ?")) {
            ps.setString(1, organisation);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Witness(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                        : Optional.empty();
            }
        }
    }

    List<Witness> witnesses() throws SQLException {
        List<Witness> out = new ArrayList<>();
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT organisation, key_name, public_key FROM audit_witness ORDER BY organisation");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Witness(rs.getString(1), rs.getString(2), rs.getBytes(3)));
            }
        }
        return out;
    }

    void insertWitness(Witness w) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO audit_witness (organisation, key_name, public_key) VALUES (?, ?, ?)")) {
            ps.setString(1, w.organisation());
            ps.setString(2, w.keyName());
            ps.setBytes(3, w.publicKey());
            ps.executeUpdate();
        }
    }

    /** The witness's most recent cosignature (largest tree). */
    Optional<Cosignature> lastCosignature(String organisation) throws SQLException {
        List<Cosignature> all =
                cosignatures(
                        "WHERE organisation = ? ORDER BY tree_size DESC LIMIT 1", organisation);
        return all.stream().findFirst();
    }

    List<Cosignature> cosignaturesOf(long size) throws SQLException {
        return cosignatures("WHERE tree_size = ? ORDER BY organisation", size);
    }

    /** Each witness's most recent cosignature. */
    List<Cosignature> latestCosignatures() throws SQLException {
        return cosignatures(
                "WHERE (organisation, tree_size) IN "
                        + "(SELECT organisation, max(tree_size) FROM audit_cosignature GROUP BY organisation) "
                        + "ORDER BY organisation");
    }

    private List<Cosignature> cosignatures(String where, Object... args) throws SQLException {
        List<Cosignature> out = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT organisation, tree_size, cosigned_at, signature_line FROM audit_cosignature "
                                + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            new Cosignature(
                                    rs.getString(1),
                                    rs.getLong(2),
                                    rs.getLong(3),
                                    rs.getString(4)));
                }
            }
        }
        return out;
    }

    boolean insertCosignature(Cosignature s) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO audit_cosignature (organisation, tree_size, cosigned_at, signature_line) "
                                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, s.organisation());
            ps.setLong(2, s.size());
            ps.setLong(3, s.timestamp());
            ps.setString(4, s.line());
            return ps.executeUpdate() == 1;
        }
    }
}
