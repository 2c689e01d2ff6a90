package org.pactum.release;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.pactum.platform.Downloads;
import org.pactum.platform.LongExchange;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

/** Re-keyed pseudonymised records under a RECORD agreement, streamed as NDJSON (default) or CSV. */
@Path("/api/v1/agreements/{id}/records")
@RolesAllowed(Roles.ANALYST)
public class RecordResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";

    @Inject RecordReleaseService release;

    @Inject CurrentCaller caller;

    @GET
    @LongExchange(LongExchange.Kind.EXTRACT)
    @Produces({NDJSON, CSV})
    public Response records(
            @PathParam("id") String id,
            @QueryParam("feed") @NotBlank String feed,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Context HttpHeaders headers,
            @Context RoutingContext exchange) {
        boolean csv = Accepts.prefers(headers, CSV, NDJSON);
        RecordStream stream = release.records(caller.get(), id, feed, from, to);
        // However the exchange ends (a HEAD never writes the body; a client may hang up first), the
        // snapshot connection goes back to the pool; closing it is blocking I/O, off the event
        // loop.
        exchange.addEndHandler(
                ended -> Infrastructure.getDefaultWorkerPool().execute(stream::release));
        StreamingOutput body = csv ? stream::writeCsv : stream::writeNdjson;
        return Response.ok(body, csv ? CSV : NDJSON)
                .header("X-Record-Count", stream.rows())
                .header(
                        Downloads.HEADER,
                        Downloads.attachment("records-" + feed, csv ? "csv" : "ndjson"))
                .header("X-K-Achieved", stream.kAchieved())
                .header("X-Values-Suppressed", stream.valuesSuppressed())
                .header("X-Records-Withheld", stream.recordsWithheld())
                .header(
                        "X-Generalised",
                        stream.generalised().isEmpty() ? null : stream.generalised())
                .build();
    }
}
