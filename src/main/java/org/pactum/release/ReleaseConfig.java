package org.pactum.release;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How many aggregate releases run at once, all configurable under {@code pactum.release} (issue
 * 14). A release holds at most two pooled connections (its transaction, and an audit entry in a
 * transaction of its own), so {@link ReleaseGate} checks at start-up that releases can never take
 * more than half of {@code quarkus.datasource.jdbc.max-size}: no release waits on the pool.
 */
@ConfigMapping(prefix = "pactum.release")
public interface ReleaseConfig {

    /** Aggregate releases running at once on this instance (the rest queue, then get a 503). */
    @WithDefault("8")
    @Min(1)
    @Max(1000)
    int concurrent();

    /** Aggregate releases one client may have in flight (more get a 429). */
    @WithDefault("4")
    @Min(1)
    @Max(1000)
    int perClient();

    /** Requests that may wait for a place on this instance; beyond that, a 503 at once. */
    @WithDefault("64")
    @Min(0)
    @Max(100000)
    int queueLength();

    /** Longest a request waits for a place before its 429 or 503. */
    @WithDefault("PT2S")
    Duration queueWait();

    /** What Retry-After says on a 429 or 503 from the gate. */
    @WithDefault("PT2S")
    Duration retryAfter();

    /**
     * Most cube cells an instance copies into memory per feed and cube table ({@link
     * CubeSnapshots}), at about 40 bytes a cell; a larger cube is read from its table. 0: never
     * copy.
     */
    @WithDefault("4000000")
    @Min(0)
    @Max(100000000)
    int cachedCells();

    /**
     * Tables an instance remembers, with their cells' neighbours ({@link ReleasedTables}): a few
     * megabytes each for the largest tables. 0: remember none.
     */
    @WithDefault("16")
    @Min(0)
    @Max(10000)
    int cachedTables();
}
