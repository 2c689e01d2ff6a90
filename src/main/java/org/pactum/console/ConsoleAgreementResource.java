package org.pactum.console;

import static org.pactum.console.ApiClient.enc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Agreements for IG leads and analysts: the inbox, an agreement's exact content, its version diff
 * and approvals, the lifecycle actions, and a printable summary. Every action is the API's.
 */
@Path("/console/agreements")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsoleAgreementResource {

    private static final ObjectMapper PRETTY =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Inject ApiClient api;

    @Inject ConsolePages pages;

    @Inject ConsoleSession session;

    @GET
    public TemplateInstance list() {
        ConsoleUser user = session.user();
        List<Map<String, Object>> all = api.getList("/api/v1/agreements");
        List<Map<String, Object>> awaiting =
                all.stream()
                        .filter(a -> "PROPOSED".equals(a.get("status")))
                        .filter(
                                a ->
                                        user.organisation() != null
                                                && ((List<?>) a.get("awaitingApproval"))
                                                        .contains(user.organisation()))
                        .toList();
        return pages.page("agreements", user.isAnalyst() ? "Your agreements" : "Agreements")
                .data("agreements", all)
                .data("awaiting", user.isIgLead() ? awaiting : List.of());
    }

    @GET
    @Path("/{id}")
    public TemplateInstance agreement(@PathParam("id") String id, @QueryParam("done") String done) {
        Map<String, Object> agreement = api.getObject("/api/v1/agreements/" + enc(id));
        Map<String, Object> history = api.getObject("/api/v1/agreements/" + enc(id) + "/history");
        List<Map<String, Object>> versions = list(history.get("versions"));
        int current = ((Number) agreement.get("version")).intValue();
        Map<String, Object> previous =
                versions.stream()
                        .filter(v -> ((Number) v.get("version")).intValue() == current - 1)
                        .findFirst()
                        .orElse(null);
        List<AgreementDiff.Change> diff =
                previous == null
                        ? List.of()
                        : AgreementDiff.between(previous.get("content"), agreement.get("content"));
        ConsoleUser user = session.user();
        return pages.page("agreement", title(agreement))
                .data("a", agreement)
                .data("c", agreement.get("content"))
                .data("exact", pretty(agreement.get("content")))
                .data("previousVersion", previous == null ? null : current - 1)
                .data("diff", diff)
                .data("approvals", list(history.get("approvals")))
                .data("events", list(history.get("events")))
                .data(
                        "mayApprove",
                        user.isIgLead()
                                && "PROPOSED".equals(agreement.get("status"))
                                && agreement.get("awaitingApproval") instanceof List<?> awaiting
                                && awaiting.contains(user.organisation()))
                .data("done", done == null ? null : DONE.get(done))
                .data("feeds", feeds(agreement));
    }

    @GET
    @Path("/{id}/summary")
    public TemplateInstance summary(@PathParam("id") String id) {
        Map<String, Object> agreement = api.getObject("/api/v1/agreements/" + enc(id));
        Map<String, Object> history = api.getObject("/api/v1/agreements/" + enc(id) + "/history");
        return pages.page("summary", "Summary: " + title(agreement))
                .data("a", agreement)
                .data("c", agreement.get("content"))
                .data("approvals", list(history.get("approvals")));
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(
            @PathParam("id") String id,
            @RestForm String csrf,
            @RestForm int version,
            @RestForm String contentHash) {
        session.checkCsrf(csrf);
        api.post(
                "/api/v1/agreements/" + enc(id) + "/approvals",
                Map.of("version", version, "contentHash", contentHash == null ? "" : contentHash));
        return back(id, "approved");
    }

    @POST
    @Path("/{id}/suspend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response suspend(
            @PathParam("id") String id, @RestForm String csrf, @RestForm String reason) {
        session.checkCsrf(csrf);
        api.post("/api/v1/agreements/" + enc(id) + "/suspend", reasonBody(reason));
        return back(id, "suspended");
    }

    @POST
    @Path("/{id}/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("id") String id, @RestForm String csrf) {
        session.checkCsrf(csrf);
        api.post("/api/v1/agreements/" + enc(id) + "/resume", null);
        return back(id, "resumed");
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(
            @PathParam("id") String id, @RestForm String csrf, @RestForm String reason) {
        session.checkCsrf(csrf);
        api.post("/api/v1/agreements/" + enc(id) + "/revoke", reasonBody(reason));
        return back(id, "revoked");
    }

    private static final Map<String, String> DONE =
            Map.of(
                    "approved", "You approved this version of the agreement.",
                    "suspended",
                            "The agreement is suspended: the next request under it is refused.",
                    "resumed", "The agreement is active again.",
                    "revoked", "The agreement is revoked.");

    private static Response back(String id, String done) {
        return Response.seeOther(URI.create("/console/agreements/" + enc(id) + "?done=" + done))
                .build();
    }

    /** The API validates the reason; a blank one is sent as given so its refusal names it. */
    private static Map<String, Object> reasonBody(String reason) {
        return Map.of("reason", reason == null ? "" : reason);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static String title(Map<String, Object> agreement) {
        return String.valueOf(((Map<String, Object>) agreement.get("content")).get("title"));
    }

    /** The feeds the agreement covers, for the analyst's downloads and tables. */
    @SuppressWarnings("unchecked")
    static List<String> feeds(Map<String, Object> agreement) {
        Map<String, Object> content = (Map<String, Object>) agreement.get("content");
        return list(content.get("providers")).stream()
                .flatMap(p -> ((List<String>) p.get("feeds")).stream())
                .distinct()
                .sorted()
                .toList();
    }

    private static String pretty(Object content) {
        try {
            return PRETTY.writeValueAsString(content);
        } catch (Exception e) {
            return String.valueOf(content);
        }
    }
}
