package org.pactum.ingest;

/**
 * One push of an extract.
 *
 * @param skipInvalidRows false (the default) stores nothing if any row is invalid
 * @param declaredEmpty the provider says the period has no records: only then may an extract
 *     without rows be stored (and replace the period's earlier data)
 */
public record PushCommand(
        String feed,
        String period,
        String mediaType,
        String idempotencyKey,
        boolean skipInvalidRows,
        Long contentLength,
        boolean declaredEmpty) {

    /** A push that does not declare its period empty. */
    public PushCommand(
            String feed,
            String period,
            String mediaType,
            String idempotencyKey,
            boolean skipInvalidRows,
            Long contentLength) {
        this(feed, period, mediaType, idempotencyKey, skipInvalidRows, contentLength, false);
    }
}
