package org.pactum.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/**
 * The verifiable log's settings (README, "Production configuration"), checked at start-up: a
 * malformed value stops Pactum with a message naming the property.
 */
@ConfigMapping(prefix = "pactum.audit")
public interface AuditConfig {

    /**
     * The log's origin: the first line of every checkpoint and the name of its signing key. A
     * schema-less URL naming this deployment, e.g. {@code pactum.west-midlands-vrp.example/audit}.
     */
    @WithDefault("pactum.local/audit")
    @Pattern(
            regexp = "[^\\s+]{1,200}",
            message = "must be a name without whitespace or '+' (a schema-less URL)")
    String origin();

    /**
     * How often new entries are folded into the tree and a checkpoint signed (at least every second
     * while entries arrive, issue 16). Quarkus's scheduler cannot go below a second, so the
     * integrator has its own thread.
     */
    @WithDefault("200ms")
    Duration integrateEvery();

    /**
     * Refusals anyone can cause without a token (401, 429, framing 400) are chained once per
     * source, action and reason in this interval, then once more with the count of the rest; zero
     * chains each one (the @QuarkusTests, which assert one entry per refusal).
     */
    @WithDefault("PT60S")
    Duration denialInterval();

    /** The most entries folded into the tree in one integration step. */
    @WithDefault("50000")
    @Min(1)
    @Max(1_000_000)
    int integrateBatch();
}
