package org.pactum.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pactum.platform.CanonicalJson;

/**
 * The canonical encoding and hash of an entry (documented in README.md, "Verifying the audit
 * trail").
 *
 * <p>canonical = the entry as a JSON object without {@code hash}, keys sorted at every level, no
 * whitespace, UTF-8, absent values as {@code null}, time as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}
 * (UTC, microseconds). Strings are stripped of control characters before chaining, so the encoding
 * is byte-identical to {@code jq -cS 'del(.hash)'}. hash = lowercase hex SHA-256 of canonical; the
 * entry's {@code prevHash} (64 zeros for the first entry) is inside canonical, which links the
 * chain.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditChain() {}

    public static Instant truncate(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    /** The entry as the ordered map that is both hashed and exported (plus {@code hash}). */
    public static Map<String, Object> fields(AuditEntry e) {
        Map<String, Object> m = new TreeMap<>();
        m.put("seq", e.seq());
        m.put("time", TIME.format(e.time()));
        m.put("actorSubject", e.actorSubject());
        m.put("actorOrganisation", e.actorOrganisation());
        m.put("actorRoles", e.actorRoles());
        m.put("clientAddress", e.clientAddress());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("agreementId", e.agreementId());
        m.put("purpose", e.purpose());
        m.put("outcome", e.outcome());
        m.put("reason", e.reason());
        m.put("detail", e.detail() == null || e.detail().isEmpty() ? null : sorted(e.detail()));
        m.put("concerning", e.concerning());
        m.put("requestId", e.requestId());
        if (e.prevHash() != null) {
            // Only entries written while the log was a hash chain carry a link (README, "Verifying
            // the audit trail"); later ones are bound together by the Merkle tree instead.
            m.put("prevHash", e.prevHash());
        }
        return m;
    }

    public static String canonical(AuditEntry e) {
        return CanonicalJson.write(fields(e));
    }

    public static String hash(AuditEntry e) {
        return CanonicalJson.sha256(canonical(e));
    }

    /** The entry's RFC 9162 leaf hash: SHA-256(0x00 || canonical UTF-8 bytes). */
    public static byte[] leafHash(AuditEntry e) {
        return Merkle.leafHash(canonical(e).getBytes(StandardCharsets.UTF_8));
    }

    /** Removes control characters so that every JSON encoder writes the string the same way. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(cp < 0x20 || cp == 0x7f ? ' ' : cp));
        return out.toString();
    }

    /**
     * Detail values reduced to what every JSON encoder writes identically: text, integers,
     * booleans.
     */
    @SuppressWarnings("unchecked")
    static Object normalise(Object value) {
        if (value == null
                || value instanceof Boolean
                || value instanceof Long
                || value instanceof Integer) {
            return value instanceof Integer i ? Long.valueOf(i) : value;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(clean(String.valueOf(k)), normalise(v)));
            return out;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(v -> out.add(normalise(v)));
            return out;
        }
        return clean(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> sorted(Map<String, Object> detail) {
        return (Map<String, Object>) normalise(new LinkedHashMap<>(detail));
    }
}
