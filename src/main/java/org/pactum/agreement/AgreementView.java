package org.pactum.agreement;

import java.time.Instant;
import java.util.List;

/**
 * An agreement as parties see it: current version, its hash (what approvals bind to), and who has
 * approved it.
 */
public record AgreementView(
        String id,
        AgreementStatus status,
        int version,
        String contentHash,
        AgreementContent content,
        List<String> approvedBy,
        List<String> awaitingApproval,
        String statusReason,
        String suspendedBy,
        Instant createdAt,
        Instant updatedAt) {}
