package org.pactum.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;

/**
 * Witnesses: each party's IG lead cosigns checkpoints they have checked, and Pactum stores and
 * serves the cosignatures. A checkpoint this log signed that differs from the stored one of its
 * size is a fork, and raises the alarm. Every answer and every refusal is audited.
 */
@ApplicationScoped
public class WitnessService {

    /** Cosignature timestamps may run this far ahead of Pactum's clock. */
    private static final long CLOCK_SKEW_SECONDS = 600;

    private static final String ACTION = "audit.witness";

    @Inject AuditLog log;

    @Inject AuditConfig config;

    @Inject AuditIntegrator integrator;

    @Inject AuditAlarms alarms;

    @Inject TreeRequests requests;

    @Transactional
    public List<TreeViews.WitnessView> witnesses(Caller caller) {
        String viewer = AuditService.viewerOrganisation(caller);
        List<TreeViews.WitnessView> out =
                requests.withTree(
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

    /** Stores an IG lead's cosignature of a checkpoint this log signed and stored. */
    @Transactional
    public TreeViews.Cosigned witness(Caller caller, WitnessRequest request) {
        String org = caller.organisation();
        if (org == null) {
            throw requests.refuse(
                    caller,
                    ACTION,
                    PactumException.forbidden(
                            "Your token carries no organisation, so you cannot witness the log"));
        }
        Presented presented = presented(caller, request);
        WitnessResult result = requests.withTree(tree -> cosign(tree, org, request, presented));
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
            throw requests.refuse(caller, ACTION, refused(result.field, result.rule));
        }
        log.append(
                Actor.of(caller),
                AuditEvent.allowed(ACTION, "audit")
                        .with("treeSize", result.cosigned.treeSize())
                        .with("keyRegistered", result.registered)
                        .concerning(org));
        return result.cosigned;
    }

    /** A well-formed request: its checkpoint (signed by this log) and signature bytes. */
    private record Presented(SignedNote.Checkpoint checkpoint, byte[] signature) {}

    private Presented presented(Caller caller, WitnessRequest request) {
        if (request == null || request.checkpoint() == null) {
            throw requests.refuse(
                    caller, ACTION, AuditProblems.badParameter("checkpoint", "is required"));
        }
        if (request.timestamp() == null
                || request.timestamp() < 0
                || request.timestamp() > Instant.now().getEpochSecond() + CLOCK_SKEW_SECONDS) {
            throw requests.refuse(
                    caller,
                    ACTION,
                    AuditProblems.badParameter(
                            "timestamp",
                            "must be the cosignature time in seconds since the epoch"));
        }
        byte[] signature = decode(caller, request.signature());
        SignedNote.Note note;
        SignedNote.Checkpoint checkpoint;
        try {
            note = SignedNote.parse(request.checkpoint());
            checkpoint = SignedNote.parseCheckpoint(note.text());
        } catch (IllegalArgumentException e) {
            throw requests.refuse(
                    caller,
                    ACTION,
                    AuditProblems.badParameter(
                            "checkpoint",
                            "must be a checkpoint note as GET /api/v1/audit/checkpoint serves it"));
        }
        if (!checkpoint.origin().equals(config.origin())
                || !SignedNote.signedBy(note, config.origin(), integrator.publicKey())) {
            throw requests.refuse(
                    caller,
                    ACTION,
                    new PactumException(
                            AuditProblems.WITNESS_REFUSED,
                            "The checkpoint is not signed by this log's key ("
                                    + config.origin()
                                    + ")",
                            Map.of("parameter", "checkpoint")));
        }
        return new Presented(checkpoint, signature);
    }

    private WitnessResult cosign(
            AuditTree tree, String org, WitnessRequest request, Presented presented)
            throws SQLException {
        SignedNote.Checkpoint checkpoint = presented.checkpoint();
        Optional<AuditTree.StoredCheckpoint> stored = tree.checkpoint(checkpoint.size());
        if (stored.isPresent() && !Arrays.equals(stored.get().root(), checkpoint.root())) {
            return WitnessResult.fork(checkpoint.size());
        }
        if (stored.isEmpty()) {
            return WitnessResult.refused(
                    "checkpoint", "is not one this log has stored (fetch a current one)");
        }
        AuditTree.Witness key = witnessKey(tree, org, request.publicKey());
        if (key == null) {
            return WitnessResult.refused(
                    "publicKey",
                    "must be your witness key (PEM, Ed25519): it is required the first"
                            + " time and must match the registered key afterwards");
        }
        Optional<AuditTree.Cosignature> previous = tree.lastCosignature(org);
        if (previous.isPresent() && previous.get().size() > checkpoint.size()) {
            return WitnessResult.refused(
                    "checkpoint", "is older than the checkpoint your organisation last cosigned");
        }
        AuditTree.Cosignature cosigned =
                cosignature(key, org, checkpoint.size(), request.timestamp(), presented);
        if (!Witnessing.cosignatureValid(key, cosigned, checkpoint)) {
            return WitnessResult.refused(
                    "signature",
                    "does not verify: sign \"cosignature/v1\\ntime <timestamp>\\n\""
                            + " followed by the checkpoint's first three lines with your key");
        }
        return store(tree, key, cosigned, stored.get());
    }

    private static AuditTree.Cosignature cosignature(
            AuditTree.Witness key, String org, long size, long timestamp, Presented presented) {
        return new AuditTree.Cosignature(
                org,
                size,
                timestamp,
                SignedNote.signatureLine(
                        key.keyName(),
                        SignedNote.keyId(key.keyName(), SignedNote.COSIGNATURE_V1, key.publicKey()),
                        SignedNote.cosignature(timestamp, presented.signature())));
    }

    /** Registers the key on first use, stores the cosignature, and serves the cosigned note. */
    private static WitnessResult store(
            AuditTree tree,
            AuditTree.Witness key,
            AuditTree.Cosignature cosigned,
            AuditTree.StoredCheckpoint stored)
            throws SQLException {
        boolean registered = tree.witness(key.organisation()).isEmpty();
        if (registered) {
            tree.insertWitness(key);
        }
        tree.insertCosignature(cosigned);
        StringBuilder served = new StringBuilder(stored.note());
        for (AuditTree.Cosignature s : tree.cosignaturesOf(cosigned.size())) {
            served.append(s.line());
        }
        return WitnessResult.accepted(
                new TreeViews.Cosigned(
                        key.organisation(),
                        key.keyName(),
                        cosigned.size(),
                        cosigned.timestamp(),
                        served.toString()),
                registered);
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

    private static PactumException refused(String field, String rule) {
        return new PactumException(
                AuditProblems.WITNESS_REFUSED,
                "Field '" + field + "' " + rule,
                Map.of("parameter", field));
    }

    private byte[] decode(Caller caller, String base64) {
        try {
            byte[] raw = base64 == null ? null : Base64.getDecoder().decode(base64.strip());
            if (raw != null && raw.length == 64) {
                return raw;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw requests.refuse(
                caller,
                ACTION,
                AuditProblems.badParameter(
                        "signature", "must be a base64 Ed25519 signature (64 bytes)"));
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
}
