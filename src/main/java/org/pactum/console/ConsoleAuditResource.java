package org.pactum.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit trail for IG leads and the administrator: the API's filters and paging, verification,
 * the export download and the latest signed head. The API decides which entries a user may see.
 */
@Path("/console/audit")
@PermitAll
public class ConsoleAuditResource {

    /** The API's filters, passed through as given (the API validates them). */
    static final List<String> FILTERS =
            List.of("from", "to", "action", "actorOrganisation", "agreementId", "outcome", "limit");

    @Inject ApiClient api;

    @Inject ConsolePages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance trail(
            @Context UriInfo uri,
            @QueryParam("afterSeq") String afterSeq,
            @QueryParam("verify") String verify) {
        var q = uri.getQueryParameters();
        Map<String, String> filters = new LinkedHashMap<>();
        for (String f : FILTERS) {
            String v = q.getFirst(f);
            if (v != null && !v.isBlank()) {
                filters.put(f, v.trim());
            }
        }
        if (!filters.containsKey("limit")) {
            filters.put("limit", "50");
        }
        String query = query(filters);
        Map<String, Object> page =
                api.getObject(
                        "/api/v1/audit?"
                                + query
                                + (afterSeq == null || afterSeq.isBlank()
                                        ? ""
                                        : "&afterSeq=" + ApiClient.enc(afterSeq)));
        Map<String, Object> verification =
                verify == null ? null : api.getObject("/api/v1/audit/verify");
        Map<String, Object> head = api.getObject("/api/v1/audit/head");
        Object next = page.get("nextAfterSeq");
        return pages.page("audit", "Audit trail")
                .data("entries", ConsoleAgreementResource.list(page.get("entries")))
                .data("filters", filters)
                .data("next", next == null ? null : "/console/audit?" + query + "&afterSeq=" + next)
                .data("verification", verification)
                .data("head", head)
                .data("verifyLink", "/console/audit?" + query + "&verify=1");
    }

    /** The API's export as a download: NDJSON to verify offline, or CSV ({@code format=csv}). */
    @GET
    @Path("/export")
    @Produces({ApiExport.NDJSON, ApiExport.CSV})
    public Response export(
            @QueryParam("fromSeq") String fromSeq,
            @QueryParam("toSeq") String toSeq,
            @QueryParam("format") String format) {
        Map<String, String> range = new LinkedHashMap<>();
        if (fromSeq != null && !fromSeq.isBlank()) {
            range.put("fromSeq", fromSeq.trim());
        }
        if (toSeq != null && !toSeq.isBlank()) {
            range.put("toSeq", toSeq.trim());
        }
        boolean csv = "csv".equals(format);
        if (csv) {
            range.put("format", "csv");
        }
        String type = csv ? ApiExport.CSV : ApiExport.NDJSON;
        return ConsoleTableResource.attachment(
                api.stream(
                        "GET",
                        "/api/v1/audit/export" + (range.isEmpty() ? "" : "?" + query(range)),
                        type,
                        null,
                        null),
                type,
                csv ? "pactum-audit.csv" : "pactum-audit.ndjson");
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + ApiClient.enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Media types of the API's downloads. */
    static final class ApiExport {
        static final String NDJSON = "application/x-ndjson";
        static final String CSV = "text/csv";

        private ApiExport() {}
    }
}
