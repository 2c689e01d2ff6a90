package org.pactum.subject;

/** A restriction or erasure of one provider's rows of a feed and period, and whether it holds. */
public record HoldView(
        String action,
        String provider,
        String feed,
        String period,
        String legalBasis,
        String createdAt,
        boolean active) {}
