package org.pactum.release;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What operators watch on the release path (deploy/observability): releases by kind and outcome,
 * their latency, and how many cells disclosure control changed. Counts only; no agreement or value.
 */
// Registered at start, so dashboards show zeros rather than "no data" before the first push.
@Startup
@ApplicationScoped
public class ReleaseMetrics {

    /** The kinds of release an analyst can ask for. */
    public enum Kind {
        AGGREGATE,
        LINKED,
        RECORDS
    }

    private final Map<Kind, Counter> released = new EnumMap<>(Kind.class);
    private final Map<Kind, Counter> refused = new EnumMap<>(Kind.class);
    private final Map<Kind, Timer> latency = new EnumMap<>(Kind.class);
    private final Counter cellsPerturbed;
    private final Counter cellsBelowThreshold;

    @Inject
    public ReleaseMetrics(MeterRegistry registry) {
        for (Kind kind : Kind.values()) {
            String k = kind.name().toLowerCase(java.util.Locale.ROOT);
            released.put(kind, releases(registry, k, "released"));
            refused.put(kind, releases(registry, k, "refused"));
            latency.put(
                    kind,
                    Timer.builder("pactum.release.duration")
                            .tag("kind", k)
                            .description("Time to answer a release, refusals included")
                            .publishPercentileHistogram()
                            .register(registry));
        }
        cellsPerturbed = cells(registry, "perturbed");
        cellsBelowThreshold = cells(registry, "below_threshold");
    }

    private static Counter releases(MeterRegistry registry, String kind, String outcome) {
        return Counter.builder("pactum.release.requests")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .description("Release requests, by kind and outcome")
                .register(registry);
    }

    private static Counter cells(MeterRegistry registry, String treatment) {
        return Counter.builder("pactum.release.cells")
                .tag("treatment", treatment)
                .description(
                        "Released cells that disclosure control perturbed or showed below threshold")
                .register(registry);
    }

    public void released(Kind kind, Duration took, long perturbed, long belowThreshold) {
        released.get(kind).increment();
        latency.get(kind).record(took);
        cellsPerturbed.increment(perturbed);
        cellsBelowThreshold.increment(belowThreshold);
    }

    public void refused(Kind kind, Duration took) {
        refused.get(kind).increment();
        latency.get(kind).record(took);
    }
}
