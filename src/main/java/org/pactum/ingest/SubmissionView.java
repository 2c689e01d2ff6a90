package org.pactum.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A submission as its provider sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionView(
        long id,
        String provider,
        String feed,
        int feedVersion,
        String period,
        String status,
        long rowsReceived,
        long rowsStored,
        long rowsRejected,
        String sha256,
        String idempotencyKey,
        Instant submittedAt,
        List<Long> replaced,
        Long replacedBy,
        List<RowError> rowErrors,
        long rowsHeldBack) {

    SubmissionView withReplaced(List<Long> ids) {
        return new SubmissionView(
                id,
                provider,
                feed,
                feedVersion,
                period,
                status,
                rowsReceived,
                rowsStored,
                rowsRejected,
                sha256,
                idempotencyKey,
                submittedAt,
                ids,
                replacedBy,
                rowErrors,
                rowsHeldBack);
    }

    /** The rows an active data subject request held back: erased ones were never stored. */
    SubmissionView withHeldBack(HeldRows.Held held) {
        return new SubmissionView(
                id,
                provider,
                feed,
                feedVersion,
                period,
                status,
                rowsReceived,
                rowsStored - held.erased(),
                rowsRejected,
                sha256,
                idempotencyKey,
                submittedAt,
                replaced,
                replacedBy,
                rowErrors,
                held.total());
    }
}
