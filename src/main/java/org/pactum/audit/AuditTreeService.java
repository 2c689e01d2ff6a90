package org.pactum.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;

/**
 * Checkpoints and proofs (witnesses: {@link WitnessService}), with the audit log's roles and
 * tenancy: an IG lead gets an inclusion proof only for an entry they may read. Every answer is
 * audited (committed before it is returned) and every refusal too.
 */
@ApplicationScoped
public class AuditTreeService {

    @Inject GroupedAppends grouped;

    @Inject AuditStore store;

    @Inject HeadSigner signer;

    @Inject TreeRequests requests;

    @Inject WitnessService witnessing;

    public String publicKeyPem() {
        return signer.publicKeyPem();
    }

    /**
     * The latest checkpoint, or the one of {@code size}, with every cosignature stored for it. It
     * changes nothing, so it runs without a transaction and its entry is appended in a group
     * (GroupedAppends) before the note is returned.
     */
    public String checkpoint(Caller caller, String sizeParam) {
        String viewer = AuditService.viewerOrganisation(caller);
        Long size = requests.optionalNumber(caller, "audit.checkpoint", "size", sizeParam, 0);
        String note =
                requests.withTree(tree -> tree.served(size).map(cp -> cp.note()).orElse(null));
        if (note == null) {
            throw requests.refuse(
                    caller,
                    "audit.checkpoint",
                    new PactumException(
                            AuditProblems.CHECKPOINT_NOT_FOUND,
                            "No checkpoint of that size is stored; checkpoints exist only for the sizes"
                                    + " the log had when it signed one (fetch the latest without size)"));
        }
        grouped.append(
                Actor.of(caller),
                AuditEvent.allowed("audit.checkpoint", "audit")
                        .with(
                                "treeSize",
                                SignedNote.parseCheckpoint(SignedNote.parse(note).text()).size())
                        .concerning(viewer));
        return note;
    }

    /** An inclusion proof; read-only, so its entry is appended in a group (GroupedAppends). */
    public TreeViews.InclusionProof inclusion(Caller caller, String seqParam, String sizeParam) {
        String viewer = AuditService.viewerOrganisation(caller);
        String action = "audit.proof.inclusion";
        Long seq = requests.optionalNumber(caller, action, "seq", seqParam, 1);
        if (seq == null) {
            throw requests.refuse(caller, action, AuditProblems.badParameter("seq", "is required"));
        }
        Long requested = requests.optionalNumber(caller, action, "size", sizeParam, 1);
        long size = integratedSize(caller, action, requested);
        if (seq > size) {
            throw requests.refuse(
                    caller,
                    action,
                    AuditProblems.badParameter("seq", "must be at most size (the tree's size)"));
        }
        if (store.visible(seq, viewer).isEmpty()) {
            throw requests.refuse(
                    caller,
                    action,
                    new PactumException(
                            AuditProblems.ENTRY_NOT_FOUND,
                            "No audit entry with this seq is one your organisation may read"));
        }
        List<byte[]> path =
                requests.withTree(tree -> Merkle.inclusionProof(tree.nodes(), seq - 1, size));
        grouped.append(
                Actor.of(caller),
                AuditEvent.allowed(action, "audit")
                        .with("seq", seq)
                        .with("treeSize", size)
                        .concerning(viewer));
        return new TreeViews.InclusionProof(seq - 1, size, TreeViews.base64(path));
    }

    /** A consistency proof; read-only, so its entry is appended in a group (GroupedAppends). */
    public TreeViews.ConsistencyProof consistency(Caller caller, String fromParam, String toParam) {
        String viewer = AuditService.viewerOrganisation(caller);
        String action = "audit.proof.consistency";
        Long from = requests.optionalNumber(caller, action, "from", fromParam, 1);
        if (from == null) {
            throw requests.refuse(
                    caller, action, AuditProblems.badParameter("from", "is required"));
        }
        Long requested = requests.optionalNumber(caller, action, "to", toParam, 1);
        long to = integratedSize(caller, action, requested);
        if (from > to) {
            throw requests.refuse(
                    caller, action, AuditProblems.badParameter("from", "must be at most to"));
        }
        List<byte[]> proof =
                requests.withTree(tree -> Merkle.consistencyProof(tree.nodes(), from, to));
        grouped.append(
                Actor.of(caller),
                AuditEvent.allowed(action, "audit")
                        .with("from", from)
                        .with("to", to)
                        .concerning(viewer));
        return new TreeViews.ConsistencyProof(from, to, TreeViews.base64(proof));
    }

    @Transactional
    public List<TreeViews.WitnessView> witnesses(Caller caller) {
        return witnessing.witnesses(caller);
    }

    @Transactional
    public TreeViews.Cosigned witness(Caller caller, WitnessRequest request) {
        return witnessing.witness(caller, request);
    }

    /** The tree size a proof is over: the latest checkpoint's, or {@code requested} if covered. */
    private long integratedSize(Caller caller, String action, Long requested) {
        long latest =
                requests.withTree(
                        tree -> tree.latest().map(AuditTree.StoredCheckpoint::size).orElse(0L));
        if (requested == null) {
            return latest;
        }
        if (requested > latest) {
            throw requests.refuse(
                    caller,
                    action,
                    new PactumException(
                            AuditProblems.CHECKPOINT_NOT_FOUND,
                            "No checkpoint covers a tree of that size yet; the latest has size "
                                    + latest
                                    + " (checkpoints follow within a second)"));
        }
        return requested;
    }
}
