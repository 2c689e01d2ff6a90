package org.pactum.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pactum.security.RequestIds;

/**
 * The console's only way to Pactum's data: the REST API, called with the signed-in user's token.
 * The API authenticates, checks roles, tenancy and agreements, and writes the audit entries, so a
 * console action is exactly the API call it makes. The console request's id is passed on, so its
 * audit entries carry it.
 */
@RequestScoped
public class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();

    @Inject ConsoleSession session;

    @Inject ConsoleConfig config;

    @Inject RequestIds requestIds;

    @Inject HttpServerRequest request;

    /** GETs JSON: a Map or a List. */
    public Object get(String path) {
        return json(send(builder(path).GET(), "application/json"));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getObject(String path) {
        return (Map<String, Object>) get(path);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> getList(String path) {
        return (List<Map<String, Object>>) get(path);
    }

    /** POSTs a JSON body (or none) and returns the JSON answer. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> post(String path, Object body) {
        HttpRequest.Builder b = builder(path);
        if (body == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        }
        return (Map<String, Object>) json(send(b, "application/json"));
    }

    /** Any call whose answer is passed on as a stream (a download or an upload's answer). */
    public HttpResponse<InputStream> stream(
            String method,
            String path,
            String accept,
            String contentType,
            HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = builder(path);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        return send(b, accept);
    }

    /** As {@link #stream}, with one more request header (an idempotency key). */
    public HttpResponse<InputStream> streamWithHeader(
            String method,
            String path,
            String accept,
            String contentType,
            HttpRequest.BodyPublisher body,
            String header,
            String value) {
        HttpRequest.Builder b = builder(path).header(header, value);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        return send(b, accept);
    }

    /** JSON bytes of {@code body}. */
    public static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One path segment or query value, encoded. */
    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(config.apiTimeoutSeconds()))
                .header("Authorization", "Bearer " + session.requireToken())
                .header(RequestIds.HEADER, requestIds.current());
    }

    private String base() {
        if (config.apiUrl().isPresent()) {
            return config.apiUrl().get().replaceAll("/+$", "");
        }
        return (request.isSSL() ? "https" : "http")
                + "://localhost:"
                + request.localAddress().port();
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder b, String accept) {
        HttpResponse<InputStream> response;
        try {
            response =
                    HTTP.send(
                            b.header("Accept", accept).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ConsoleRefusal(
                    503,
                    "Pactum is not answering",
                    "The console could not reach Pactum's API. Try again in a few minutes.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleRefusal(
                    503, "Pactum is not answering", "The request was interrupted.");
        }
        if (response.statusCode() >= 400) {
            throw refusal(response);
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private static RuntimeException refusal(HttpResponse<InputStream> response) {
        int status = response.statusCode();
        Map<String, Object> problem;
        try (InputStream in = response.body()) {
            problem = JSON.readValue(in.readNBytes(1 << 20), new TypeReference<>() {});
        } catch (IOException | RuntimeException e) {
            problem = Map.of();
        }
        if (status == 401) {
            return new SignInRequired();
        }
        String title = String.valueOf(problem.getOrDefault("title", "The request was refused"));
        String detail;
        if (status >= 500) {
            Object errorId = problem.get("errorId");
            detail =
                    "Something went wrong in Pactum."
                            + (errorId == null
                                    ? ""
                                    : " Quote error " + errorId + " if you report it.");
        } else {
            detail = String.valueOf(problem.getOrDefault("detail", ""));
        }
        Object errors = problem.get("errors");
        return new ConsoleRefusal(
                status,
                title,
                detail,
                errors instanceof List<?> list ? (List<Map<String, Object>>) list : List.of());
    }

    private static Object json(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] body = in.readAllBytes();
            return body.length == 0 ? Map.of() : JSON.readValue(body, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
