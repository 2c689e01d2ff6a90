package org.pactum.console;

import static org.pactum.console.ApiClient.enc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A partner system's owner: their organisation's submissions, an upload form (with a progress bar
 * where scripts run) and the API's row-by-row validation errors. The upload is streamed to the same
 * push endpoint partner systems use.
 */
@Path("/console/submissions")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsoleSubmissionResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The header that carries the form token on a scripted upload. */
    static final String FORM_HEADER = "X-Console-Form";

    @Inject ApiClient api;

    @Inject ConsolePages pages;

    @Inject ConsoleSession session;

    @GET
    public TemplateInstance list() {
        ConsoleUser user = session.user();
        List<Map<String, Object>> submissions = api.getList("/api/v1/submissions?limit=100");
        List<Map<String, Object>> feeds = api.getList("/api/v1/feeds");
        if (user.organisation() != null && user.isSubmitter()) {
            Object type =
                    api.getObject("/api/v1/organisations/" + enc(user.organisation())).get("type");
            feeds =
                    feeds.stream()
                            .filter(f -> type != null && type.equals(f.get("providerType")))
                            .toList();
        }
        return pages.page("submissions", "Submissions")
                .data("submissions", submissions)
                .data("feeds", feeds);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance submission(
            @PathParam("id") String id, @QueryParam("done") String done) {
        return pages.page("submission", "Submission " + id)
                .data("s", api.getObject("/api/v1/submissions/" + enc(id)))
                .data("done", done);
    }

    /**
     * The upload as scripts send it: the file itself as the body, streamed straight through to the
     * push endpoint, so the raw extract is never buffered or written to disk here. The form token
     * comes in a header, which another site cannot set.
     */
    @POST
    @Path("/stream")
    @Consumes({"text/csv", "application/x-ndjson"})
    public Response stream(
            @HeaderParam(FORM_HEADER) String csrf,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("feed") String feed,
            @QueryParam("period") String period,
            @QueryParam("idempotencyKey") String idempotencyKey,
            InputStream body) {
        session.checkCsrf(csrf);
        String type =
                contentType != null && contentType.startsWith("application/x-ndjson")
                        ? "application/x-ndjson"
                        : "text/csv";
        return push(
                feed,
                period,
                idempotencyKey,
                type,
                HttpRequest.BodyPublishers.ofInputStream(() -> body));
    }

    /**
     * The upload without scripts: a multipart form (the server keeps the file part only until the
     * request ends).
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(
            @RestForm String csrf,
            @RestForm String feed,
            @RestForm String period,
            @RestForm String idempotencyKey,
            @RestForm("file") FileUpload file) {
        session.checkCsrf(csrf);
        if (file == null || file.fileName() == null || file.fileName().isBlank()) {
            throw new ConsoleRefusal(
                    400, "Choose a file to upload", "Select the CSV or NDJSON extract to upload.");
        }
        String type =
                file.fileName().toLowerCase(Locale.ROOT).matches(".*\\.(ndjson|jsonl)$")
                        ? "application/x-ndjson"
                        : "text/csv";
        try {
            return push(
                    feed,
                    period,
                    idempotencyKey,
                    type,
                    HttpRequest.BodyPublishers.ofFile(file.uploadedFile()));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response push(
            String feed,
            String period,
            String idempotencyKey,
            String type,
            HttpRequest.BodyPublisher body) {
        if (idempotencyKey != null
                && !idempotencyKey.isBlank()
                && !idempotencyKey.trim().matches("[A-Za-z0-9._:-]{1,200}")) {
            throw new ConsoleRefusal(
                    400,
                    "Check the idempotency key",
                    "An idempotency key may use letters, digits and . _ : - only, up to 200 characters.");
        }
        String path =
                "/api/v1/feeds/"
                        + enc(feed == null ? "" : feed)
                        + "/submissions?period="
                        + enc(period == null ? "" : period.trim());
        HttpResponse<InputStream> answer =
                idempotencyKey == null || idempotencyKey.isBlank()
                        ? api.stream("POST", path, "application/json", type, body)
                        : api.streamWithHeader(
                                "POST",
                                path,
                                "application/json",
                                type,
                                body,
                                "Idempotency-Key",
                                idempotencyKey.trim());
        Map<?, ?> stored;
        try (InputStream in = answer.body()) {
            stored = JSON.readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.seeOther(
                        URI.create("/console/submissions/" + stored.get("id") + "?done=uploaded"))
                .build();
    }

    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw(@PathParam("id") String id, @RestForm String csrf) {
        session.checkCsrf(csrf);
        try (InputStream in =
                api.stream(
                                "DELETE",
                                "/api/v1/submissions/" + enc(id),
                                "application/json",
                                null,
                                null)
                        .body()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.seeOther(URI.create("/console/submissions/" + enc(id) + "?done=withdrawn"))
                .build();
    }
}
