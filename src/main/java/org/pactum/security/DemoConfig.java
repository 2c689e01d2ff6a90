package org.pactum.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * The embedded default's demo sign-in, under {@code pactum.demo}: whether the local demo issuer
 * exists at all, and how long its tokens last. Off everywhere but the embedded default.
 */
@ConfigMapping(prefix = "pactum.demo")
public interface DemoConfig {

    /** Whether the demo issuer signs tokens (only the embedded default turns it on). */
    @WithDefault("false")
    boolean enabled();

    /** How long a demo token is valid: at least a minute, at most a day. */
    @WithDefault("PT12H")
    @DurationMin(minutes = 1)
    @DurationMax(days = 1)
    Duration tokenLifetime();
}
