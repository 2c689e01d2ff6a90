package org.pactum.ingest;

/** One problem with one row: where, and what to fix. Never carries the offending value. */
public record RowError(long line, String field, String reason) {}
