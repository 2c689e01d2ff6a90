package org.pactum.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client on one kept-alive connection, for load generators that share the
 * machine with the server they measure. {@code java.net.http.HttpClient} spends about half a
 * millisecond of CPU per request, which on a 2-core machine is taken from the server being
 * measured; this client, like wrk, writes the request bytes and reads the response on the calling
 * thread. Not thread-safe: one per load thread.
 */
public final class KeepAliveHttp implements AutoCloseable {

    /** A response: status, headers (names lower-cased) and body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public KeepAliveHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A GET with the given bearer token. */
    public Response get(String pathAndQuery, String token) throws IOException {
        return send(head("GET", pathAndQuery, token, "Accept: */*\r\n"));
    }

    /** A POST of a JSON body with the given bearer token. */
    public Response postJson(String pathAndQuery, String token, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head =
                head(
                        "POST",
                        pathAndQuery,
                        token,
                        "Content-Type: application/json\r\nAccept: application/json\r\n"
                                + "Content-Length: "
                                + body.length
                                + "\r\n");
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return send(request);
    }

    /** The request line and headers, with the bearer token and {@code headers} (CRLF-ended). */
    private byte[] head(String method, String pathAndQuery, String token, String headers) {
        return (method
                        + " "
                        + pathAndQuery
                        + " HTTP/1.1\r\nHost: "
                        + host
                        + ":"
                        + port
                        + "\r\nAuthorization: Bearer "
                        + token
                        + "\r\n"
                        + headers
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends a complete request; reconnects once if the kept-alive connection was closed. */
    public Response send(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return read();
        } catch (IOException closed) {
            close();
            connect();
            out.write(request);
            out.flush();
            return read();
        }
    }

    private void connect() throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 16_384);
        out = socket.getOutputStream();
    }

    private Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, String> headers = new HashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(
                    h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    h.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else {
            body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Response(status, headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
            if (n == 0) {
                for (String trailer = line();
                        trailer != null && !trailer.isEmpty();
                        trailer = line()) {
                    // trailers are not used
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int len = s.length();
                return len > 0 && s.charAt(len - 1) == '\r'
                        ? s.substring(0, len - 1)
                        : s.toString();
            }
            s.append((char) b);
        }
        return s.length() == 0 ? null : s.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection that is already gone
            }
            socket = null;
        }
    }
}
