package org.pactum.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on pushed extracts, all configurable under {@code pactum.ingest}. */
@ConfigMapping(prefix = "pactum.ingest")
public interface IngestConfig {

    /** Largest accepted body, in bytes (default 2 GiB). */
    @WithDefault("2147483648")
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
