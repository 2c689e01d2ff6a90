package org.pactum.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the framing of HTTP/1.x requests as strictly as RFC 9112 asks, so that Pactum and any proxy
 * in front of it agree where each request ends (request smuggling needs them to disagree). It
 * validates a complete request head (request line and header fields) and then tracks the body by
 * Content-Length or chunked coding, so the next head is found exactly where the previous message
 * ended, however the bytes are pipelined.
 *
 * <p>Refused: both Content-Length and Transfer-Encoding (RFC 9112 §6.1); any transfer coding other
 * than a single {@code chunked}; more than one Content-Length or Transfer-Encoding field; a
 * Content-Length that is not a plain decimal; Transfer-Encoding in HTTP/1.0; obs-fold (§5.2);
 * whitespace between a field name and its colon (§5.1); a bare LF or CR as a line terminator
 * (§2.2); control characters in fields; an HTTP/1.1 request without exactly one Host (§3.2); chunk
 * sizes that are not hex or overflow; a chunk not followed by CRLF.
 */
final class RequestFraming {

    static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_CHUNK_LINE = 4096;

    /** A request whose framing Pactum refuses; {@code code} names the rule, for the problem. */
    static final class Refused extends Exception {
        final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Where the message being read stands. */
    enum State {
        HEAD,
        BODY,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS
    }

    private State state = State.HEAD;
    private long remaining;
    private final StringBuilder line = new StringBuilder();
    private boolean sawCr;

    State state() {
        return state;
    }

    /**
     * Validates a complete head (everything up to and including the empty line) and sets up the
     * body that follows it.
     */
    void head(byte[] head, int length) throws Refused {
        Head h = Head.parse(head, length);
        if (h.chunked) {
            state = State.CHUNK_SIZE;
            line.setLength(0);
            sawCr = false;
        } else if (h.contentLength > 0) {
            state = State.BODY;
            remaining = h.contentLength;
        } else {
            state = State.HEAD;
        }
    }

    /** Body bytes that can be passed on without looking at them (content, chunk data). */
    long bulk() {
        return state == State.BODY || state == State.CHUNK_DATA ? remaining : 0;
    }

    /** {@code n} bytes of content passed on, at most {@link #bulk()}. */
    void skipped(long n) {
        remaining -= n;
        if (remaining == 0) {
            state = state == State.BODY ? State.HEAD : State.CHUNK_END;
            line.setLength(0);
            sawCr = false;
        }
    }

    /** One byte of chunked framing (a chunk-size line, the CRLF after data, a trailer). */
    void framingByte(byte b) throws Refused {
        String complete = lineByte(b);
        if (complete != null) {
            endOfLine(complete);
        }
    }

    /** Accumulates one byte of a CRLF-terminated line; returns the line once complete. */
    private String lineByte(byte b) throws Refused {
        if (sawCr) {
            if (b != '\n') {
                throw new Refused("bare-cr", "A CR must be followed by LF");
            }
            sawCr = false;
            String l = line.toString();
            line.setLength(0);
            return l;
        }
        if (b == '\r') {
            sawCr = true;
            return null;
        }
        if (b == '\n') {
            throw new Refused("bare-lf", "Lines must end with CRLF, not a bare LF");
        }
        if (line.length() >= MAX_CHUNK_LINE) {
            throw new Refused("chunk-line-too-long", "A chunk-size or trailer line is too long");
        }
        line.append((char) (b & 0xff));
        return null;
    }

