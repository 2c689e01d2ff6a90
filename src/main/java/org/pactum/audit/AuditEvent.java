package org.pactum.audit;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What happened, before it is chained. {@code concerning} lists every organisation with a stake in
 * the entry (agreement parties, the provider of the data); an IG lead of any of them may read it.
 * The detail must never hold raw identifiers: counts, field names, dimensions and codes only.
 */
public record AuditEvent(
        String action,
        String target,
        String agreementId,
        String purpose,
        Outcome outcome,
        String reason,
        Map<String, Object> detail,
        Set<String> concerning) {

    public static AuditEvent allowed(String action, String target) {
        return new AuditEvent(
                action, target, null, null, Outcome.ALLOWED, null, Map.of(), Set.of());
    }

    public static AuditEvent denied(String action, String target, String reason) {
        return new AuditEvent(
                action, target, null, null, Outcome.DENIED, reason, Map.of(), Set.of());
    }

    public AuditEvent underAgreement(String id, String agreementPurpose) {
        return new AuditEvent(
                action, target, id, agreementPurpose, outcome, reason, detail, concerning);
    }

    public AuditEvent concerning(Collection<String> organisations) {
        Set<String> all = new TreeSet<>(concerning);
        organisations.stream().filter(o -> o != null).forEach(all::add);
        return new AuditEvent(action, target, agreementId, purpose, outcome, reason, detail, all);
    }

    public AuditEvent concerning(String... organisations) {
        return concerning(Arrays.asList(organisations));
    }

    public AuditEvent with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(detail);
        more.put(key, value);
        return new AuditEvent(
                action, target, agreementId, purpose, outcome, reason, more, concerning);
    }
}
