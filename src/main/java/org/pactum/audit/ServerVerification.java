package org.pactum.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The server's verify: every entry against its hash, the old chain's links, the tree's stored
 * leaves and every signed checkpoint; then the head itself (the latest checkpoint's signature, no
 * leaves beyond it, no witness ahead of it, the frozen chain head). Whatever is broken is reported
 * with its seq; only an unreachable database is an error.
 */
@ApplicationScoped
public class ServerVerification {

    @Inject AgroalDataSource dataSource;

    @Inject AuditStore store;

    @Inject AuditConfig config;

    @Inject AuditIntegrator integrator;

    AuditService.Verification recompute(Long fromSeq, Long toSeq) {
        try (Connection c = dataSource.getConnection()) {
            return recompute(c, fromSeq, toSeq);
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    private AuditService.Verification recompute(Connection c, Long fromSeq, Long toSeq)
            throws SQLException {
        AuditTree tree = new AuditTree(c);
        Optional<AuditTree.StoredCheckpoint> latest = tree.latest();
        long headSize = latest.map(AuditTree.StoredCheckpoint::size).orElse(0L);
        long end = Math.max(store.lastSeq(), headSize);
        long from = Math.max(1, fromSeq == null ? 1 : fromSeq);
        long to = toSeq == null ? end : Math.min(toSeq, end);

        LogVerifier verifier = startAt(tree, from, to, headSize).settledUpTo(headSize);
        long[] lastLinked = {0};
        if (from <= to) {
            store.scanWithLeaves(
                    from,
                    to,
                    (e, storedLeaf) -> {
                        if (e.prevHash() != null) {
                            lastLinked[0] = e.seq();
                        }
                        verifier.accept(
                                e.seq(),
                                AuditChain.canonical(e),
                                e.hash(),
                                e.prevHash(),
                                null,
                                storedLeaf);
                    });
        }
        if (verifier.nextSeq() <= Math.min(to, headSize)) {
            verifier.fail(verifier.nextSeq(), "entry is missing");
        }
        verifier.end();
        if (to >= headSize) {
            checkHead(tree, latest, verifier);
        }
        checkFrozenChainHead(lastLinked[0], from, to, verifier);
        return new AuditService.Verification(
                verifier.valid(),
                verifier.checked(),
                from,
                to,
                headSize,
                latest.map(cp -> Base64.getEncoder().encodeToString(cp.root())).orElse(null),
                verifier.broken(),
                verifier.problem());
    }

    /**
     * A verifier for {@code from..to}: the tree as it stood before {@code from} and the checkpoints
     * in the range, or (if the tree does not reach that far) the entries and links only.
     */
    private LogVerifier startAt(AuditTree tree, long from, long to, long headSize)
            throws SQLException {
        List<LogVerifier.Expected> expected = new ArrayList<>();
        for (AuditTree.StoredCheckpoint cp : tree.roots()) {
            if (cp.size() >= from && cp.size() <= to) {
                expected.add(new LogVerifier.Expected(cp.size(), cp.root()));
            }
        }
        String before = store.hashAt(from - 1);
        Merkle.Frontier start;
        LogVerifier check;
        try {
            start =
                    from == 1
                            ? new Merkle.Frontier()
                            : new Merkle.Frontier(from - 1, tree.frontier(from - 1));
            check = new LogVerifier(from, before, start, expected);
        } catch (AuditTree.MissingNodeException e) {
            // The tree does not reach the range's start yet: check entries and links only.
            check = new LogVerifier(from, before, new Merkle.Frontier(), List.of());
            if (from - 1 <= headSize) {
                check.fail(
                        e.firstLeaf + 1, "the Merkle tree is missing a node the checkpoint covers");
            }
        }
        if (before == null) {
            check.fail(from - 1, "the entry before the range is missing");
        }
        return check;
    }

    /** The head is the latest checkpoint: signed by this log, and nothing beyond it. */
    private void checkHead(
            AuditTree tree, Optional<AuditTree.StoredCheckpoint> latest, LogVerifier verifier)
            throws SQLException {
        long headSize = latest.map(AuditTree.StoredCheckpoint::size).orElse(0L);
        if (latest.isPresent() && !signedByThisLog(latest.get())) {
            verifier.fail(
                    Math.max(1, headSize), "the latest checkpoint is not signed by this log's key");
        }
        long[] now = tree.headAndLastLeaf();
        if (now[1] >= now[0]) {
            verifier.fail(
                    now[0] + 1,
                    "the checkpoint head was rolled back: the tree holds leaves beyond size "
                            + now[0]);
        }
        for (AuditTree.Cosignature cosigned : tree.latestCosignatures()) {
            if (cosigned.size() > now[0]) {
                verifier.fail(
                        now[0] + 1,
                        "the checkpoint head was rolled back below a checkpoint witness "
                                + cosigned.organisation()
                                + " cosigned");
                continue;
            }
            Optional<AuditTree.StoredCheckpoint> stored = tree.checkpoint(cosigned.size());
            Optional<AuditTree.Witness> witness = tree.witness(cosigned.organisation());
            if (stored.isEmpty()
                    || witness.isEmpty()
                    || !Witnessing.cosignatureValid(
                            witness.get(),
                            cosigned,
                            new SignedNote.Checkpoint(
                                    config.origin(), cosigned.size(), stored.get().root()))) {
                verifier.fail(
                        Math.max(1, cosigned.size()),
                        "the checkpoint of size "
                                + cosigned.size()
                                + " no longer matches what witness "
                                + cosigned.organisation()
                                + " cosigned");
            }
        }
    }

    private boolean signedByThisLog(AuditTree.StoredCheckpoint cp) {
        try {
            SignedNote.Note note = SignedNote.parse(cp.note());
            SignedNote.Checkpoint parsed = SignedNote.parseCheckpoint(note.text());
            return parsed.size() == cp.size()
                    && Arrays.equals(parsed.root(), cp.root())
                    && SignedNote.signedBy(note, config.origin(), integrator.publicKey());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The hash chain of the log's first era ends at the frozen {@code audit_head}: a linked entry
     * after it, or a head that is not its last entry, means the head was moved.
     */
    private void checkFrozenChainHead(long lastLinked, long from, long to, LogVerifier verifier) {
        AuditStore.Head head = store.head();
        if (lastLinked > head.seq()) {
            verifier.fail(
                    head.seq() + 1, "the chain head was moved back: this entry is linked after it");
        }
        if (head.seq() > 0 && head.seq() >= from && head.seq() <= to) {
            String atHead = store.hashAt(head.seq());
            if (atHead == null || !atHead.equals(head.hash())) {
                verifier.fail(head.seq(), "the chain head does not match its entry");
            }
        }
    }
}
