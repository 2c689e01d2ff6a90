package org.pactum.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * How much of the service one client may take, under {@code pactum.http}. Limits bound cost; none
 * of them switches a check off. The idle timeout that cuts stalled uploads and slow readers is
 * {@code quarkus.http.idle-timeout}.
 */
@ConfigMapping(prefix = "pactum.http")
public interface HttpConfig {

    /**
     * Requests per second one source address may make to the API, sustained. Behind a proxy, set
     * {@code quarkus.http.proxy.proxy-address-forwarding} (with trusted proxies) so the address is
     * the client's, not the proxy's.
     */
    @WithDefault("100")
    @Positive
    double requestsPerSecond();

    /** Requests one source address may make in a burst above the sustained rate. */
    @WithDefault("200")
    @Min(1)
    int requestBurst();

    /** Requests per second one authenticated client (token subject) may make, sustained. */
    @WithDefault("50")
    @Positive
    double callerRequestsPerSecond();

    /** Requests one authenticated client may make in a burst above the sustained rate. */
    @WithDefault("100")
    @Min(1)
    int callerRequestBurst();

    /** Pushes one client (token subject) may have in flight at once. */
    @WithDefault("16")
    @Min(1)
    int uploadsPerClient();

    /**
     * Pushes this instance runs at once, whoever sends them. Each holds a pooled database
     * connection while it reads the body, so this must stay below the pool size ({@code
     * quarkus.datasource.jdbc.max-size}): the rest is kept for releases, the audit trail and
     * readiness.
     */
    @WithDefault("20")
    @Min(1)
    int uploadsInFlight();

    /** Record extracts one client may stream at once (each holds a snapshot connection). */
    @WithDefault("4")
    @Min(1)
    int extractsPerClient();

    /** Record extracts this instance streams at once, whoever asks. */
    @WithDefault("8")
    @Min(1)
    int extractsInFlight();

    /** What Retry-After says on a 429. */
    @WithDefault("PT5S")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 1)
    Duration retryAfter();
}
