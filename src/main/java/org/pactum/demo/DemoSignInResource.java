package org.pactum.demo;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.pactum.console.ConsolePages;
import org.pactum.console.ConsoleRefusal;
import org.pactum.console.ConsoleSession;
import org.pactum.security.DemoIssuer;

/**
 * The embedded default's stand-in for the identity provider: pick a demo identity and the console
 * signs in with a token from the demo issuer, the same token demo-tokens.json holds. Exists only
 * when the demo issuer does; in the production profile this page is not found.
 */
@Path("/console/sign-in/demo")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class DemoSignInResource {

    @Inject DemoIssuer issuer;

    @Inject ConsolePages pages;

    @Inject ConsoleSession session;

    @GET
    public TemplateInstance identities() {
        requireDemo();
        List<Map<String, Object>> rows =
                DemoIdentities.all().stream()
                        .map(
                                i ->
                                        Map.<String, Object>of(
                                                "name", i.name(),
                                                "organisation",
                                                        DemoIdentities.organisationName(
                                                                i.organisation()),
                                                "role", String.join(", ", i.roles())))
                        .toList();
        return pages.open("demo-sign-in", "Sign in as a demo identity").data("identities", rows);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@RestForm String identity) {
        requireDemo();
        DemoIssuer.Identity chosen =
                DemoIdentities.all().stream()
                        .filter(i -> i.name().equals(identity))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new ConsoleRefusal(
                                                400,
                                                "Choose a demo identity",
                                                "Pick one of the demo identities listed on the sign-in page."));
        return Response.seeOther(URI.create("/console"))
                .header("Set-Cookie", session.signInCookie(issuer.mint(chosen)).encode())
                .build();
    }

    private void requireDemo() {
        if (!issuer.enabled()) {
            throw ConsoleRefusal.notFound();
        }
    }
}
