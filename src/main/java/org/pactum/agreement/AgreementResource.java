package org.pactum.agreement;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

@Path("/api/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.IG_LEAD, Roles.ADMIN})
public class AgreementResource {

    @Inject AgreementLifecycle agreements;

    @Inject AgreementQueries queries;

    @Inject CurrentCaller caller;

    @GET
    @RolesAllowed({Roles.IG_LEAD, Roles.ANALYST, Roles.ADMIN})
    public List<AgreementView> list(
            @QueryParam("status") AgreementStatus status,
            @QueryParam("reviewDue") @DefaultValue("false") boolean reviewDue) {
        return queries.list(caller.get(), status, reviewDue);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid AgreementContent content) {
        AgreementView created = agreements.create(caller.get(), content);
        return Response.created(URI.create("/api/v1/agreements/" + created.id()))
                .entity(created)
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.IG_LEAD, Roles.ANALYST, Roles.ADMIN})
    public AgreementView get(@PathParam("id") String id) {
        return queries.get(caller.get(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AgreementView amend(
            @PathParam("id") String id, @NotNull @Valid AgreementContent content) {
        return agreements.amend(caller.get(), id, content);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.IG_LEAD, Roles.ANALYST, Roles.ADMIN})
    public AgreementHistory history(@PathParam("id") String id) {
        return queries.history(caller.get(), id);
    }

    @POST
    @Path("/{id}/propose")
    public AgreementView propose(@PathParam("id") String id) {
        return agreements.propose(caller.get(), id);
    }

    @POST
    @Path("/{id}/approvals")
    @RolesAllowed(Roles.IG_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    public AgreementView approve(
            @PathParam("id") String id, @NotNull @Valid ApprovalRequest request) {
        return agreements.approve(caller.get(), id, request);
    }

    @POST
    @Path("/{id}/suspend")
    @RolesAllowed(Roles.IG_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    public AgreementView suspend(
            @PathParam("id") String id, @NotNull @Valid ReasonRequest request) {
        return agreements.suspend(caller.get(), id, request.reason());
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Roles.IG_LEAD)
    public AgreementView resume(@PathParam("id") String id) {
        return agreements.resume(caller.get(), id);
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(Roles.IG_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    public AgreementView revoke(@PathParam("id") String id, @NotNull @Valid ReasonRequest request) {
        return agreements.revoke(caller.get(), id, request.reason());
    }
}
