package org.pactum.ingest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import org.pactum.platform.LongExchange;
import org.pactum.problem.PactumException;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

/** Partner systems push extracts here: streamed CSV or NDJSON, one submission per push. */
@Path("/api/v1/feeds/{feed}/submissions")
@Produces(MediaType.APPLICATION_JSON)
public class PushResource {

    public static final String CSV = "text/csv";
    public static final String NDJSON = "application/x-ndjson";

    @Inject IngestService ingest;

    @Inject CurrentCaller caller;

    @POST
    @LongExchange(LongExchange.Kind.UPLOAD)
    @Consumes({CSV, NDJSON})
    @RolesAllowed(Roles.SUBMITTER)
    public Response push(
            @PathParam("feed") String feed,
            @QueryParam("period") String period,
            @QueryParam("invalidRows") @DefaultValue("reject") String invalidRows,
            @QueryParam("emptyPeriod") @DefaultValue("false") String emptyPeriod,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            InputStream body) {
        if (!invalidRows.equals("reject") && !invalidRows.equals("skip")) {
            throw PactumException.invalidParameter(
                    "invalidRows", "must be reject (store nothing if any row is invalid) or skip");
        }
        if (!emptyPeriod.equals("true") && !emptyPeriod.equals("false")) {
            throw PactumException.invalidParameter(
                    "emptyPeriod", "must be true (the period has no records) or false");
        }
        PushCommand cmd =
                new PushCommand(
                        feed,
                        period,
                        contentType,
                        idempotencyKey,
                        invalidRows.equals("skip"),
                        contentLength,
                        emptyPeriod.equals("true"));
        IngestService.PushResult result = ingest.push(caller.get(), cmd, body);
        if (result.replayed()) {
            return Response.ok(result.submission()).header("Idempotent-Replayed", "true").build();
        }
        return Response.created(URI.create("/api/v1/submissions/" + result.submission().id()))
                .entity(result.submission())
                .build();
    }
}
