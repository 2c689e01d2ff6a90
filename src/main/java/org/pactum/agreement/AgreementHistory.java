package org.pactum.agreement;

import java.time.Instant;
import java.util.List;

/** Every version, approval and state change of one agreement. */
public record AgreementHistory(
        String id, List<Version> versions, List<Approval> approvals, List<Event> events) {

    public record Version(
            int version,
            String contentHash,
            Instant createdAt,
            String createdBy,
            String createdByOrganisation,
            AgreementContent content) {}

    public record Approval(
            int version,
            String organisation,
            String approver,
            String contentHash,
            Instant approvedAt) {}

    public record Event(
            Instant at,
            int version,
            String action,
            AgreementStatus from,
            AgreementStatus to,
            String actor,
            String actorOrganisation,
            String reason) {}
}
