package org.pactum.problem;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * PostgreSQL cannot store a NUL character in text, so a path segment or query parameter holding one
 * would fail deep inside a query or an audit append (a 500, or a 503 that falsely says the audit
 * trail is down). Such a request is refused at the door with a 400 naming the parameter. Only the
 * parameters the endpoint reads are checked and named: any other is ignored, never echoed.
 */
public class UnstorableInput {

    static final String REASON = "contains a NUL character, which is never accepted";

    @ServerRequestFilter
    public void refuseNul(UriInfo uri, ResourceInfo resource) {
        for (Map.Entry<String, List<String>> p : uri.getPathParameters(true).entrySet()) {
            check(p.getKey(), p.getValue());
        }
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return;
        }
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    check(q.value(), uri.getQueryParameters(true).get(q.value()));
                }
            }
        }
    }

    private static void check(String name, List<String> values) {
        if (values == null) {
            return;
        }
        for (String value : values) {
            if (value != null && value.indexOf('\0') >= 0) {
                throw new InvalidParameterException(name, REASON);
            }
        }
    }
}
