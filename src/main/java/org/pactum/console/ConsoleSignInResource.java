package org.pactum.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.RestForm;
import org.pactum.security.DemoConfig;

/**
 * Signing in and out of the console. Open to all: the console holds no rules, and the API refuses
 * whatever the signed-in token may not do.
 */
@Path("/console")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsoleSignInResource {

    @Inject ConsoleSession session;

    @Inject ConsolePages pages;

    @Inject OidcSignIn oidc;

    @Inject DemoConfig demoConfig;

    @GET
    public Response start() {
        ConsoleUser user = session.token() == null ? null : session.user();
        return Response.seeOther(URI.create(user == null ? "/console/sign-in" : user.home()))
                .build();
    }

    @GET
    @Path("/sign-in")
    public TemplateInstance signIn() {
        return pages.open("sign-in", "Sign in")
                .data("oidc", oidc.enabled())
                .data("demo", demoConfig.enabled());
    }

    @GET
    @Path("/sign-in/oidc")
    public Response signInWithProvider() {
        OidcSignIn.Start start = oidc.start();
        return Response.seeOther(start.location())
                .header("Set-Cookie", start.flow().encode())
                .build();
    }

    @GET
    @Path("/callback")
    public Response callback(
            @QueryParam("code") String code,
            @QueryParam("state") String state,
            @QueryParam("error") String error) {
        String token = oidc.finish(code, state, error);
        return Response.seeOther(URI.create("/console"))
                .header("Set-Cookie", session.signInCookie(token).encode())
                .header("Set-Cookie", oidc.clearFlow().encode())
                .build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@RestForm String csrf) {
        session.checkCsrf(csrf);
        return Response.seeOther(URI.create("/console/sign-in"))
                .header("Set-Cookie", session.signOutCookie().encode())
                .build();
    }
}
