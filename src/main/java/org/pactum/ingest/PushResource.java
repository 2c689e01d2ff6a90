package org.pactum.ingest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import org.pactum.platform.LongExchange;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

/**
 * Partner systems push extracts here: streamed CSV or NDJSON, one submission per push. The base
 * path takes either, told apart by Content-Type (for curl); {@code /csv} and {@code /ndjson} take
 * one each.
 */
@Path("/api/v1/feeds/{feed}/submissions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUBMITTER)
public class PushResource {

    public static final String CSV = "text/csv";
    public static final String NDJSON = "application/x-ndjson";

    @Inject IngestService ingest;

    @Inject CurrentCaller caller;

    /** Either format, told apart by Content-Type (the contract marks it x-internal). */
    @POST
    @LongExchange(LongExchange.Kind.UPLOAD)
    @Consumes({CSV, NDJSON})
    public Response push(
            @PathParam("feed") String feed, @BeanParam PushOptions options, InputStream body) {
        return accept(feed, options, body);
    }

    /**
     * {@code /csv} or {@code /ndjson}: that format only (any other Content-Type is a 415 problem),
     * two operations in the contract, so a generated client sends exactly one Content-Type.
     */
    @POST
    @Path("/{format: csv|ndjson}")
    @LongExchange(LongExchange.Kind.UPLOAD)
    @Consumes({CSV, NDJSON})
    public Response pushAs(
            @PathParam("feed") String feed,
            @PathParam("format") String format,
            @BeanParam PushOptions options,
            InputStream body) {
        options.requireType(format.equals("csv") ? CSV : NDJSON);
        return accept(feed, options, body);
    }

    private Response accept(String feed, PushOptions options, InputStream body) {
        IngestService.PushResult result = ingest.push(caller.get(), options.command(feed), body);
        if (result.replayed()) {
            return Response.ok(result.submission()).header("Idempotent-Replayed", "true").build();
        }
        return Response.created(URI.create("/api/v1/submissions/" + result.submission().id()))
                .entity(result.submission())
                .build();
    }
}
