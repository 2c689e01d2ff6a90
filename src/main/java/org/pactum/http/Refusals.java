package org.pactum.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.pactum.problem.Problem;
import org.pactum.problem.ProblemType;

/** Problem responses written at the HTTP layer, before any resource runs. */
final class Refusals {

    private Refusals() {}

    static void send(
            RoutingContext rc,
            ObjectMapper json,
            ProblemType type,
            String detail,
            Map<String, Object> extensions,
            Map<String, String> headers) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(Problem.of(type, detail, null, extensions));
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + type.status() + "}";
        }
        rc.response().setStatusCode(type.status());
        rc.response().putHeader("Content-Type", Problem.MEDIA_TYPE);
        rc.response().putHeader("Cache-Control", "no-store");
        rc.response().putHeader("X-Content-Type-Options", "nosniff");
        headers.forEach(rc.response()::putHeader);
        rc.response().end(body);
    }
}
