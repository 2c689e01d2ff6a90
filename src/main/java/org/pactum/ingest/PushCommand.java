package org.pactum.ingest;

/**
 * One push of an extract.
 *
 * @param skipInvalidRows false (the default) stores nothing if any row is invalid
 */
public record PushCommand(
        String feed,
        String period,
        String mediaType,
        String idempotencyKey,
        boolean skipInvalidRows,
        Long contentLength) {}
