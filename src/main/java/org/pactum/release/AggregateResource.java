package org.pactum.release;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pactum.platform.Downloads;
import org.pactum.problem.Problem;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

/**
 * Disclosure-controlled tables for analysts of a recipient organisation; JSON, or CSV when asked
 * via Accept.
 */
@Path("/api/v1/agreements/{id}/aggregates")
@RolesAllowed(Roles.ANALYST)
public class AggregateResource {

    public static final String CSV = "text/csv";

    @Inject AggregateService release;

    @Inject CurrentCaller caller;

    @Inject AuthorityNames names;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response aggregate(
            @PathParam("id") String id,
            @NotNull @Valid AggregateRequest request,
            @Context HttpHeaders headers) {
        AggregateView table = names.named(release.aggregates(caller.get(), id, request));
        return Accepts.prefers(headers, CSV, MediaType.APPLICATION_JSON)
                ? Response.ok(table.csv(), CSV)
                        .header(
                                Downloads.HEADER,
                                Downloads.attachment("aggregate-" + request.feed(), "csv"))
                        .build()
                : Response.ok(table, MediaType.APPLICATION_JSON).build();
    }

    /** No place for the release: 429 or 503, with Retry-After (recorded by the gate). */
    @ServerExceptionMapper
    public Response busy(ReleaseGate.Busy e, UriInfo uri) {
        return Response.status(e.type.status())
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", String.valueOf(e.retryAfterSeconds))
                .entity(
                        Problem.of(
                                e.type,
                                e.getMessage(),
                                uri.getPath(),
                                Map.of("retryAfterSeconds", e.retryAfterSeconds)))
                .build();
    }
}
