package org.pactum.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;

/**
 * Checkpoints, proofs and witnesses, with the audit log's roles and tenancy: an IG lead gets an
 * inclusion proof only for an entry they may read. Every answer is audited (committed before it is
 * returned) and every refusal too.
 */
@ApplicationScoped
public class AuditTreeService {

    /** Cosignature timestamps may run this far ahead of Pactum's clock. */
    private static final long CLOCK_SKEW_SECONDS = 600;

    @Inject AgroalDataSource dataSource;

    @Inject AuditLog log;

    @Inject AuditStore store;

    @Inject HeadSigner signer;

    @Inject AuditConfig config;

    @Inject AuditIntegrator integrator;

    @Inject AuditAlarms alarms;

    public String publicKeyPem() {
        return signer.publicKeyPem();
    }

    /** The latest checkpoint, or the one of {@code size}, with every cosignature stored for it. */
    @Transactional
    public String checkpoint(Caller caller, String sizeParam) {
        String viewer = AuditService.viewerOrganisation(caller);
        Long size = optionalNumber(caller, "audit.checkpoint", "size", sizeParam, 0);
        String note =
                withTree(
                        tree -> {
                            Optional<AuditTree.StoredCheckpoint> cp =
                                    size == null ? tree.latest() : tree.checkpoint(size);
                            if (cp.isEmpty()) {
                                return null;
                            }
                            StringBuilder out = new StringBuilder(cp.get().note());
                            for (AuditTree.Cosignature s : tree.cosignaturesOf(cp.get().size())) {
                                out.append(s.line());
                            }
                            return out.toString();
                        });
        if (note == null) {
            throw refuse(
                    caller,
                    "audit.checkpoint",
                    new PactumException(
                            AuditProblems.CHECKPOINT_NOT_FOUND,
                            "No checkpoint of that size is stored; checkpoints exist only for the sizes"
                                    + " the log had when it signed one (fetch the latest without size)"));
        }
        log.append(
                Actor.of(caller),
                AuditEvent.allowed("audit.checkpoint", "audit")
                        .with(
                                "treeSize",
                                SignedNote.parseCheckpoint(SignedNote.parse(note).text()).size())
                        .concerning(viewer));
        return note;
    }

    @Transactional
    public TreeViews.InclusionProof inclusion(Caller caller, String seqParam, String sizeParam) {
        String viewer = AuditService.viewerOrganisation(caller);
        String action = "audit.proof.inclusion";
        Long seq = optionalNumber(caller, action, "seq", seqParam, 1);
        if (seq == null) {
            throw refuse(caller, action, AuditProblems.badParameter("seq", "is required"));
        }
        Long requested = optionalNumber(caller, action, "size", sizeParam, 1);
        long size = integratedSize(caller, action, requested);
        if (seq > size) {
            throw refuse(
                    caller,
                    action,
                    AuditProblems.badParameter("seq", "must be at most size (the tree's size)"));
        }
        if (store.visible(seq, viewer).isEmpty()) {
            throw refuse(
                    caller,
                    action,
                    new PactumException(
                            AuditProblems.ENTRY_NOT_FOUND,
                            "No audit entry with this seq is one your organisation may read"));
        }
        List<byte[]> path = withTree(tree -> Merkle.inclusionProof(tree.nodes(), seq - 1, size));
        log.append(
                Actor.of(caller),
                AuditEvent.allowed(action, "audit")
                        .with("seq", seq)
                        .with("treeSize", size)
                        .concerning(viewer));
        return new TreeViews.InclusionProof(seq - 1, size, TreeViews.base64(path));
    }

    @Transactional
    public TreeViews.ConsistencyProof consistency(Caller caller, String fromParam, String toParam) {
        String viewer = AuditService.viewerOrganisation(caller);
        String action = "audit.proof.consistency";
        Long from = optionalNumber(caller, action, "from", fromParam, 1);
        if (from == null) {
            throw refuse(caller, action, AuditProblems.badParameter("from", "is required"));
        }
        Long requested = optionalNumber(caller, action, "to", toParam, 1);
        long to = integratedSize(caller, action, requested);
        if (from > to) {
            throw refuse(caller, action, AuditProblems.badParameter("from", "must be at most to"));
        }
        List<byte[]> proof = withTree(tree -> Merkle.consistencyProof(tree.nodes(), from, to));
        log.append(
                Actor.of(caller),
                AuditEvent.allowed(action, "audit")
                        .with("from", from)
                        .with("to", to)
                        .concerning(viewer));
        return new TreeViews.ConsistencyProof(from, to, TreeViews.base64(proof));
    }

