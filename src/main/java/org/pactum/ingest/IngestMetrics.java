package org.pactum.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * What operators watch on the push path (deploy/observability): extracts accepted and refused, rows
 * stored and rejected, bytes read, and how long a push takes. No feed, organisation or value
 * appears in a metric: counts only.
 */
// Registered at start, so dashboards show zeros rather than "no data" before the first push.
@Startup
@ApplicationScoped
public class IngestMetrics {

    private final Counter accepted;
    private final Counter refused;
    private final Counter rowsStored;
    private final Counter rowsRejected;
    private final Counter bytes;
    private final Timer duration;

    @Inject
    public IngestMetrics(MeterRegistry registry) {
        accepted = submissions(registry, "accepted");
        refused = submissions(registry, "refused");
        rowsStored = rows(registry, "stored");
        rowsRejected = rows(registry, "rejected");
        bytes =
                Counter.builder("pactum.ingest.bytes")
                        .baseUnit("bytes")
                        .description("Bytes of extract bodies read")
                        .register(registry);
        duration =
                Timer.builder("pactum.ingest.duration")
                        .description("Time from the first byte of a push to its answer")
                        .publishPercentileHistogram()
                        .register(registry);
    }

    private static Counter submissions(MeterRegistry registry, String outcome) {
        return Counter.builder("pactum.ingest.submissions")
                .tag("outcome", outcome)
                .description("Pushed extracts, by outcome")
                .register(registry);
    }

    private static Counter rows(MeterRegistry registry, String outcome) {
        return Counter.builder("pactum.ingest.rows")
                .tag("outcome", outcome)
                .description("Rows of pushed extracts stored, or rejected as invalid")
                .register(registry);
    }

    /** A push that stored a submission. */
    public void accepted(long stored, long rejected, long bodyBytes, Duration took) {
        accepted.increment();
        rowsStored.increment(stored);
        rowsRejected.increment(rejected);
        bytes.increment(Math.max(0, bodyBytes));
        duration.record(took);
    }

    /** A push refused (invalid, too large, not permitted, interrupted): nothing stored. */
    public void refused(long bodyBytes, Duration took) {
        refused.increment();
        bytes.increment(Math.max(0, bodyBytes));
        duration.record(took);
    }
}
