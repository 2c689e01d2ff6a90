package org.pactum.ingest;

import org.pactum.problem.ProblemType;

/** Problem types of ingest; their URNs are part of the contract partners code against. */
public final class IngestProblems {

    public static final ProblemType INVALID_ROWS =
            new ProblemType(
                    422, "invalid-rows", "The extract has invalid rows; nothing was stored");
    public static final ProblemType INVALID_HEADER =
            new ProblemType(
                    422,
                    "invalid-header",
                    "The extract's header does not match the feed schema; nothing was stored");
    public static final ProblemType UNREADABLE_BODY =
            new ProblemType(
                    422,
                    "unreadable-body",
                    "The extract could not be read to the end; nothing was stored");
    public static final ProblemType EMPTY_EXTRACT =
            new ProblemType(
                    422,
                    "empty-extract",
                    "The extract holds no rows to store; nothing was changed");
    public static final ProblemType NOT_AN_EMPTY_EXTRACT =
            new ProblemType(
                    422,
                    "not-an-empty-extract",
                    "The period was declared empty but the extract holds rows; nothing was changed");
    public static final ProblemType IDEMPOTENCY_CONFLICT =
            new ProblemType(
                    409,
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request");
    public static final ProblemType WRONG_PROVIDER =
            new ProblemType(
                    403, "not-the-provider", "Your organisation does not provide this feed");
    public static final ProblemType INCOMPLETE_UPLOAD =
            new ProblemType(
                    400,
                    "incomplete-upload",
                    "The upload ended before the body was complete; nothing was stored");

    private IngestProblems() {}
}
