package org.pactum.subject;

import java.util.List;

/** What a restriction, erasure, lifting or rectification did, per feed and period. */
public record ActionResult(String requestId, String action, long rowsAffected, List<Part> parts) {

    public record Part(String feed, String period, long rows) {}
}
