package org.pactum.partner;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUBMITTER, Roles.ANALYST, Roles.IG_LEAD, Roles.ADMIN})
public class OrganisationResource {

    @Inject OrganisationService organisations;

    @Inject CurrentCaller caller;

    @GET
    public List<OrganisationView> list() {
        return organisations.list();
    }

    @GET
    @Path("/{code}")
    public OrganisationView get(@PathParam("code") String code) {
        return organisations.get(code);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(@NotNull @Valid NewOrganisation request) {
        OrganisationView created = organisations.create(caller.get(), request);
        return Response.created(URI.create("/api/v1/organisations/" + created.code()))
                .entity(created)
                .build();
    }
}
