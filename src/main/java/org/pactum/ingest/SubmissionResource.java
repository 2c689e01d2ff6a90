package org.pactum.ingest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

@Path("/api/v1/submissions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUBMITTER, Roles.IG_LEAD, Roles.ADMIN})
public class SubmissionResource {

    @Inject IngestService ingest;

    @Inject CurrentCaller caller;

    @GET
    public List<SubmissionView> list(
            @QueryParam("feed") String feed,
            @QueryParam("period") String period,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return ingest.list(caller.get(), feed, period, status, limit);
    }

    @GET
    @Path("/{id}")
    public SubmissionView get(@PathParam("id") long id) {
        return ingest.get(caller.get(), id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.SUBMITTER, Roles.IG_LEAD})
    public SubmissionView withdraw(@PathParam("id") long id) {
        return ingest.withdraw(caller.get(), id);
    }
}
