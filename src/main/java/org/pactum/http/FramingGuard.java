package org.pactum.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.pactum.audit.Actor;
import org.pactum.audit.CoalescedDenials;
import org.pactum.problem.ProblemType;

/**
 * Puts {@link StrictFramingHandler} in front of the HTTP decoder of every connection, from its
 * first byte, and answers the requests it refuses.
 *
 * <p>Quarkus offers no hook on new connections, so the guard hooks the listening channel itself the
 * first time any request reaches it, and sends itself one as soon as the server listens: from then
 * on each accepted connection gets the handler before any byte is read. On a connection accepted
 * before that, a request with a Transfer-Encoding is processed by that alone and the connection
 * closed after the response, as RFC 9112 §6.1 allows.
 */
@ApplicationScoped
public class FramingGuard {

    static final String REFUSED_PATH = "/.pactum/refused-framing/";
    static final String SECRET_HEADER = "X-Pactum-Framing";
    private static final String ACCEPT_HOOK = "pactum-framing-accept";
    private static final AttributeKey<Boolean> GUARDED =
            AttributeKey.valueOf("pactum.framing.guarded");

    private static final Logger LOG = Logger.getLogger(FramingGuard.class);

    private final String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

    @Inject ObjectMapper json;

    @Inject CoalescedDenials denials;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::guard);
    }

    private void guard(RoutingContext rc) {
        if (rc.request().path().startsWith(REFUSED_PATH) && fromHandler(rc)) {
            refuse(rc, rc.request().path().substring(REFUSED_PATH.length()));
            return;
        }
        HttpConnection connection = rc.request().connection();
        if (connection instanceof ConnectionBase base && rc.request().version() != null) {
            Channel channel = base.channel();
            hook(channel.parent());
            if (!Boolean.TRUE.equals(channel.attr(GUARDED).get())
                    && rc.request().version() != HttpVersion.HTTP_2
                    && rc.request().headers().contains("Transfer-Encoding")) {
                // Accepted before the hook: processed by Transfer-Encoding alone, then closed
                // (RFC 9112 §6.1), so nothing after this body can run as a request.
                rc.response().putHeader("Connection", "close");
            }
        }
        rc.next();
    }

    /**
     * Hooks the listening channel as soon as the server listens, by sending it one request of our
     * own, so that no client connection is accepted unguarded.
     */
    void listening(@Observes HttpServerStart start) {
        int port = start.options().getPort();
        if (port <= 0) {
            return;
        }
        Infrastructure.getDefaultWorkerPool()
                .execute(
                        () -> {
                            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                                s.setSoTimeout(10_000);
                                s.getOutputStream()
                                        .write(
                                                ("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n"
                                                                + "Connection: close\r\n\r\n")
                                                        .getBytes(StandardCharsets.US_ASCII));
                                s.getInputStream().transferTo(OutputStream.nullOutputStream());
                            } catch (IOException e) {
                                LOG.debugf("Framing guard self-request failed: %s", e.getMessage());
                            }
                        });
    }

    private boolean fromHandler(RoutingContext rc) {
        String given = rc.request().getHeader(SECRET_HEADER);
        return given != null
                && MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.US_ASCII),
                        secret.getBytes(StandardCharsets.US_ASCII));
    }

    private void hook(Channel listening) {
        if (listening == null || listening.pipeline().get(ACCEPT_HOOK) != null) {
            return;
        }
        synchronized (this) {
            if (listening.pipeline().get(ACCEPT_HOOK) == null) {
                listening.pipeline().addFirst(ACCEPT_HOOK, new AcceptHook());
            }
        }
    }

    /** On the listening channel: each accepted connection gets the framing handler first. */
    @ChannelHandler.Sharable
    private final class AcceptHook extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                accepted.attr(GUARDED).set(true);
                accepted.pipeline()
                        .addFirst(
                                StrictFramingHandler.NAME, new StrictFramingHandler(secret, false));
            }
            ctx.fireChannelRead(msg);
        }
    }

    private void refuse(RoutingContext rc, String code) {
        String source =
                rc.request().remoteAddress() == null
                        ? null
                        : rc.request().remoteAddress().hostAddress();
        String rule = code.matches("[a-z0-9-]{1,40}") ? code : "framing";
        rc.vertx()
                .executeBlocking(
                        () -> {
                            denials.record(
                                    new Actor(null, null, Set.of(), source, null),
                                    "http.framing",
                                    "HTTP request framing",
                                    "request framing refused: " + rule);
                            return null;
                        },
                        false)
                .onComplete(
                        done ->
                                Refusals.send(
                                        rc,
                                        json,
                                        ProblemType.INVALID_REQUEST,
                                        detail(rule),
                                        Map.of("rule", rule),
                                        Map.of("Connection", "close")));
    }

    private static String detail(String rule) {
        return switch (rule) {
            case "two-body-lengths" ->
                    "The request carried both Content-Length and Transfer-Encoding; send exactly one (RFC 9112 §6.1). The connection is closed.";
            case "transfer-encoding" ->
                    "Transfer-Encoding must appear once, with the value chunked, on HTTP/1.1 only. The connection is closed.";
            case "content-length" ->
                    "Content-Length must appear at most once, as one decimal number. The connection is closed.";
            case "obs-fold" ->
                    "Header fields may not be folded across lines (RFC 9112 §5.2). The connection is closed.";
            case "field-name", "field" ->
                    "A header field name must be a token followed directly by a colon, with no whitespace before it (RFC 9112 §5.1). The connection is closed.";
            case "bare-lf", "bare-cr" ->
                    "Every line of the request head must end with CRLF (RFC 9112 §2.2). The connection is closed.";
            case "host" ->
                    "An HTTP/1.1 request must carry exactly one Host field (RFC 9112 §3.2). The connection is closed.";
            default ->
                    "The request is not framed as RFC 9112 requires ("
                            + rule
                            + "). The connection is closed.";
        };
    }
}