    private void endOfLine(String l) throws Refused {
        switch (state) {
            case CHUNK_SIZE -> {
                long size = chunkSize(l);
                if (size == 0) {
                    state = State.TRAILERS;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
            }
            case CHUNK_END -> {
                if (!l.isEmpty()) {
                    throw new Refused("chunk-overrun", "A chunk is longer than its declared size");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (l.isEmpty()) {
                    state = State.HEAD;
                } else {
                    Head.field(l);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    static long chunkSize(String l) throws Refused {
        int i = 0;
        while (i < l.length() && Character.digit(l.charAt(i), 16) >= 0) {
            i++;
        }
        if (i == 0 || i > 15) {
            throw new Refused("chunk-size", "A chunk size must be 1 to 15 hexadecimal digits");
        }
        String rest = l.substring(i);
        String trimmed = rest.stripLeading();
        if (!rest.isEmpty() && !trimmed.startsWith(";")) {
            throw new Refused("chunk-size", "A chunk size may only be followed by extensions");
        }
        for (int k = 0; k < rest.length(); k++) {
            char c = rest.charAt(k);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new Refused("chunk-size", "A chunk extension holds a control character");
            }
        }
        return Long.parseLong(l.substring(0, i), 16);
    }

    /** A parsed request head: only what framing needs. */
    static final class Head {
        long contentLength = -1;
        boolean chunked;

        static Head parse(byte[] head, int length) throws Refused {
            String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
            int start = 0;
            // RFC 9112 §2.2: empty lines before the request line are ignored.
            while (text.startsWith("\r\n", start)) {
                start += 2;
            }
            Framing framing = new Framing();
            if (readLines(text, start, framing) != length) {
                throw new Refused("incomplete-head", "The request head is malformed");
            }
            return framing.head();
        }

        /** Reads the request line and fields into {@code framing}; returns where the head ends. */
        private static int readLines(String text, int start, Framing framing) throws Refused {
            boolean first = true;
            int pos = start;
            while (true) {
                int lf = text.indexOf('\n', pos);
                if (lf < 0) {
                    throw new Refused("incomplete-head", "The request head is incomplete");
                }
                if (lf == pos || text.charAt(lf - 1) != '\r') {
                    throw new Refused("bare-lf", "Lines must end with CRLF, not a bare LF");
                }
                String l = text.substring(pos, lf - 1);
                pos = lf + 1;
                if (l.indexOf('\r') >= 0) {
                    throw new Refused("bare-cr", "A CR must be followed by LF");
                }
                if (first) {
                    framing.version = requestLine(l);
                    first = false;
                } else if (l.isEmpty()) {
                    return pos;
                } else {
                    framing.add(field(l));
                }
            }
        }

        /** What the head's fields say about the body's framing, checked once all are read. */
        private static final class Framing {
            String version;
            int contentLengths;
            int transferEncodings;
            int hosts;
            String transferEncoding;
            long contentLength = -1;

            void add(String[] f) throws Refused {
                switch (f[0]) {
                    case "content-length" -> {
                        contentLengths++;
                        if (!f[1].matches("[0-9]{1,18}")) {
                            throw new Refused(
                                    "content-length",
                                    "Content-Length must be one non-negative decimal number");
                        }
                        contentLength = Long.parseLong(f[1]);
                    }
                    case "transfer-encoding" -> {
                        transferEncodings++;
                        transferEncoding = f[1];
                    }
                    case "host" -> hosts++;
                    default -> {
                        // other fields do not frame the message
                    }
                }
            }

            Head head() throws Refused {
                if (contentLengths > 1) {
                    throw new Refused("content-length", "Send Content-Length once, with one value");
                }
                if (transferEncodings > 1) {
                    throw new Refused(
                            "transfer-encoding",
                            "Send Transfer-Encoding once, with the value chunked");
                }
                Head h = new Head();
                h.contentLength = contentLength;
                h.chunked = transferEncodings == 1 && chunked();
                if ("HTTP/1.1".equals(version) && hosts != 1) {
                    throw new Refused("host", "An HTTP/1.1 request carries exactly one Host field");
                }
                return h;
            }

            /** A Transfer-Encoding was sent: it must be a lone chunked, on HTTP/1.1. */
            private boolean chunked() throws Refused {
                if (contentLengths == 1) {
                    throw new Refused(
                            "two-body-lengths",
                            "Send either Content-Length or Transfer-Encoding, not both (RFC 9112 §6.1)");
                }
                if (!"chunked".equals(transferEncoding.toLowerCase(Locale.ROOT))) {
                    throw new Refused(
                            "transfer-encoding",
                            "The only transfer coding accepted is a single chunked");
                }
                if ("HTTP/1.0".equals(version)) {
                    throw new Refused("transfer-encoding", "HTTP/1.0 requests cannot be chunked");
                }
                return true;
            }
        }

        private static String requestLine(String l) throws Refused {
            String[] parts = l.split(" ", -1);
            if (parts.length != 3
                    || !isToken(parts[0])
                    || parts[1].isEmpty()
                    || !parts[1].chars().allMatch(c -> c > 0x20 && c < 0x7f)
                    || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"))) {
                throw new Refused(
                        "request-line",
                        "The request line must be: method, one space, target, one space, HTTP/1.1");
            }
            return parts[2];
        }

        /** Validates a field line; returns its lower-cased name and trimmed value. */
        static String[] field(String l) throws Refused {
            if (l.charAt(0) == ' ' || l.charAt(0) == '\t') {
                throw new Refused(
                        "obs-fold", "Header fields may not be folded over lines (RFC 9112 §5.2)");
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new Refused("field", "A header field needs a name and a colon");
            }
            String name = l.substring(0, colon);
            if (!isToken(name)) {
                throw new Refused(
                        "field-name",
                        "A header field name is a token directly followed by a colon (RFC 9112 §5.1)");
            }
            String value = l.substring(colon + 1);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new Refused(
                            "field-value", "A header field value holds a control character");
                }
            }
            return new String[] {name.toLowerCase(Locale.ROOT), value.strip()};
        }

        private static boolean isToken(String s) {
            if (s.isEmpty()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok =
                        (c >= 'a' && c <= 'z')
                                || (c >= 'A' && c <= 'Z')
                                || (c >= '0' && c <= '9')
                                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }
}
