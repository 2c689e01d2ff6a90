package org.pactum.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
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
    public Uni<Response> pactum(PactumException e) {
        if (e.problemType().status() >= 500) {
            return Uni.createFrom()
                    .item(
                            serverError(
                                    e.problemType(),
                                    e.getCause() == null ? e : e.getCause(),
                                    e.getMessage()));
        }
        return refuse(e.problemType(), e.getMessage(), e.extensions());
    }

    @ServerExceptionMapper
    public Uni<Response> invalidParameter(InvalidParameterException e) {
        PactumException p = PactumException.invalidParameter(e.parameter(), e.reason());
        return refuse(p.problemType(), p.getMessage(), p.extensions());
    }

    @ServerExceptionMapper
    public Uni<Response> validation(ConstraintViolationException e) {
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
        return refuse(
                ProblemType.INVALID_REQUEST,
                "Invalid value for: " + fields,
                Map.of("errors", errors));
    }

    /** More specific than the JSON extension's own mapper, which answers with an empty body. */
    @ServerExceptionMapper
    public Uni<Response> mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Uni<Response> unreadable(JsonProcessingException e) {
        String where = JsonLocations.field(e);
        String reason = JsonLocations.reason(e);
        return refuse(
                ProblemType.INVALID_REQUEST,
                "The body has an invalid value at " + where + ": it " + reason,
                Map.of("errors", List.of(Map.of("field", where, "reason", reason))));
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
    public Uni<Response> web(WebApplicationException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            // JAX-RS wraps an unreadable parameter in a 404 (query, path) or 400 (header)
            if (t instanceof InvalidParameterException p) {
                return invalidParameter(p);
            }
            if (t instanceof JsonProcessingException json) {
                return unreadable(json);
            }
        }
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
            return Uni.createFrom().item(serverError(type, e, null));
        }
        String detail =
                switch (status) {
                    case 404 -> "No resource at this path; see the API contract at /q/openapi";
                    case 405 -> request.method() + " is not supported here";
                    case 415 ->
                            "This content type is not accepted here; see the API contract at /q/openapi";
                    case 406 -> "None of the media types in Accept can be produced here";
                    case 400 ->
                            "The request is malformed: check the body is valid JSON and parameters have the documented formats";
                    default -> "The request could not be processed";
                };
        if ((status == 404 || status == 405) && route() == null) {
            // No endpoint matched: nothing was asked of Pactum, so nothing is recorded (a path
            // scan must not be able to grow the audit chain).
            return Uni.createFrom().item(respond(type, detail, Map.of()));
        }
        return refuse(type, detail, Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (databaseUnreachable(e)) {
            return serverError(
                    ProblemType.UNAVAILABLE, e, "The database is not answering; try again shortly");
        }
        return serverError(ProblemType.INTERNAL, e, null);
    }

    /**
     * Answers a refused request with its problem, after recording the refusal in the audit trail
     * (unless the service already recorded it in its own words). The audit write is blocking I/O,
     * so it runs off the event loop; if it fails, the answer is the audit trail's 503.
     */
    private Uni<Response> refuse(ProblemType type, String detail, Map<String, Object> extensions) {
        String route = route();
        String method = request.method().name();
        String reason = type.status() + " " + type.slug() + fieldsOf(extensions);
        if (denials.alreadyRecorded()) {
            return Uni.createFrom().item(respond(type, detail, extensions));
        }
        if (!Context.isOnEventLoopThread()) {
            // already on a worker thread (a blocking endpoint): record and answer in place
            try {
                denials.refused(
                        type.status(), method, route == null ? "(no endpoint)" : route, reason);
                return Uni.createFrom().item(respond(type, detail, extensions));
            } catch (RuntimeException failure) {
                return Uni.createFrom()
                        .item(serverError(ProblemType.AUDIT_UNAVAILABLE, failure, null));
            }
        }
        return Uni.createFrom()
                .item(
                        () -> {
                            denials.refused(
                                    type.status(),
                                    method,
                                    route == null ? "(no endpoint)" : route,
                                    reason);
                            return respond(type, detail, extensions);
                        })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure()
                .recoverWithItem(
                        failure -> serverError(ProblemType.AUDIT_UNAVAILABLE, failure, null));
    }

    /** The fields a problem names (schema vocabulary and parameter names only), for the audit. */
    private static String fieldsOf(Map<String, Object> extensions) {
        if (!(extensions.get("errors") instanceof List<?> errors) || errors.isEmpty()) {
            return "";
        }
        return ": "
                + errors.stream()
                        .limit(20)
                        .map(
                                e ->
                                        e instanceof Map<?, ?> m
                                                ? String.valueOf(m.get("field"))
                                                : fieldOf(e))
                        .distinct()
                        .collect(Collectors.joining(", "));
    }

    private static String fieldOf(Object error) {
        try {
            return String.valueOf(error.getClass().getMethod("field").invoke(error));
        } catch (ReflectiveOperationException e) {
            return "(field)";
        }
    }

    /**
     * The matched endpoint's template (e.g. {@code /api/v1/agreements/{id}}), never the path as
     * sent, which may hold anything; null when no endpoint matched.
     */
    private static String route() {
        ResteasyReactiveRequestContext ctx = CurrentRequestManager.get();
        RuntimeResource target = ctx == null ? null : ctx.getTarget();
        if (target == null) {
            return null;
        }
        String route =
                (target.getClassPath() == null ? "" : target.getClassPath().template)
                        + (target.getPath() == null ? "" : target.getPath().template);
        return route.length() > 1 && route.endsWith("/")
                ? route.substring(0, route.length() - 1)
                : route;
    }

    private Uni<Response> deny(ProblemType type, String detail, String reason) {
        String route = route();
        String path = route == null ? "(no endpoint)" : route;
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
                .entity(Problem.of(type, detail, null, extensions))
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
                ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length))
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
