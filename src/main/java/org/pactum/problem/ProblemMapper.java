package org.pactum.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pactum.security.AccessDenials;
import org.pactum.security.RejectedTokenException;
import org.pactum.security.RequestIds;

/**
 * The one place exceptions become RFC 9457 problems. Details are written for the caller and never
 * echo input, class names or stack traces; a 5xx carries only an error id, which is logged beside
 * the cause. Authentication failures and authorisation denials are audited before the answer goes
 * out.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject HttpServerRequest request;

    @Inject RequestIds requestIds;

    @Inject AccessDenials denials;

    @ServerExceptionMapper
    public Response pactum(PactumException e) {
        if (e.problemType().status() >= 500) {
            return serverError(
                    e.problemType(), e.getCause() == null ? e : e.getCause(), e.getMessage());
        }
        return respond(e.problemType(), e.getMessage(), e.extensions());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Map<String, Object>> errors =
                e.getConstraintViolations().stream()
                        .map(
                                v ->
                                        Map.<String, Object>of(
                                                "field", field(v), "reason", v.getMessage()))
                        .sorted(
                                (a, b) ->
                                        String.valueOf(a.get("field"))
                                                .compareTo(String.valueOf(b.get("field"))))
                        .toList();
        String fields =
                errors.stream()
                        .map(m -> String.valueOf(m.get("field")))
                        .distinct()
                        .collect(Collectors.joining(", "));
        return respond(
                ProblemType.INVALID_REQUEST,
                "Invalid value for: " + fields,
                Map.of("errors", errors));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String where =
                e instanceof JsonMappingException m && !m.getPath().isEmpty()
                        ? m.getPath().stream()
                                .map(
                                        r ->
                                                r.getFieldName() != null
                                                        ? r.getFieldName()
                                                        : "[" + r.getIndex() + "]")
                                .collect(Collectors.joining("."))
                        : null;
        String detail =
                where == null
                        ? "The body is not valid JSON"
                        : "The body has an invalid value at: " + where;
        return respond(
                ProblemType.INVALID_REQUEST,
                detail,
                where == null
                        ? Map.of()
                        : Map.of(
                                "errors",
                                List.of(
                                        Map.of(
                                                "field",
                                                where,
                                                "reason",
                                                "invalid value or type"))));
    }

    @ServerExceptionMapper
    public Uni<Response> unauthenticated(UnauthorizedException e) {
        return deny(
                ProblemType.UNAUTHENTICATED,
                "Send a valid bearer token in the Authorization header",
                "no valid token");
    }

    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(AuthenticationFailedException e) {
        if (e.getCause() instanceof RejectedTokenException rejected) {
            // Signature and issuer were fine; a required claim is not: say which one.
            return deny(
                    ProblemType.UNAUTHENTICATED,
                    "The bearer token was rejected: " + rejected.getMessage(),
                    "token rejected: " + rejected.getMessage());
        }
        return deny(
                ProblemType.UNAUTHENTICATED,
                "The bearer token was rejected (expired, wrongly signed or from an untrusted issuer)",
                "token rejected");
    }

    @ServerExceptionMapper
    public Uni<Response> authenticationIncomplete(AuthenticationCompletionException e) {
        return deny(ProblemType.UNAUTHENTICATED, "The bearer token was rejected", "token rejected");
    }

    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e) {
        return deny(
                ProblemType.FORBIDDEN,
                "Your role does not permit this operation",
                "role not permitted");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        ProblemType type =
                switch (status) {
                    case 400 -> ProblemType.INVALID_REQUEST;
                    case 404 -> ProblemType.NOT_FOUND;
                    case 405 -> ProblemType.METHOD_NOT_ALLOWED;
                    case 406 -> ProblemType.NOT_ACCEPTABLE;
                    case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
                    case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
                    default ->
                            status >= 500
                                    ? ProblemType.INTERNAL
                                    : new ProblemType(
                                            status, "http-" + status, "Request not processed");
                };
        if (status >= 500) {
            return serverError(type, e, null);
        }
        String detail =
                switch (status) {
                    case 404 -> "No resource at " + request.path();
                    case 405 -> request.method() + " is not supported here";
                    case 415 ->
                            "This content type is not accepted here; see the API contract at /q/openapi";
                    case 406 -> "None of the media types in Accept can be produced here";
                    case 400 ->
                            "The request is malformed: check the body is valid JSON and parameters have the documented formats";
                    default -> "The request could not be processed";
                };
        return respond(type, detail, Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (databaseUnreachable(e)) {
            return serverError(
                    ProblemType.UNAVAILABLE, e, "The database is not answering; try again shortly");
        }
        return serverError(ProblemType.INTERNAL, e, null);
    }

    private Uni<Response> deny(ProblemType type, String detail, String reason) {
        String path = request.path();
        String method = request.method().name();
        // The audit write is blocking I/O: it must not run on the event loop.
        return Uni.createFrom()
                .item(
                        () -> {
                            denials.record(type.status(), method, path, reason);
                            return respond(type, detail, Map.of());
                        })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure()
                .recoverWithItem(
                        failure -> serverError(ProblemType.AUDIT_UNAVAILABLE, failure, null));
    }

    private Response serverError(ProblemType type, Throwable cause, String detail) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(
                cause,
                "Error %s (request %s) answered %d %s",
                errorId,
                requestIds.current(),
                type.status(),
                type.slug());
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(type, detail, null, Map.of("errorId", errorId)))
                .header(RequestIds.HEADER, requestIds.current())
                .build();
    }

    private Response respond(ProblemType type, String detail, Map<String, Object> extensions) {
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(type, detail, request.path(), extensions))
                .header(RequestIds.HEADER, requestIds.current())
                .build();
    }

    private static String field(ConstraintViolation<?> v) {
        String path =
                v.getPropertyPath()
                        .toString()
                        .replace(".<list element>", "")
                        .replace(".<map value>", "");
        // "create.arg0.name" / "create.request.name": callers know the field, not the Java method.
        String[] parts = path.split("\\.");
        return parts.length > 2
                ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }

    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage());
                // 08: connection exceptions; 57P01-57P03: the server is shutting down or not
                // accepting
                // connections; 28000: the application role cannot log in (e.g. disabled during an
                // incident).
                if ((state != null
                                && (state.startsWith("08")
                                        || state.startsWith("57P")
                                        || state.equals("28000")))
                        || message.contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
