package org.pactum.subject;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.pactum.platform.Downloads;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

/** Data subject requests: find a person's rows, export them, restrict, erase, lift. */
@Path("/api/v1/subject-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.IG_LEAD, Roles.ADMIN})
public class SubjectRequestResource {

    public static final String CSV = "text/csv";
    public static final String NDJSON = "application/x-ndjson";

    @Inject SubjectRequestService service;

    @Inject SubjectActionService actions;

    @Inject RectificationService rectifications;

    @Inject CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewSubjectRequest request) {
        SubjectRequestView view = service.create(caller.get(), request);
        return Response.created(URI.create("/api/v1/subject-requests/" + view.id()))
                .entity(view)
                .build();
    }

    @GET
    @Path("/{id}")
    public SubjectRequestView get(@PathParam("id") String id) {
        return service.get(caller.get(), id);
    }

    @GET
    @Path("/{id}/export")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response export(
            @PathParam("id") String id, @QueryParam("format") @DefaultValue("json") String format) {
        SubjectRequestView view = service.export(caller.get(), id, format);
        if (format.equals("csv")) {
            return Response.ok(FindingsCsv.of(view), CSV)
                    .header(Downloads.HEADER, Downloads.attachment(view.id(), "csv"))
                    .build();
        }
        return Response.ok(view, MediaType.APPLICATION_JSON)
                .header(Downloads.HEADER, Downloads.attachment(view.id(), "json"))
                .build();
    }

    @POST
    @Path("/{id}/restriction")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.IG_LEAD)
    public ActionResult restrict(@PathParam("id") String id, SubjectAction action) {
        return actions.restrict(caller.get(), id, action);
    }

    @POST
    @Path("/{id}/restriction/lift")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.IG_LEAD)
    public ActionResult lift(@PathParam("id") String id, SubjectAction action) {
        return actions.lift(caller.get(), id, action);
    }

    @POST
    @Path("/{id}/erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.IG_LEAD)
    public ActionResult erase(@PathParam("id") String id, SubjectAction action) {
        return actions.erase(caller.get(), id, action);
    }

    @POST
    @Path("/{id}/rectifications")
    @Consumes({CSV, NDJSON})
    @RolesAllowed(Roles.IG_LEAD)
    public ActionResult rectify(
            @PathParam("id") String id,
            @QueryParam("feed") String feed,
            @QueryParam("period") String period,
            @QueryParam("legalBasis") String legalBasis,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        return rectifications.rectify(
                caller.get(), id, feed, period, new SubjectAction(legalBasis), contentType, body);
    }
}
