package org.pactum.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

/**
 * Limits on pushed extracts, all configurable under {@code pactum.ingest}, and checked at start-up:
 * Pactum refuses to start with a limit that would refuse every push.
 */
@ConfigMapping(prefix = "pactum.ingest")
public interface IngestConfig {

    /**
     * Largest accepted body, in bytes (default 2 GiB less 1 MiB). Must stay below {@code
     * quarkus.http.limits.max-body-size} (2 GiB), so that an oversized extract gets Pactum's own
     * audited 413 problem rather than the HTTP layer's bare one; {@link IngestLimits} checks it.
     */
    @WithDefault("2146435072")
    @Positive
    long maxBodyBytes();

    /** Longest accepted row (CSV record or NDJSON line), in characters. */
    @WithDefault("65536")
    @Min(256)
    int maxRowChars();

    /** Most fields in one row. */
    @WithDefault("200")
    @Min(1)
    @Max(10_000)
    int maxFields();

    /** Longest a single push may take, in seconds, before its transaction is rolled back. */
    @WithDefault("3600")
    @Min(60)
    int transactionTimeout();

    /** How many bad rows a 422 lists (the total is always given). */
    @WithDefault("1000")
    @Min(1)
    int maxReportedErrors();

    /**
     * Most cube cells a push adds up in memory as its rows arrive (about 48 bytes each at most); a
     * push with more builds its cube from its stored rows instead, which is slower but needs no
     * memory. 0 always builds from the stored rows.
     */
    @WithDefault("500000")
    @Min(0)
    int cubeMaxCells();
}
