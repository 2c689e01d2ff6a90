package org.pactum.release;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

/** What the calling analyst may ask under an agreement. */
@Path("/api/v1/agreements/{id}/catalogue")
@RolesAllowed(Roles.ANALYST)
public class CatalogueResource {

    @Inject CatalogueService catalogue;

    @Inject CurrentCaller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CatalogueView catalogue(@PathParam("id") String id) {
        return catalogue.catalogue(caller.get(), id);
    }
}
