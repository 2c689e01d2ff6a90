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

    @Transactional(Transactional.TxType.MANDATORY)
    public ReleaseHistory.State state(
            String agreementId,
            String recipient,
            Collection<String> fingerprints,
            Collection<String> descriptors) {
        Set<String> released = new HashSet<>();
        Set<String> blocked = new HashSet<>();
        Set<String> seen = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT DISTINCT kind, fingerprint FROM release_history WHERE agreement_id = ? "
                                    + "AND recipient = ? AND fingerprint = ANY (?)")) {
                ps.setString(1, agreementId);
                ps.setString(2, recipient);
                ps.setArray(3, c.createArrayOf("text", fingerprints.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ("RELEASED".equals(rs.getString(1)) ? released : blocked)
                                .add(rs.getString(2));
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT DISTINCT descriptor FROM release_history WHERE agreement_id = ? "
                                    + "AND recipient = ? AND kind = 'RELEASED' AND descriptor = ANY (?)")) {
                ps.setString(1, agreementId);
                ps.setString(2, recipient);
                ps.setArray(3, c.createArrayOf("text", descriptors.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The release history cannot be read", e);
        }
        return new ReleaseHistory.State(released, blocked, seen);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String agreementId, String recipient, List<ReleaseHistory.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO release_history (agreement_id, recipient, kind, fingerprint, "
                                        + "descriptor, recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (ReleaseHistory.Entry e : entries) {
                ps.setString(1, agreementId);
                ps.setString(2, recipient);
                ps.setString(3, e.kind());
                ps.setString(4, e.fingerprint());
                ps.setString(5, e.descriptor());
                ps.setTimestamp(6, now);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("The release history cannot be written", e);
        }
    }
}
