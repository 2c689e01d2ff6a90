package org.pactum.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.pactum.platform.CanonicalJson;

/**
 * Checks a log, entry by entry in seq order, stopping at the first break: every seq present, each
 * entry's content matching its {@code hash}, the old hash chain's links (entries written before the
 * Merkle tree carry {@code prevHash}), each leaf matching the leaf the tree stored for it, and the
 * tree's root at each checkpoint size matching that checkpoint. Pure code: the server's verify and
 * the offline verifier share it.
 */
public final class LogVerifier {

    /** A checkpoint to compare with: the tree of {@code size} entries must have {@code root}. */
    public record Expected(long size, byte[] root) {}

    private final Merkle.Frontier frontier;
    private final Iterator<Expected> checkpoints;
    private Expected nextCheckpoint;
    private long expectedSeq;
    private String expectedPrev;
    private boolean chainOpen;
    private long checked;
    private long settledUpTo = Long.MAX_VALUE;
    private boolean pending;
    private Long broken;
    private String problem;

    /**
     * @param fromSeq the first seq to check
     * @param prevBefore the hash of entry fromSeq - 1 (the chain genesis before seq 1)
     * @param frontier the tree before fromSeq (an empty one from seq 1)
     * @param checkpoints checkpoints to compare with, smallest first (sizes at least fromSeq - 1)
     */
    public LogVerifier(
            long fromSeq, String prevBefore, Merkle.Frontier frontier, List<Expected> checkpoints) {
        this.expectedSeq = fromSeq;
        this.expectedPrev = prevBefore;
        this.chainOpen = prevBefore != null;
        this.frontier = frontier;
        this.checkpoints = checkpoints.iterator();
        advanceCheckpoint();
    }

    public static LogVerifier fromStart(List<Expected> checkpoints) {
        return new LogVerifier(1, AuditChain.GENESIS, new Merkle.Frontier(), checkpoints);
    }

    /**
     * One entry. {@code canonical} is null for a redacted entry, whose {@code leaf} must then be
     * given; {@code storedLeaf} is what the tree holds for it, when known.
     */
    public void accept(
            long seq,
            String canonical,
            String hash,
            String prevHash,
            byte[] leaf,
            byte[] storedLeaf) {
        if (broken != null || pending) {
            return;
        }
        if (seq != expectedSeq) {
            if (expectedSeq > settledUpTo) {
                // Beyond the signed head a missing seq may still be in flight (or about to be
                // voided): the check ends there, without a verdict on what follows.
                pending = true;
            } else {
                fail(expectedSeq, "entry is missing");
            }
            return;
        }
        if (canonical != null) {
            if (hash != null && !CanonicalJson.sha256(canonical).equals(hash)) {
                fail(seq, "the entry's content does not match its hash");
                return;
            }
            leaf = Merkle.leafHash(canonical.getBytes(StandardCharsets.UTF_8));
        }
        acceptHashed(seq, true, leaf, hash, prevHash, storedLeaf, canonical == null);
    }

    /**
     * One entry whose content hash was already checked ({@code contentMatches}) and whose leaf hash
     * was already computed, e.g. on another thread. {@code redacted}: the leaf was given, not
     * computed.
     */
    public void acceptHashed(
            long seq,
            boolean contentMatches,
            byte[] leaf,
            String hash,
            String prevHash,
            byte[] storedLeaf,
            boolean redacted) {
        if (broken != null || pending) {
            return;
        }
        if (seq != expectedSeq) {
            if (expectedSeq > settledUpTo) {
                pending = true;
            } else {
                fail(expectedSeq, "entry is missing");
            }
            return;
        }
        if (!contentMatches) {
            fail(seq, "the entry's content does not match its hash");
            return;
        }
        if (leaf == null || leaf.length != Merkle.HASH_BYTES) {
            fail(seq, "a redacted entry must carry its leaf hash");
            return;
        }
        if (prevHash != null) {
            if (!chainOpen || !prevHash.equals(expectedPrev)) {
                fail(seq, "prevHash does not match the previous entry's hash");
                return;
            }
        } else {
            chainOpen = false;
        }
        if (storedLeaf != null && !Arrays.equals(storedLeaf, leaf)) {
            fail(seq, "the entry does not match the leaf the Merkle tree holds for it");
            return;
        }
        expectedPrev = hash;
        frontier.append(leaf, (l, i, h) -> {});
        checked++;
        expectedSeq++;
        while (nextCheckpoint != null && nextCheckpoint.size() == frontier.size()) {
            if (!Arrays.equals(nextCheckpoint.root(), frontier.root())) {
                fail(
                        seq,
                        "the tree of size "
                                + frontier.size()
                                + " does not have the root its signed checkpoint states");
                return;
            }
            advanceCheckpoint();
        }
    }

    /**
     * Seqs above {@code size} are not yet in a signed checkpoint: a gap there ends the check
     * instead of breaking it.
     */
    public LogVerifier settledUpTo(long size) {
        this.settledUpTo = size;
        return this;
    }

    /** Call after the last entry: a checkpoint larger than the entries seen means a lost tail. */
    public void end() {
        if (broken == null && nextCheckpoint != null) {
            fail(
                    expectedSeq,
                    "entry is missing: a signed checkpoint of size "
                            + nextCheckpoint.size()
                            + " covers it");
        }
    }

    /** Records a break; the earliest seq reported wins. */
    public void fail(long seq, String why) {
        if (broken == null || seq < broken) {
            broken = seq;
            problem = why;
        }
    }

    private void advanceCheckpoint() {
        nextCheckpoint = null;
        while (checkpoints.hasNext()) {
            Expected e = checkpoints.next();
            if (e.size() > frontier.size()) {
                nextCheckpoint = e;
                return;
            }
        }
    }

    public long checked() {
        return checked;
    }

    public long nextSeq() {
        return expectedSeq;
    }

    public Long broken() {
        return broken;
    }

    public String problem() {
        return problem;
    }

    public boolean valid() {
        return broken == null;
    }

    public byte[] root() {
        return frontier.root();
    }

    public long size() {
        return frontier.size();
    }
}