    @Transactional
    public List<TreeViews.WitnessView> witnesses(Caller caller) {
        String viewer = AuditService.viewerOrganisation(caller);
        List<TreeViews.WitnessView> out =
                withTree(
                        tree -> {
                            List<TreeViews.WitnessView> views = new ArrayList<>();
                            for (AuditTree.Witness w : tree.witnesses()) {
                                views.add(
                                        new TreeViews.WitnessView(
                                                w.organisation(),
                                                w.keyName(),
                                                SignedNote.pem(w.publicKey()),
                                                tree.lastCosignature(w.organisation())
                                                        .map(AuditTree.Cosignature::size)
                                                        .orElse(null)));
                            }
                            return views;
                        });
        log.append(
                Actor.of(caller),
                AuditEvent.allowed("audit.witness.list", "audit").concerning(viewer));
        return out;
    }

    /**
     * Stores an IG lead's cosignature of a checkpoint. The checkpoint must be one this log signed
     * and stored; a checkpoint this log signed that differs from the stored one of its size is a
     * fork, and raises the alarm.
     */
    @Transactional
    public TreeViews.Cosigned witness(Caller caller, WitnessRequest request) {
        String action = "audit.witness";
        String org = caller.organisation();
        if (org == null) {
            throw refuse(
                    caller,
                    action,
                    PactumException.forbidden(
                            "Your token carries no organisation, so you cannot witness the log"));
        }
        if (request == null || request.checkpoint() == null) {
            throw refuse(caller, action, AuditProblems.badParameter("checkpoint", "is required"));
        }
        if (request.timestamp() == null
                || request.timestamp() < 0
                || request.timestamp() > Instant.now().getEpochSecond() + CLOCK_SKEW_SECONDS) {
            throw refuse(
                    caller,
                    action,
                    AuditProblems.badParameter(
                            "timestamp",
                            "must be the cosignature time in seconds since the epoch"));
        }
        byte[] signature = decode(caller, action, "signature", request.signature());
        SignedNote.Note note;
        SignedNote.Checkpoint presented;
        try {
            note = SignedNote.parse(request.checkpoint());
            presented = SignedNote.parseCheckpoint(note.text());
        } catch (IllegalArgumentException e) {
            throw refuse(
                    caller,
                    action,
                    AuditProblems.badParameter(
                            "checkpoint",
                            "must be a checkpoint note as GET /api/v1/audit/checkpoint serves it"));
        }
        if (!presented.origin().equals(config.origin())
                || !SignedNote.signedBy(note, config.origin(), integrator.publicKey())) {
            throw refuse(
                    caller,
                    action,
                    new PactumException(
                            AuditProblems.WITNESS_REFUSED,
                            "The checkpoint is not signed by this log's key ("
                                    + config.origin()
                                    + ")",
                            java.util.Map.of("parameter", "checkpoint")));
        }
        WitnessResult result =
                withTree(
                        tree -> {
                            Optional<AuditTree.StoredCheckpoint> stored =
                                    tree.checkpoint(presented.size());
                            if (stored.isPresent()
                                    && !Arrays.equals(stored.get().root(), presented.root())) {
                                return WitnessResult.fork(presented.size());
                            }
                            if (stored.isEmpty()) {
                                return WitnessResult.refused(
                                        "checkpoint",
                                        "is not one this log has stored (fetch a current one)");
                            }
                            AuditTree.Witness key = witnessKey(tree, org, request.publicKey());
                            if (key == null) {
                                return WitnessResult.refused(
                                        "publicKey",
                                        "must be your witness key (PEM, Ed25519): it is required the first"
                                                + " time and must match the registered key afterwards");
                            }
                            Optional<AuditTree.Cosignature> previous = tree.lastCosignature(org);
                            if (previous.isPresent() && previous.get().size() > presented.size()) {
                                return WitnessResult.refused(
                                        "checkpoint",
                                        "is older than the checkpoint your organisation last cosigned");
                            }
                            AuditTree.Cosignature cosigned =
                                    new AuditTree.Cosignature(
                                            org,
                                            presented.size(),
                                            request.timestamp(),
                                            SignedNote.signatureLine(
                                                    key.keyName(),
                                                    SignedNote.keyId(
                                                            key.keyName(),
                                                            SignedNote.COSIGNATURE_V1,
                                                            key.publicKey()),
                                                    SignedNote.cosignature(
                                                            request.timestamp(), signature)));
                            if (!Witnessing.cosignatureValid(key, cosigned, presented)) {
                                return WitnessResult.refused(
                                        "signature",
                                        "does not verify: sign \"cosignature/v1\\ntime <timestamp>\\n\""
                                                + " followed by the checkpoint's first three lines with your key");
                            }
                            boolean registered = tree.witness(org).isEmpty();
                            if (registered) {
                                tree.insertWitness(key);
                            }
                            tree.insertCosignature(cosigned);
                            StringBuilder served = new StringBuilder(stored.get().note());
                            for (AuditTree.Cosignature s : tree.cosignaturesOf(presented.size())) {
                                served.append(s.line());
                            }
                            return WitnessResult.accepted(
                                    new TreeViews.Cosigned(
                                            org,
                                            key.keyName(),
                                            presented.size(),
                                            request.timestamp(),
                                            served.toString()),
                                    registered);
                        });
        if (result.forkSize != null) {
            alarms.raise(
                    "witness "
                            + org
                            + " presented a checkpoint of size "
                            + result.forkSize
                            + " signed by this log that differs from the stored one: the log has forked",
                    List.of(org));
            throw new PactumException(
                    AuditProblems.INCONSISTENT,
                    "The checkpoint you presented is signed by this log but differs from the stored"
                            + " checkpoint of the same size. Keep it: it is evidence that the log forked.");
        }
        if (result.cosigned == null) {
            throw refuse(
                    caller,
                    action,
                    new PactumException(
                            AuditProblems.WITNESS_REFUSED,
                            "Field '" + result.field + "' " + result.rule,
                            java.util.Map.of("parameter", result.field)));
        }
        log.append(
                Actor.of(caller),
                AuditEvent.allowed(action, "audit")
                        .with("treeSize", result.cosigned.treeSize())
                        .with("keyRegistered", result.registered)
                        .concerning(org));
        return result.cosigned;
    }

