package org.pactum.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Folds committed entries into the Merkle tree in seq order and signs a checkpoint, several times a
 * second, on whichever instance takes the integration lock (tessera's sequencing/integration split:
 * writers never wait for the tree). A seq whose transaction rolled back becomes an {@code
 * audit.void} entry, so leaf index = seq - 1 with no gaps. The tree only ever grows: a checkpoint
 * that would disagree with a witnessed one is not signed, and raises an alarm instead.
 */
@ApplicationScoped
public class AuditIntegrator {

    private static final Logger LOG = Logger.getLogger(AuditIntegrator.class);

    /** Advisory lock (two-key space) held by the one instance integrating at a time. */
    private static final int INTEGRATION_LOCK = 0x50_41_54_52; // "PATR"

    @Inject AgroalDataSource dataSource;

    @Inject AuditStore store;

    @Inject HeadSigner signer;

    @Inject AuditConfig config;

    @Inject ObjectMapper json;

    @Inject AuditAlarms alarms;

    /** Seqs found missing and not in flight last time: voided if still so this time. */
    private Set<Long> voidCandidates = new HashSet<>();

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent event) {
        long every = config.integrateEvery().toMillis();
        if (every < 10 || every > 1_000) {
            // Durations have no Bean Validation constraint; checked here, before anything runs.
            throw new IllegalStateException(
                    "pactum.audit.integrate-every must be between 10ms and 1s (checkpoints follow"
                            + " entries within a second)");
        }
        timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "audit-integrator");
                            t.setDaemon(true);
                            return t;
                        });
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void tick() {
        try {
            integrate();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Audit tree integration failed; it will be retried: %s", e.getMessage());
        }
    }

    /** One integration step; returns the size of the checkpoint it signed, if it signed one. */
    public synchronized Optional<Long> integrate() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Long> signed = integrate(c);
                c.commit();
                return signed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private Optional<Long> integrate(Connection c) throws SQLException {
        if (!tryLock(c, INTEGRATION_LOCK, 0)) {
            return Optional.empty();
        }
        AuditTree tree = new AuditTree(c);
        Optional<AuditTree.StoredCheckpoint> latest = tree.latest();
        long size = latest.map(AuditTree.StoredCheckpoint::size).orElse(0L);
        if (tree.lastLeaf() >= size) {
            alarms.raise(
                    "the tree holds leaves beyond the latest checkpoint (size "
                            + size
                            + "): the checkpoint head was rolled back; no checkpoint is signed until"
                            + " this is resolved",
                    List.of());
            return Optional.empty();
        }
        List<AuditStore.Leaf> leaves = sequenced(c, size);
        if (leaves.isEmpty() && latest.isPresent()) {
            return Optional.empty();
        }
        Merkle.Frontier frontier = new Merkle.Frontier(size, tree.frontier(size));
        List<Integer> levels = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (AuditStore.Leaf leaf : leaves) {
            frontier.append(
                    leaf.hash(),
                    (level, index, hash) -> {
                        levels.add(level);
                        indexes.add(index);
                        hashes.add(hash);
                    });
        }
        if (!levels.isEmpty()) {
            tree.insertNodes(levels, indexes, hashes);
        }
        if (!consistentWithWitnesses(tree, frontier.size())) {
            c.rollback();
            return Optional.empty();
        }
        byte[] root = frontier.root();
        tree.insertCheckpoint(frontier.size(), root, sign(frontier.size(), root));
        return Optional.of(frontier.size());
    }

    /**
     * The committed entries after {@code size} that extend the tree without a gap. A missing seq
     * still locked by its writer stops the batch (it is in flight); one that is unlocked and still
     * missing on the next step rolled back, and is voided. Every missing seq in the batch is noted
     * at each step, so a group of seqs that rolled back together (GroupedAppends) is voided in one
     * step, not one seq per step.
     */
    private List<AuditStore.Leaf> sequenced(Connection c, long size) throws SQLException {
        List<AuditStore.Leaf> batch = store.leavesAfter(c, size, config.integrateBatch());
        List<AuditStore.Leaf> out = new ArrayList<>(batch.size());
        Set<Long> candidates = new HashSet<>();
        long expected = size + 1;
        Set<Long> unlocked =
                batch.isEmpty()
                        ? Set.of()
                        : missingUnlocked(c, expected, batch.get(batch.size() - 1).seq());
        boolean stopped = false;
        for (AuditStore.Leaf e : batch) {
            for (; expected < e.seq(); expected++) {
                boolean rolledBack = unlocked.contains(expected);
                if (!stopped && rolledBack && voidCandidates.contains(expected)) {
                    out.add(new AuditStore.Leaf(expected, voided(c, expected)));
                } else {
                    stopped = true;
                    if (rolledBack) {
                        candidates.add(expected);
                    }
                }
            }
            if (!stopped) {
                out.add(e);
            }
            expected++;
        }
        voidCandidates = candidates;
        return out;
    }

    /** Writes the {@code audit.void} entry of a seq whose transaction rolled back; its leaf. */
    private byte[] voided(Connection c, long seq) throws SQLException {
        AuditLog.Built voided =
                AuditLog.prepare(
                        seq,
                        Instant.now(),
                        Actor.system("audit"),
                        AuditEvent.denied(
                                "audit.void",
                                "audit",
                                "this sequence number was taken by an action that did not commit"));
        AuditLog.insert(c, voided.entry(), voided.leaf(), json);
        return voided.leaf();
    }

    private boolean consistentWithWitnesses(AuditTree tree, long newSize) throws SQLException {
        for (AuditTree.Cosignature cosigned : tree.latestCosignatures()) {
            if (cosigned.size() > newSize) {
                alarms.raise(
                        "witness "
                                + cosigned.organisation()
                                + " cosigned a tree of size "
                                + cosigned.size()
                                + ", larger than the log now holds ("
                                + newSize
                                + ")",
                        List.of(cosigned.organisation()));
                return false;
            }
            Optional<AuditTree.Witness> witness = tree.witness(cosigned.organisation());
            byte[] root;
            try {
                root = Merkle.root(tree.nodes(), cosigned.size());
            } catch (AuditTree.MissingNodeException e) {
                root = null;
            }
            if (root == null
                    || witness.isEmpty()
                    || !Witnessing.cosignatureValid(
                            witness.get(),
                            cosigned,
                            new SignedNote.Checkpoint(config.origin(), cosigned.size(), root))) {
                alarms.raise(
                        "the tree of size "
                                + cosigned.size()
                                + " no longer matches the checkpoint witness "
                                + cosigned.organisation()
                                + " cosigned",
                        List.of(cosigned.organisation()));
                return false;
            }
        }
        return true;
    }

    /** The C2SP signed note of a checkpoint, signed with the log's Ed25519 key. */
    String sign(long size, byte[] root) {
        String body = new SignedNote.Checkpoint(config.origin(), size, root).body();
        byte[] signature = Base64.getDecoder().decode(signer.sign(body));
        return body
                + "\n"
                + SignedNote.signatureLine(
                        config.origin(),
                        SignedNote.keyId(config.origin(), SignedNote.ED25519, publicKey()),
                        signature);
    }

    byte[] publicKey() {
        return SignedNote.rawEd25519(signer.publicKeyPem());
    }

    /**
     * The seqs from {@code from} to {@code to} with no entry and no writer holding them, in one
     * statement (a seq in flight is locked by its writer until it commits or rolls back).
     */
    private static Set<Long> missingUnlocked(Connection c, long from, long to) throws SQLException {
        Set<Long> out = new HashSet<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT s FROM generate_series(?::bigint, ?::bigint) s"
                                + " WHERE NOT EXISTS (SELECT 1 FROM audit_entry e WHERE e.seq = s)"
                                + " AND pg_try_advisory_xact_lock(?, (s % 2147483648)::int)")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setInt(3, AuditLog.SEQ_LOCK_SPACE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static boolean tryLock(Connection c, int space, long key) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, (? % 2147483648)::int)")) {
            ps.setInt(1, space);
            ps.setLong(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
