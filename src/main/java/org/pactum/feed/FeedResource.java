package org.pactum.feed;

import com.fasterxml.jackson.databind.JsonNode;
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

@Path("/api/v1/feeds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUBMITTER, Roles.ANALYST, Roles.IG_LEAD, Roles.ADMIN})
public class FeedResource {

    @Inject FeedService feeds;

    @Inject CurrentCaller caller;

    @GET
    public List<FeedView> list() {
        return feeds.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response register(@NotNull @Valid NewFeed request) {
        FeedView registered = feeds.register(caller.get(), request);
        return Response.created(URI.create("/api/v1/feeds/" + registered.code()))
                .entity(registered)
                .build();
    }

    /** The same registration written as a Frictionless Table Schema (the feed files' format). */
    @POST
    @Consumes(FrictionlessFeeds.MEDIA_TYPE)
    @RolesAllowed(Roles.ADMIN)
    public Response registerTableSchema(@NotNull JsonNode tableSchema) {
        FeedView registered = feeds.register(caller.get(), tableSchema);
        return Response.created(URI.create("/api/v1/feeds/" + registered.code()))
                .entity(registered)
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("/{feed}")
    public FeedView get(@PathParam("feed") String feed) {
        return feeds.get(feed);
    }

    /** The feed's current schema as a Frictionless Table Schema, asked for by Accept. */
    @GET
    @Path("/{feed}")
    @Produces(FrictionlessFeeds.MEDIA_TYPE)
    public JsonNode getTableSchema(@PathParam("feed") String feed) {
        return feeds.tableSchema(feed);
    }
}
