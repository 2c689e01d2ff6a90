package org.pactum.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;

/**
 * IG leads' and administrators' view of the chain. Every read is itself audited, and its entry
 * commits before anything is returned (no audit, no data). An IG lead sees the entries their
 * organisation acted in or is concerned by; an administrator sees all.
 */
@ApplicationScoped
public class AuditService {

    public static final int MAX_PAGE = 1_000;

    @Inject AuditLog log;

    @Inject GroupedAppends grouped;

    @Inject AuditStore store;

    @Inject HeadSigner signer;

    @Inject ServerVerification verifier;

    @Inject ObjectMapper json;

    public record Page(List<AuditEntry> entries, Long nextAfterSeq) {}

    public record Verification(
            boolean valid,
            long checked,
            long fromSeq,
            long toSeq,
            long headSeq,
            String headHash,
            Long firstBrokenSeq,
            String problem) {}

    public record Receipt(
            long seq,
            String hash,
            String time,
            String message,
            String algorithm,
            String signature,
            String publicKey) {}

    /** A page of the log; read-only, so its entry is appended in a group (GroupedAppends). */
    public Page list(Caller caller, AuditFilter filter, int limit) {
        String viewer = viewerOrganisation(caller);
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<AuditEntry> entries = store.page(filter, viewer, size);
        Long next = entries.size() == size ? entries.get(entries.size() - 1).seq() : null;
        grouped.append(
                Actor.of(caller),
                AuditEvent.allowed("audit.read", "audit")
                        .with("filter", describe(filter))
                        .with("entriesReturned", entries.size())
                        .concerning(viewer));
        return new Page(entries, next);
    }

    @Transactional
    public Verification verify(Caller caller, Long fromSeq, Long toSeq) {
        String viewer = viewerOrganisation(caller);
        Verification result = recompute(fromSeq, toSeq);
        log.append(
                Actor.of(caller),
                AuditEvent.allowed("audit.verify", "audit")
                        .with("fromSeq", result.fromSeq())
                        .with("toSeq", result.toSeq())
                        .with("valid", result.valid())
                        .with("checked", result.checked())
                        .concerning(viewer));
        return result;
    }

    /** Records the export (committed before the first byte), then returns the streaming writer. */
    @Transactional
    public ExportStream export(Caller caller, Long fromSeq, Long toSeq) {
        return export(caller, fromSeq, toSeq, false);
    }

    /** As {@link #export(Caller, Long, Long)}, as CSV when {@code csv} (same lines, as rows). */
    @Transactional
    public ExportStream export(Caller caller, Long fromSeq, Long toSeq, boolean csv) {
        String viewer = viewerOrganisation(caller);
        AuditEntry recorded =
                log.append(
                        Actor.of(caller),
                        AuditEvent.allowed("audit.export", "audit")
                                .with("fromSeq", fromSeq == null ? 1 : fromSeq)
                                .with("redacted", viewer != null)
                                .with("format", csv ? "csv" : "ndjson")
                                .concerning(viewer));
        long from = Math.max(1, fromSeq == null ? 1 : fromSeq);
        long to = toSeq == null ? recorded.seq() : Math.min(toSeq, recorded.seq());
        if (csv) {
            AuditCsv rows = new AuditCsv(json);
            return out ->
                    writeLines(
                            out, from, to, AuditCsv.header(), e -> rows.row(exportLine(e, viewer)));
        }
        return out ->
                writeLines(
                        out,
                        from,
                        to,
                        "",
                        e -> json.writeValueAsString(exportLine(e, viewer)) + "\n");
    }

    /** A signed receipt for the caller's own entry; read-only, so appended in a group. */
    public Receipt head(Caller caller) {
        String viewer = viewerOrganisation(caller);
        AuditEntry recorded =
                grouped.append(
                        Actor.of(caller),
                        AuditEvent.allowed("audit.head", "audit").concerning(viewer));
        String time = AuditChain.TIME.format(recorded.time());
        String message =
                "pactum-audit-head:v1:" + recorded.seq() + ":" + recorded.hash() + ":" + time;
        return new Receipt(
                recorded.seq(),
                recorded.hash(),
                time,
                message,
                signer.algorithm(),
                signer.sign(message),
                signer.publicKeyPem());
    }

    /** Streams the export; a functional type so the resource can hand it to JAX-RS as is. */
    @FunctionalInterface
    public interface ExportStream {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Recomputes the log from its entries and compares it with the tree and the signed checkpoints.
     * A broken log is a result (valid false, with the first broken seq), never an error.
     */
    Verification recompute(Long fromSeq, Long toSeq) {
        return verifier.recompute(fromSeq, toSeq);
    }

    /** One exported entry as the text of its line(s). */
    @FunctionalInterface
    private interface LineFormat {
        String line(AuditEntry e) throws IOException;
    }

    private void writeLines(
            OutputStream out, long from, long to, String header, LineFormat format) {
        try {
            BufferedWriter writer =
                    new BufferedWriter(
                            new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            writer.write(header);
            store.scan(
                    from,
                    to,
                    e -> {
                        try {
                            writer.write(format.line(e));
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    });
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An entry the viewer may not read is exported as its links only (seq, prevHash, hash), so the
     * IG lead can still check the chain is continuous without seeing other organisations' activity.
     */
    static Map<String, Object> exportLine(AuditEntry e, String viewer) {
        Map<String, Object> line = new TreeMap<>();
        if (viewer == null
                || viewer.equals(e.actorOrganisation())
                || e.concerning().contains(viewer)) {
            line.putAll(AuditChain.fields(e));
        } else {
            line.put("seq", e.seq());
            if (e.prevHash() != null) {
                line.put("prevHash", e.prevHash());
            }
            line.put("redacted", true);
            // The leaf hash lets the reader rebuild the Merkle tree without seeing the content.
            line.put("leafHash", HexFormat.of().formatHex(AuditChain.leafHash(e)));
        }
        line.put("hash", e.hash());
        return line;
    }

    /** null for an administrator (sees all); the IG lead's organisation otherwise. */
    static String viewerOrganisation(Caller caller) {
        if (caller.isAdmin()) {
            return null;
        }
        if (caller.organisation() == null) {
            throw PactumException.forbidden(
                    "Your token carries no organisation, so no audit entries can be shown");
        }
        return caller.organisation();
    }

    private static Map<String, Object> describe(AuditFilter f) {
        Map<String, Object> m = new TreeMap<>();
        put(m, "from", f.from());
        put(m, "to", f.to());
        put(m, "action", f.action());
        put(m, "actorOrganisation", f.actorOrganisation());
        put(m, "agreementId", f.agreementId());
        put(m, "outcome", f.outcome());
        put(m, "afterSeq", f.afterSeq());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(
                    key,
                    value instanceof String s
                            ? (CODE.matcher(s).matches() ? s : "(not a code; withheld)")
                            : value instanceof Instant i ? i.toString() : value.toString());
        }
    }

    /**
     * A filter text is recorded only if it looks like an action, organisation code or agreement id:
     * anything else is whatever the caller typed, and no audit entry repeats a submitted value.
     */
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9._:-]{0,63}");
}
