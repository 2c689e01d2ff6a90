package org.pactum.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import org.pactum.audit.Actor;
import org.pactum.audit.CoalescedDenials;

/**
 * Per source address, before anything else runs (token checks included): a flood from one address
 * is answered 429 for the cost of a counter, and recorded as one audit entry per interval with a
 * count. Health probes under /q are exempt, so readiness always answers.
 */
@ApplicationScoped
public class SourceRateLimit {

    @Inject HttpConfig config;

    @Inject ObjectMapper json;

    @Inject CoalescedDenials denials;

    private RateLimiter limiter;

    void install(@Observes Router router) {
        limiter =
                new RateLimiter(
                        config.requestsPerSecond(), config.requestBurst(), System::nanoTime);
        router.route().order(Integer.MIN_VALUE + 1).handler(this::limit);
    }

    private void limit(RoutingContext rc) {
        String path = rc.request().path();
        if (path == null || path.startsWith("/q/") || path.startsWith(FramingGuard.REFUSED_PATH)) {
            rc.next();
            return;
        }
        String source =
                rc.request().remoteAddress() == null
                        ? "(unknown)"
                        : rc.request().remoteAddress().hostAddress();
        long wait = limiter.acquire(source);
        if (wait == 0) {
            rc.next();
            return;
        }
        TooMany.refuse(
                rc,
                json,
                denials,
                new Actor(null, null, Set.of(), source, null),
                "access.rate-limited",
                rc.request().method().name() + " " + RequestTargets.shortPath(path),
                "more than " + config.requestBurst() + " requests at once from one address",
                Math.max(wait, config.retryAfter().toSeconds()),
                "Too many requests from this address; wait and retry");
    }
}
