package org.pactum.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on pushed extracts, all configurable under {@code pactum.ingest}. */
@ConfigMapping(prefix = "pactum.ingest")
public interface IngestConfig {

    /**
     * Largest accepted body, in bytes (default 2 GiB less 1 MiB). Must stay below {@code
     * quarkus.http.limits.max-body-size} (2 GiB), so that an oversized extract gets Pactum's own
     * audited 413 problem rather than the HTTP layer's bare one; {@link IngestLimits} checks it.
     */
    @WithDefault("2146435072")
    long maxBodyBytes();

    /** Longest accepted row (CSV record or NDJSON line), in characters. */
    @WithDefault("65536")
    int maxRowChars();

    /** Most fields in one row. */
    @WithDefault("200")
    int maxFields();

    /** Longest a single push may take, in seconds, before its transaction is rolled back. */
    @WithDefault("3600")
    int transactionTimeout();

    /** How many bad rows a 422 lists (the total is always given). */
    @WithDefault("1000")
    int maxReportedErrors();
}
