package org.pactum.ingest;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * The ingest body limit must lie below the HTTP layer's: the HTTP layer answers a body over its own
 * limit with a bare, unaudited 413, while Pactum's answer is a problem naming the limit, with an
 * audit entry. Pactum refuses to start with the two the wrong way round.
 */
@ApplicationScoped
public class IngestLimits {

    @Inject IngestConfig config;

    /** Read for the check only: the HTTP layer's limit is Quarkus's setting, not ingest's. */
    @Inject Config settings;

    void check(@Observes StartupEvent start) {
        long httpLimit =
                settings.getValue("quarkus.http.limits.max-body-size", MemorySize.class)
                        .asLongValue();
        String problem = problem(config.maxBodyBytes(), httpLimit);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** Why the two limits cannot work together, or null if they can. */
    static String problem(long ingestLimit, long httpLimit) {
        if (ingestLimit < httpLimit) {
            return null;
        }
        return "pactum.ingest.max-body-bytes ("
                + ingestLimit
                + ") must be below quarkus.http.limits.max-body-size ("
                + httpLimit
                + "), or an oversized extract gets the HTTP layer's bare 413 instead of Pactum's"
                + " audited problem";
    }
}
