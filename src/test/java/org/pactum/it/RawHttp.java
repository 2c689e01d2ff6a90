package org.pactum.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written, from a chosen loopback source address (so
 * per-address limits in one test do not touch another). Reads every response the server sends until
 * it closes the connection or goes quiet.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What came back on one connection, and whether the server closed it. */
    record Exchange(List<Response> responses, boolean closedByServer) {}

    private RawHttp() {}

    static Socket open(String source, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
        return s;
    }

    /** Sends {@code raw} and reads responses until close or {@code quietMillis} of silence. */
    static Exchange send(String source, int port, String raw, int quietMillis) throws IOException {
        try (Socket s = open(source, port)) {
            s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return read(s, quietMillis);
        }
    }

    static Exchange read(Socket s, int quietMillis) throws IOException {
        s.setSoTimeout(quietMillis);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        boolean closed = false;
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    closed = true;
                    break;
                }
                all.write(buf, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // the server kept the connection open
        } catch (IOException reset) {
            closed = true;
        }
        return new Exchange(parse(all.toByteArray()), closed);
    }

    /** A one-shot request that asks the server to close afterwards. */
    static Response request(
            String source, int port, String method, String path, String token, String body)
            throws IOException {
        StringBuilder r = new StringBuilder();
        r.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        if (token != null) {
            r.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            r.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n");
        }
        r.append("Connection: close\r\n\r\n");
        if (body != null) {
            r.append(
                    new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
        Exchange e = send(source, port, r.toString(), 30_000);
        if (e.responses().isEmpty()) {
            throw new IOException("No response to " + method + " " + path);
        }
        return e.responses().get(0);
    }

    static List<Response> parse(byte[] bytes) {
        List<Response> out = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), i);
            if (end < 0) {
                break;
            }
            String[] lines =
                    new String(bytes, i, end - i, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int k = 1; k < lines.length; k++) {
                int colon = lines[k].indexOf(':');
                headers.put(
                        lines[k].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[k].substring(colon + 1).trim());
            }
            i = end + 4;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                while (i < bytes.length) {
                    int lineEnd = indexOf(bytes, "\r\n".getBytes(StandardCharsets.ISO_8859_1), i);
                    if (lineEnd < 0) {
                        i = bytes.length;
                        break;
                    }
                    int size =
                            Integer.parseInt(
                                    new String(bytes, i, lineEnd - i, StandardCharsets.ISO_8859_1)
                                            .split(";")[0].trim(),
                                    16);
                    i = lineEnd + 2;
                    if (size == 0) {
                        i = Math.min(bytes.length, i + 2);
                        break;
                    }
                    int n = Math.min(size, bytes.length - i);
                    body.write(bytes, i, n);
                    i += n + 2;
                }
            } else if (headers.containsKey("content-length")) {
                int n = Math.min(Integer.parseInt(headers.get("content-length")), bytes.length - i);
                body.write(bytes, i, n);
                i += n;
            } else if (status != 204 && status != 304 && status >= 200) {
                body.write(bytes, i, bytes.length - i);
                i = bytes.length;
            }
            out.add(new Response(status, headers, body.toString(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
