package org.pactum.partner;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

/** Partner systems of an organisation (administrator only). */
@Path("/api/v1/organisations/{code}/systems")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PartnerSystemResource {

    @Inject PartnerSystemService systems;

    @Inject CurrentCaller caller;

    @GET
    public List<PartnerSystemView> list(@PathParam("code") String code) {
        return systems.list(caller.get(), code);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response onboard(
            @PathParam("code") String code, @NotNull @Valid NewPartnerSystem request) {
        PartnerSystemView created = systems.onboard(caller.get(), code, request);
        return Response.status(201).entity(created).header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("/{clientId}")
    public PartnerSystemView disable(
            @PathParam("code") String code, @PathParam("clientId") String clientId) {
        return systems.disable(caller.get(), code, clientId);
    }
}
