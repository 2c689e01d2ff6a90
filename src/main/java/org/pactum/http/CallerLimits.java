package org.pactum.http;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import org.pactum.audit.Actor;
import org.pactum.audit.CoalescedDenials;
import org.pactum.platform.LongExchange;
import org.pactum.problem.Problem;
import org.pactum.security.Caller;
import org.pactum.security.CurrentCaller;

/**
 * Per authenticated client, once its token has been checked: a request rate, and a bound on long
 * exchanges (pushes, record extracts) in flight, per client and for the whole instance. Each permit
 * is returned when the exchange ends, however it ends.
 */
@Provider
@Priority(Priorities.USER)
public class CallerLimits implements ContainerRequestFilter {

    @Inject ClientLimits limits;

    @Inject CurrentCaller caller;

    @Inject CurrentVertxRequest exchange;

    @Inject CoalescedDenials denials;

    @Context ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        HttpConfig config = limits.config();
        RateLimiter limiter = limits.rate();
        ExchangeGate gate = limits.exchanges();
        Caller c = caller.get();
        if (c.subject() == null) {
            return; // anonymous: limited per source address, refused by the role checks
        }
        String client = c.organisation() + "/" + c.subject();
        String target =
                request.getMethod()
                        + " "
                        + RequestTargets.shortPath(request.getUriInfo().getPath());
        long wait = limiter.acquire(client);
        if (wait > 0) {
            refuseWith(
                    denials,
                    request,
                    c,
                    "access.rate-limited",
                    target,
                    "more than "
                            + config.callerRequestBurst()
                            + " requests at once from one client",
                    Math.max(wait, config.retryAfter().toSeconds()),
                    "Too many requests from this client; wait and retry");
            return;
        }
        Method method = resource.getResourceMethod();
        LongExchange marked = method == null ? null : method.getAnnotation(LongExchange.class);
        if (marked == null) {
            return;
        }
        ExchangeGate.Outcome outcome = gate.acquire(marked.value(), client);
        if (outcome.permit() == null) {
            refuseBusy(request, c, target, marked.value(), outcome.refusal(), config);
            return;
        }
        ExchangeGate.Permit permit = outcome.permit();
        exchange.getCurrent().addEndHandler(ended -> permit.release());
    }

    /** Too many long exchanges of this kind in flight, for this client or the instance. */
    private void refuseBusy(
            ContainerRequestContext request,
            Caller c,
            String target,
            LongExchange.Kind kind,
            ExchangeGate.Refusal refusal,
            HttpConfig config) {
        boolean mine = refusal == ExchangeGate.Refusal.CLIENT;
        String what = kind == LongExchange.Kind.UPLOAD ? "uploads" : "record extracts";
        int limit =
                kind == LongExchange.Kind.UPLOAD
                        ? (mine ? config.uploadsPerClient() : config.uploadsInFlight())
                        : (mine ? config.extractsPerClient() : config.extractsInFlight());
        refuseWith(
                denials,
                request,
                c,
                kind == LongExchange.Kind.UPLOAD ? "submission.push" : "release.records",
                target,
                (mine ? "client already has " : "instance already runs ")
                        + limit
                        + " "
                        + what
                        + " in flight",
                config.retryAfter().toSeconds(),
                (mine ? "This client already has " : "Pactum is already running ")
                        + limit
                        + " "
                        + what
                        + " at once; retry when one has finished");
    }

    private static void refuseWith(
            CoalescedDenials denials,
            ContainerRequestContext request,
            Caller c,
            String action,
            String target,
            String reason,
            long retryAfter,
            String detail) {
        Actor actor = Actor.of(c);
        // Recorded off the request thread and coalesced per client: a flood costs a counter.
        Infrastructure.getDefaultWorkerPool()
                .execute(() -> denials.record(actor, action, target, reason));
        request.abortWith(
                Response.status(429)
                        .type(Problem.MEDIA_TYPE)
                        .header("Retry-After", String.valueOf(retryAfter))
                        .entity(
                                Problem.of(
                                        TooMany.TOO_MANY_REQUESTS,
                                        detail + " (after " + retryAfter + " s).",
                                        request.getUriInfo().getPath(),
                                        Map.of("retryAfterSeconds", retryAfter)))
                        .build());
    }
}
