package org.pactum.ingest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

/** The partnership administrator loads the ONS LSOA 2021 to local authority lookup. */
@Path("/api/v1/geography/lsoa")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class GeographyResource {

    @Inject GeographyService geography;

    @Inject CurrentCaller caller;

    @PUT
    @Consumes(PushResource.CSV)
    public GeographyService.Loaded replace(InputStream body) {
        return geography.replace(caller.get(), body);
    }
}
