package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.pactum.disclosure.ReleaseHistory;

/**
 * The release history of one agreement and recipient organisation (issue 20), in {@code
 * release_history}: fingerprints of released cells and of their near neighbours, never records.
 * Callers hold the recipient's lock for the whole check-and-record, so two racing releases cannot
 * both pass the check against the state before either.
 */
@ApplicationScoped
public class ReleaseHistoryStore {

    @Inject AgroalDataSource dataSource;

    /** Serialises releases to one recipient under one agreement until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String agreementId, String recipient) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT pg_advisory_xact_lock(hashtextextended(?, 20))")) {
            ps.setString(1, "release-history|" + agreementId + "|" + recipient);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("The release history cannot be locked", e);
        }
    }

    /**
     * How many times the recipient's history under this agreement has been written: unchanged means
     * the history is as it was (read under the recipient's lock).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long version(String agreementId, String recipient) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT version FROM release_history_version"
                                        + " WHERE agreement_id = ? AND recipient = ?")) {
            ps.setString(1, agreementId);
            ps.setString(2, recipient);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The release history cannot be read", e);
        }
    }

    /** Which of these descriptor digests the recipient was released before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> seen(String agreementId, String recipient, Collection<String> descriptors) {
        Set<String> seen = new HashSet<>();
        read(
                "SELECT DISTINCT descriptor, NULL FROM release_history WHERE agreement_id = ? "
                        + "AND recipient = ? AND kind = 'RELEASED' AND descriptor = ANY (?)",
                agreementId,
                recipient,
                descriptors,
                (first, second) -> seen.add(first));
        return seen;
    }

    /** What the recipient holds among these fingerprints, with the descriptors already seen. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ReleaseHistory.State state(
            String agreementId,
            String recipient,
            Collection<String> fingerprints,
            Set<String> seen) {
        Set<String> released = new HashSet<>();
        Set<String> blocked = new HashSet<>();
        read(
                "SELECT DISTINCT kind, fingerprint FROM release_history WHERE agreement_id = ? "
                        + "AND recipient = ? AND fingerprint = ANY (?)",
                agreementId,
                recipient,
                fingerprints,
                (kind, fp) -> ("RELEASED".equals(kind) ? released : blocked).add(fp));
        return new ReleaseHistory.State(released, blocked, seen);
    }

    /**
     * Runs one lookup of the recipient's history for {@code values} (bound as the third parameter)
     * and hands each row's two columns to {@code row}; nothing to look up, no query.
     */
    private void read(
            String sql,
            String agreementId,
            String recipient,
            Collection<String> values,
            BiConsumer<String, String> row) {
        if (values.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, agreementId);
            ps.setString(2, recipient);
            ps.setArray(3, c.createArrayOf("text", values.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The release history cannot be read", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String agreementId, String recipient, List<ReleaseHistory.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        String[] kinds = new String[n];
        String[] fingerprints = new String[n];
        String[] descriptors = new String[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = entries.get(i).kind();
            fingerprints[i] = entries.get(i).fingerprint();
            descriptors[i] = entries.get(i).descriptor();
        }
        // One statement for the whole table, bumping the history's version with it: the entries
        // are written while the recipient's history is locked, so every round trip here is time
        // other releases wait.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "WITH h AS (INSERT INTO release_history (agreement_id, recipient, kind,"
                                        + " fingerprint, descriptor, recorded_at) SELECT ?, ?, k, f, d, ?"
                                        + " FROM unnest(?::text[], ?::text[], ?::text[]) AS e (k, f, d)"
                                        + " ON CONFLICT DO NOTHING)"
                                        + " INSERT INTO release_history_version AS v (agreement_id,"
                                        + " recipient, version) VALUES (?, ?, 1)"
                                        + " ON CONFLICT (agreement_id, recipient)"
                                        + " DO UPDATE SET version = v.version + 1")) {
            ps.setString(1, agreementId);
            ps.setString(2, recipient);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.setArray(4, c.createArrayOf("text", kinds));
            ps.setArray(5, c.createArrayOf("text", fingerprints));
            ps.setArray(6, c.createArrayOf("text", descriptors));
            ps.setString(7, agreementId);
            ps.setString(8, recipient);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The release history cannot be written", e);
        }
    }
}
