package org.pactum.audit;

import java.time.Instant;

/** Filters of {@code GET /api/v1/audit}; any may be null. Paging is by sequence (keyset). */
public record AuditFilter(
        Instant from,
        Instant to,
        String action,
        String actorOrganisation,
        String agreementId,
        Outcome outcome,
        Long afterSeq) {}
