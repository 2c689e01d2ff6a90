package org.pactum.subject;

import java.util.List;

/**
 * A data subject request and what Pactum holds now: the person's rows the caller's organisation
 * provided (all providers' for an administrator), the releases that could have included them, and
 * the restrictions and erasures made under the request.
 */
public record SubjectRequestView(
        String id,
        String reference,
        String organisation,
        String createdAt,
        List<FoundRow> rows,
        List<PossibleRelease> releases,
        List<HoldView> holds) {}
