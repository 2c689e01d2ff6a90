package org.pactum.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One chained entry as stored and as returned to IG leads. */
public record AuditEntry(
        long seq,
        Instant time,
        String actorSubject,
        String actorOrganisation,
        List<String> actorRoles,
        String clientAddress,
        String action,
        String target,
        String agreementId,
        String purpose,
        String outcome,
        String reason,
        Map<String, Object> detail,
        List<String> concerning,
        String requestId,
        String prevHash,
        String hash) {}