    /** The registered key, or the presented one on first use; null when they disagree or none. */
    private static AuditTree.Witness witnessKey(AuditTree tree, String org, String pem)
            throws SQLException {
        Optional<AuditTree.Witness> registered = tree.witness(org);
        byte[] presented = null;
        if (pem != null && !pem.isBlank()) {
            try {
                presented = SignedNote.rawEd25519(pem);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (registered.isPresent()) {
            return presented == null || Arrays.equals(presented, registered.get().publicKey())
                    ? registered.get()
                    : null;
        }
        return presented == null
                ? null
                : new AuditTree.Witness(org, Witnessing.keyName(org), presented);
    }

    private record WitnessResult(
            TreeViews.Cosigned cosigned,
            boolean registered,
            Long forkSize,
            String field,
            String rule) {
        static WitnessResult fork(long size) {
            return new WitnessResult(null, false, size, null, null);
        }

        static WitnessResult refused(String field, String rule) {
            return new WitnessResult(null, false, null, field, rule);
        }

        static WitnessResult accepted(TreeViews.Cosigned cosigned, boolean registered) {
            return new WitnessResult(cosigned, registered, null, null, null);
        }
    }

    /** The tree size a proof is over: the latest checkpoint's, or {@code requested} if covered. */
    private long integratedSize(Caller caller, String action, Long requested) {
        long latest =
                withTree(tree -> tree.latest().map(AuditTree.StoredCheckpoint::size).orElse(0L));
        if (requested == null) {
            return latest;
        }
        if (requested > latest) {
            throw refuse(
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

    private Long optionalNumber(
            Caller caller, String action, String name, String value, long minimum) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("[0-9]{1,18}") || Long.parseLong(value) < minimum) {
            throw refuse(
                    caller,
                    action,
                    AuditProblems.badParameter(
                            name, "must be a whole number of at least " + minimum));
        }
        return Long.parseLong(value);
    }

    private byte[] decode(Caller caller, String action, String field, String base64) {
        try {
            byte[] raw = base64 == null ? null : Base64.getDecoder().decode(base64.strip());
            if (raw != null && raw.length == 64) {
                return raw;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw refuse(
                caller,
                action,
                AuditProblems.badParameter(field, "must be a base64 Ed25519 signature (64 bytes)"));
    }

    /** Audits a refusal in a transaction of its own, then returns the exception to throw. */
    private PactumException refuse(Caller caller, String action, PactumException problem) {
        log.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(action, "audit", problem.problemType().slug())
                        .concerning(caller.organisation()));
        return problem;
    }

    @FunctionalInterface
    private interface TreeWork<T> {
        T run(AuditTree tree) throws SQLException;
    }

    private <T> T withTree(TreeWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(new AuditTree(c));
        } catch (SQLException e) {
            throw new AuditUnavailableException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
