package org.pactum.security;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of the current request, which ties a response, a log line and an audit entry together. A
 * caller's {@code X-Request-Id} is kept only if it is a plain token, so nothing a caller sends can
 * smuggle data into the audit log; otherwise a fresh one is made.
 */
@RequestScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject HttpServerRequest request;

    private String id;

    public String current() {
        if (id == null) {
            String given = request.getHeader(HEADER);
            id =
                    given != null && SAFE.matcher(given).matches()
                            ? given
                            : UUID.randomUUID().toString();
        }
        return id;
    }

    public String clientAddress() {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
