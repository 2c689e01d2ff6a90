package org.pactum.subject;

/**
 * A release, from the audit trail, that could have included one of the person's rows: same feed and
 * provider, after the row was stored, and a period covering the row's month.
 */
public record PossibleRelease(
        long auditSeq,
        String releasedAt,
        String kind,
        String agreementId,
        String recipient,
        String feed,
        String from,
        String to) {}
