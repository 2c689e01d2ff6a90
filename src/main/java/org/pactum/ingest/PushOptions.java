package org.pactum.ingest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;

/** The query and header parameters every push operation takes, read and checked once. */
public class PushOptions {

    @QueryParam("period")
    String period;

    @QueryParam("invalidRows")
    @DefaultValue("reject")
    String invalidRows;

    @QueryParam("emptyPeriod")
    @DefaultValue("false")
    String emptyPeriod;

    @HeaderParam("Idempotency-Key")
    String idempotencyKey;

    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    String contentType;

    @HeaderParam(HttpHeaders.CONTENT_LENGTH)
    Long contentLength;

    /** Refuses (415) a Content-Type other than {@code type}: the operation takes that one only. */
    void requireType(String type) {
        if (contentType == null
                || !MediaType.valueOf(contentType).isCompatible(MediaType.valueOf(type))) {
            throw new PactumException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "This operation takes Content-Type "
                            + type
                            + " only; push the other format to its own operation");
        }
    }

    PushCommand command(String feed) {
        if (!invalidRows.equals("reject") && !invalidRows.equals("skip")) {
            throw PactumException.invalidParameter(
                    "invalidRows", "must be reject (store nothing if any row is invalid) or skip");
        }
        if (!emptyPeriod.equals("true") && !emptyPeriod.equals("false")) {
            throw PactumException.invalidParameter(
                    "emptyPeriod", "must be true (the period has no records) or false");
        }
        return new PushCommand(
                feed,
                period,
                contentType,
                idempotencyKey,
                invalidRows.equals("skip"),
                contentLength,
                emptyPeriod.equals("true"));
    }
}
