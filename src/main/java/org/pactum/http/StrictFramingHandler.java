package org.pactum.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Sits in front of the HTTP/1.x decoder of one connection and lets a request through only once its
 * head has passed {@link RequestFraming}. A refused request is replaced by an internal request
 * (carrying a per-process secret) that the {@link FramingGuard} answers with a 400 problem and
 * {@code Connection: close}, in order after any earlier pipelined request; nothing after it on the
 * connection is read. Body bytes pass through untouched as they arrive, so uploads still stream.
 */
final class StrictFramingHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "pactum-strict-framing";

    private final String secret;
    private final boolean afterTls;
    private final RequestFraming framing = new RequestFraming();
    private byte[] head = new byte[1024];
    private int headLength;
    private int lineStart;
    private boolean requestLineSeen;
    private boolean refused;
    private boolean checkedPosition;

    StrictFramingHandler(String secret, boolean afterTls) {
        this.secret = secret;
        this.afterTls = afterTls;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!checkedPosition) {
            checkedPosition = true;
            if (relocated(ctx)) {
                ctx.fireChannelRead(msg);
                return;
            }
        }
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (refused) {
            in.release();
            return;
        }
        try {
            read(ctx, in);
        } finally {
            in.release();
        }
    }

    /**
     * Over TLS this handler must read the decrypted bytes: it moves behind the SSL handler. Over
     * HTTP/2 (negotiated by ALPN) framing is HTTP/2's own, and it steps aside.
     */
    private boolean relocated(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (!afterTls && tls != null) {
            String tlsName = ctx.pipeline().context(tls).name();
            ctx.pipeline().addAfter(tlsName, NAME + "-tls", new StrictFramingHandler(secret, true));
            ctx.pipeline().remove(this);
            return true;
        }
        if (afterTls && tls != null && "h2".equals(tls.applicationProtocol())) {
            ctx.pipeline().remove(this);
            return true;
        }
        return false;
    }

    private void read(ChannelHandlerContext ctx, ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        try {
            while (i < end) {
                if (framing.state() == RequestFraming.State.HEAD) {
                    i = headBytes(ctx, in, i, end);
                    continue;
                }
                int from = i;
                long bulk = framing.bulk();
                if (bulk > 0) {
                    int n = (int) Math.min(bulk, end - i);
                    i += n;
                    framing.skipped(n);
                } else {
                    while (i < end
                            && framing.bulk() == 0
                            && framing.state() != RequestFraming.State.HEAD) {
                        framing.framingByte(in.getByte(i++));
                    }
                }
                ctx.fireChannelRead(in.retainedSlice(from, i - from));
            }
        } catch (RequestFraming.Refused e) {
            refuse(ctx, e);
        }
    }

    /** Accumulates head bytes; forwards the head once complete and valid. */
    private int headBytes(ChannelHandlerContext ctx, ByteBuf in, int i, int end)
            throws RequestFraming.Refused {
        while (i < end) {
            byte b = in.getByte(i++);
            if (headLength == head.length) {
                if (head.length >= RequestFraming.MAX_HEAD) {
                    throw new RequestFraming.Refused(
                            "head-too-large", "The request head is larger than 64 KiB");
                }
                head = Arrays.copyOf(head, Math.min(head.length * 2, RequestFraming.MAX_HEAD));
            }
            head[headLength++] = b;
            if (b != '\n') {
                continue;
            }
            if (headLength < 2 || head[headLength - 2] != '\r') {
                throw new RequestFraming.Refused(
                        "bare-lf", "Lines must end with CRLF, not a bare LF");
            }
            boolean emptyLine = headLength - lineStart == 2;
            lineStart = headLength;
            if (!emptyLine) {
                requestLineSeen = true;
            } else if (requestLineSeen) {
                framing.head(head, headLength);
                ctx.fireChannelRead(Unpooled.wrappedBuffer(Arrays.copyOf(head, headLength)));
                headLength = 0;
                lineStart = 0;
                requestLineSeen = false;
                return i;
            }
        }
        return i;
    }

    private void refuse(ChannelHandlerContext ctx, RequestFraming.Refused e) {
        refused = true;
        if (framing.state() != RequestFraming.State.HEAD || headLength == 0) {
            // Broken framing inside a body that is already being read: the request cannot be
            // answered in order, so the connection ends here.
            ctx.close();
            return;
        }
        String internal =
                "GET "
                        + FramingGuard.REFUSED_PATH
                        + e.code
                        + " HTTP/1.1\r\nHost: pactum\r\nConnection: close\r\n"
                        + FramingGuard.SECRET_HEADER
                        + ": "
                        + secret
                        + "\r\n\r\n";
        ctx.fireChannelRead(Unpooled.wrappedBuffer(internal.getBytes(StandardCharsets.US_ASCII)));
        ctx.channel().config().setAutoRead(false);
    }
}
