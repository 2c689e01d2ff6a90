package org.pactum.console;

import static org.pactum.console.ApiClient.enc;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The analyst's table builder (driven by the agreement's catalogue), the released table with its
 * chart and disclosure note, its CSV, and record extracts under RECORD agreements. Each table and
 * download is the API's release, audited there.
 */
@Path("/console/agreements/{id}")
@PermitAll
public class ConsoleTableResource {

    @Inject ApiClient api;

    @Inject ConsolePages pages;

    @GET
    @Path("/tables")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance tables(@PathParam("id") String id, @Context UriInfo uri) {
        Map<String, Object> agreement = api.getObject("/api/v1/agreements/" + enc(id));
        List<AgreementCatalogue.FeedEntry> catalogue = AgreementCatalogue.of(api, agreement);
        var q = uri.getQueryParameters();
        TableQuery query = TableQuery.from(q);
        String feed =
                query.feed() != null
                        ? query.feed()
                        : catalogue.isEmpty() ? null : catalogue.get(0).feed();
        AgreementCatalogue.FeedEntry entry =
                catalogue.stream().filter(f -> f.feed().equals(feed)).findFirst().orElse(null);
        TemplateInstance page =
                pages.page("tables", "Build a table")
                        .data("a", agreement)
                        .data("c", agreement.get("content"))
                        .data("form", TableForm.of(catalogue, entry, q))
                        .data("table", null)
                        .data("chart", null);
        if (q.getFirst("build") == null || query.feed() == null) {
            return page;
        }
        Map<String, Object> table =
                api.post("/api/v1/agreements/" + enc(id) + "/aggregates", query.request());
        @SuppressWarnings("unchecked")
        List<String> dims = (List<String>) table.get("dimensions");
        List<Map<String, Object>> cells = ConsoleAgreementResource.list(table.get("cells"));
        List<Map<String, Object>> rows = new ArrayList<>(cells);
        rows.addAll(ConsoleAgreementResource.list(table.get("totals")));
        return page.data("table", table)
                .data("dims", dims)
                .data("rows", rows)
                .data("chart", Chart.of(q.getFirst("chart"), dims, cells))
                .data(
                        "csvLink",
                        "/console/agreements/"
                                + enc(id)
                                + "/tables/download?"
                                + uri.getRequestUri().getRawQuery());
    }

    @GET
    @Path("/tables/download")
    @Produces("text/csv")
    public Response download(@PathParam("id") String id, @Context UriInfo uri) {
        TableQuery query = TableQuery.from(uri.getQueryParameters());
        HttpResponse<InputStream> csv =
                api.stream(
                        "POST",
                        "/api/v1/agreements/" + enc(id) + "/aggregates",
                        "text/csv",
                        "application/json",
                        HttpRequest.BodyPublishers.ofByteArray(ApiClient.bytes(query.request())));
        return attachment(csv, "text/csv", safeName(query.feed()) + "-table.csv");
    }

    @GET
    @Path("/records")
    @Produces("text/csv")
    public Response records(@PathParam("id") String id, @QueryParam("feed") String feed) {
        HttpResponse<InputStream> csv =
                api.stream(
                        "GET",
                        "/api/v1/agreements/"
                                + enc(id)
                                + "/records?feed="
                                + enc(feed == null ? "" : feed),
                        "text/csv",
                        null,
                        null);
        return attachment(csv, "text/csv", safeName(feed) + "-records.csv");
    }

    static Response attachment(HttpResponse<InputStream> from, String type, String filename) {
        return Response.ok(
                        (StreamingOutput)
                                out -> {
                                    try (InputStream in = from.body()) {
                                        in.transferTo(out);
                                    }
                                },
                        type)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }

    /** A file name from a feed code: letters, digits and hyphens only. */
    static String safeName(String s) {
        String name = s == null ? "" : s.replaceAll("[^A-Za-z0-9-]", "");
        return name.isEmpty() ? "pactum" : name;
    }
}
