package org.pactum.subject;

import java.util.List;

/**
 * A data subject request and what Pactum holds now: who holds the person's rows, the rows the
 * caller's organisation provided, the releases that could have included them, and the restrictions
 * and erasures made under the request. An administrator's request lists the holders but no rows:
 * the administrator routes the request to each provider's IG lead and reads no partner data
 * (separation of duties).
 */
public record SubjectRequestView(
        String id,
        String reference,
        String organisation,
        String createdAt,
        List<Holder> holders,
        List<FoundRow> rows,
        List<PossibleRelease> releases,
        List<HoldView> holds) {}
