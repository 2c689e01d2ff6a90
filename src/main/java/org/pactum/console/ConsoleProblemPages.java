package org.pactum.console;

import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pactum.security.AccessDenials;

/**
 * Console errors as pages: the API's problem (its title, detail and any line-by-line errors) shown
 * in the GOV.UK error summary style, and a sign-in page when the session is missing or the API no
 * longer accepts it.
 */
public class ConsoleProblemPages {

    @Inject ConsolePages pages;

    @Inject ConsoleSession session;

    @Inject AccessDenials denials;

    @Inject HttpServerRequest request;

    @ServerExceptionMapper
    public Response signIn(SignInRequired e) {
        Response.ResponseBuilder r = Response.seeOther(URI.create("/console/sign-in"));
        if (session.token() != null) {
            r.header("Set-Cookie", session.signOutCookie().encode());
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response refused(ConsoleRefusal e) {
        if (e.ownDenial()) {
            denials.record(
                    e.status(), request.method().name(), request.path(), "console: " + e.title());
        }
        TemplateInstance page =
                pages.open("problem", e.title())
                        .data("status", e.status())
                        .data("detail", e.detail())
                        .data("errors", e.errors());
        return Response.status(e.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render())
                .build();
    }
}
