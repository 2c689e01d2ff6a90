package org.pactum.problem;

import java.net.URI;

/**
 * A stable kind of problem (RFC 9457). The {@code type} URI never changes once published: partners
 * branch on it. Features declare their own types beside their exceptions; the shared ones are here.
 */
public record ProblemType(int status, String slug, String title) {

    public static final String URI_PREFIX = "urn:pactum:problem:";

    public static final ProblemType INVALID_REQUEST =
            new ProblemType(400, "invalid-request", "The request is not valid");
    public static final ProblemType UNAUTHENTICATED =
            new ProblemType(401, "unauthenticated", "A valid bearer token is required");
    public static final ProblemType FORBIDDEN = new ProblemType(403, "forbidden", "Not permitted");
    public static final ProblemType NOT_FOUND = new ProblemType(404, "not-found", "Not found");
    public static final ProblemType METHOD_NOT_ALLOWED =
            new ProblemType(405, "method-not-allowed", "Method not allowed");
    public static final ProblemType NOT_ACCEPTABLE =
            new ProblemType(406, "not-acceptable", "No acceptable representation");
    public static final ProblemType CONFLICT =
            new ProblemType(409, "conflict", "Conflict with the current state");
    public static final ProblemType PAYLOAD_TOO_LARGE =
            new ProblemType(413, "payload-too-large", "The request body is too large");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType(415, "unsupported-media-type", "Unsupported media type");
    public static final ProblemType INTERNAL =
            new ProblemType(500, "internal-error", "Internal error");
    public static final ProblemType UNAVAILABLE =
            new ProblemType(503, "unavailable", "Service temporarily unavailable");
    public static final ProblemType AUDIT_UNAVAILABLE =
            new ProblemType(
                    503,
                    "audit-unavailable",
                    "The audit trail could not be written, so nothing was done or released");

    public URI type() {
        return URI.create(URI_PREFIX + slug);
    }
}
