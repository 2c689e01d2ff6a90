package org.pactum.feed;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.pactum.security.Roles;

@Path("/api/v1/feeds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUBMITTER, Roles.ANALYST, Roles.IG_LEAD, Roles.ADMIN})
public class FeedResource {

    @Inject FeedService feeds;

    @GET
    public List<FeedView> list() {
        return feeds.list();
    }

    @GET
    @Path("/{feed}")
    public FeedView get(@PathParam("feed") String feed) {
        return feeds.get(feed);
    }
}
