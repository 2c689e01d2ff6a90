package org.pactum.console;

import static org.pactum.console.ApiClient.enc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The partnership administrator: organisations, their partner systems (the new client's secret is
 * shown once, on the page that onboarded it, and never again) and feeds with their schema versions.
 * The administrator reads no partner data, here as in the API.
 */
@Path("/console/admin")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsoleAdminResource {

    static final List<String> ORGANISATION_TYPES =
            List.of(
                    "POLICE",
                    "LOCAL_AUTHORITY",
                    "HEALTH",
                    "PROBATION",
                    "YOUTH_JUSTICE",
                    "FIRE_AND_RESCUE",
                    "EDUCATION",
                    "PRISON",
                    "YOUTH_CUSTODY",
                    "VRU");

    @Inject ApiClient api;

    @Inject ConsolePages pages;

    @Inject ConsoleSession session;

    @GET
    @Path("/organisations")
    public TemplateInstance organisations() {
        return pages.page("admin-organisations", "Organisations")
                .data("organisations", api.getList("/api/v1/organisations"))
                .data("types", ORGANISATION_TYPES);
    }

    @POST
    @Path("/organisations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(
            @RestForm String csrf,
            @RestForm String code,
            @RestForm String name,
            @RestForm String type,
            @RestForm String areas) {
        session.checkCsrf(csrf);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", name);
        body.put("type", type);
        body.put(
                "areas",
                areas == null
                        ? List.of()
                        : Arrays.stream(areas.split("[,\\s]+")).filter(s -> !s.isBlank()).toList());
        Map<String, Object> created = api.post("/api/v1/organisations", body);
        return Response.seeOther(
                        URI.create(
                                "/console/admin/organisations/"
                                        + enc(String.valueOf(created.get("code")))))
                .build();
    }

    @GET
    @Path("/organisations/{code}")
    public TemplateInstance organisation(@PathParam("code") String code) {
        return pages.page("admin-organisation", "Organisation " + code)
                .data("o", api.getObject("/api/v1/organisations/" + enc(code)))
                .data("systems", api.getList("/api/v1/organisations/" + enc(code) + "/systems"))
                .data("created", null);
    }

    /** Shows the new client's secret once; the page is not cached and the secret never stored. */
    @POST
    @Path("/organisations/{code}/systems")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response onboard(
            @PathParam("code") String code,
            @RestForm String csrf,
            @RestForm String name,
            @RestForm String description) {
        session.checkCsrf(csrf);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (description != null && !description.isBlank()) {
            body.put("description", description);
        }
        Map<String, Object> created =
                api.post("/api/v1/organisations/" + enc(code) + "/systems", body);
        TemplateInstance page =
                pages.page("admin-organisation", "Partner system onboarded")
                        .data("o", api.getObject("/api/v1/organisations/" + enc(code)))
                        .data(
                                "systems",
                                api.getList("/api/v1/organisations/" + enc(code) + "/systems"))
                        .data("created", created);
        return Response.status(201)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity(page.render())
                .build();
    }

    @POST
    @Path("/organisations/{code}/systems/{clientId}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disable(
            @PathParam("code") String code,
            @PathParam("clientId") String clientId,
            @RestForm String csrf) {
        session.checkCsrf(csrf);
        drain(
                api.stream(
                                "DELETE",
                                "/api/v1/organisations/" + enc(code) + "/systems/" + enc(clientId),
                                "application/json",
                                null,
                                null)
                        .body());
        return Response.seeOther(URI.create("/console/admin/organisations/" + enc(code))).build();
    }

    @GET
    @Path("/feeds")
    public TemplateInstance feeds() {
        return pages.page("admin-feeds", "Feeds").data("feeds", api.getList("/api/v1/feeds"));
    }

    @GET
    @Path("/feeds/{feed}")
    public TemplateInstance feed(@PathParam("feed") String feed) {
        Map<String, Object> view = api.getObject("/api/v1/feeds/" + enc(feed));
        return pages.page("admin-feed", "Feed " + feed)
                .data("f", view)
                .data("schema", pretty(view));
    }

    /**
     * Registers a feed, or the next version of one, from its definition as JSON (the API's body),
     * so administrators can paste a reviewed schema.
     */
    @POST
    @Path("/feeds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response registerFeed(@RestForm String csrf, @RestForm String definition) {
        session.checkCsrf(csrf);
        var answer =
                api.stream(
                        "POST",
                        "/api/v1/feeds",
                        "application/json",
                        "application/json",
                        HttpRequest.BodyPublishers.ofString(definition == null ? "" : definition));
        Map<?, ?> created;
        try (InputStream in = answer.body()) {
            created = new ObjectMapper().readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.seeOther(
                        URI.create(
                                "/console/admin/feeds/" + enc(String.valueOf(created.get("code")))))
                .build();
    }

    private static void drain(InputStream in) {
        try (in) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pretty(Object o) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (IOException e) {
            return String.valueOf(o);
        }
    }
}
