package org.pactum.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.pactum.audit.Actor;
import org.pactum.audit.CoalescedDenials;
import org.pactum.problem.ProblemType;

/** The 429 problem: recorded (coalesced), then answered with Retry-After. */
final class TooMany {

    static final ProblemType TOO_MANY_REQUESTS =
            new ProblemType(429, "too-many-requests", "Too many requests");

    private TooMany() {}

    static void refuse(
            RoutingContext rc,
            ObjectMapper json,
            CoalescedDenials denials,
            Actor actor,
            String action,
            String target,
            String reason,
            long retryAfterSeconds,
            String detail) {
        rc.vertx()
                .executeBlocking(
                        () -> {
                            denials.record(actor, action, target, reason);
                            return null;
                        },
                        false)
                .onComplete(
                        done ->
                                Refusals.send(
                                        rc,
                                        json,
                                        TOO_MANY_REQUESTS,
                                        detail + " (after " + retryAfterSeconds + " s).",
                                        Map.of("retryAfterSeconds", retryAfterSeconds),
                                        Map.of("Retry-After", String.valueOf(retryAfterSeconds))));
    }
}
