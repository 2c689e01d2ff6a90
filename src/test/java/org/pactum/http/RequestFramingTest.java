package org.pactum.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9112 framing, head by head and body byte by byte. */
class RequestFramingTest {

    private static final String OK = "GET / HTTP/1.1\r\nHost: x\r\n";

    private static RequestFraming head(String head) throws RequestFraming.Refused {
        RequestFraming f = new RequestFraming();
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        f.head(b, b.length);
        return f;
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Content-Length: 3\\r\\nTransfer-Encoding: chunked|two-body-lengths",
                "Transfer-Encoding: chunked\\r\\nContent-Length: 3|two-body-lengths",
                "Transfer-Encoding: gzip, chunked|transfer-encoding",
                "Transfer-Encoding: chunked, chunked|transfer-encoding",
                "Transfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked|transfer-encoding",
                "Transfer-Encoding: identity|transfer-encoding",
                "Content-Length: 1\\r\\nContent-Length: 1|content-length",
                "Content-Length: 1, 1|content-length",
                "Content-Length: +1|content-length",
                "Content-Length: 0x10|content-length",
                "Content-Length: 1234567890123456789|content-length",
                "Content-Length:|content-length",
                "Content-Length : 1|field-name",
                "Content-Length\\t: 1|field-name",
                "X-A: 1\\r\\n b|obs-fold",
                "X-A: 1\\r\\n\\tb|obs-fold",
                "X-A: a\\u0000b|field-value",
                "X-A: a\\u007fb|field-value",
                "X-A: a\\rb|bare-cr",
                "NoColon|field",
                ": empty name|field",
                "Host: y|host",
            })
    void refuses(String fields, String rule) {
        String head =
                OK
                        + fields.replace("\\r", "\r")
                                .replace("\\n", "\n")
                                .replace("\\t", "\t")
                                .replace("\\u0000", "\u0000")
                                .replace("\\u007f", "\u007f")
                        + "\r\n\r\n";
        assertThatThrownBy(() -> head(head))
                .isInstanceOfSatisfying(
                        RequestFraming.Refused.class, e -> assertThat(e.code).isEqualTo(rule));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET / HTTP/1.1\\r\\n\\r\\n|host",
                "GET / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|transfer-encoding",
                "GET  / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|request-line",
                "GET / HTTP/1.1 \\r\\nHost: x\\r\\n\\r\\n|request-line",
                "GET / HTTP/2.0\\r\\nHost: x\\r\\n\\r\\n|request-line",
                "PRI * HTTP/2.0\\r\\n\\r\\n|request-line",
                "G(T / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n|request-line",
            })
    void refusesRequestLinesAndVersions(String head, String rule) {
        String h = head.replace("\\r", "\r").replace("\\n", "\n");
        assertThatThrownBy(() -> head(h))
                .isInstanceOfSatisfying(
                        RequestFraming.Refused.class, e -> assertThat(e.code).isEqualTo(rule));
    }

    @Test
    void acceptsWellFramedHeadsAndTracksTheirBodies() throws Exception {
        assertThat(head(OK + "\r\n").state()).isEqualTo(RequestFraming.State.HEAD);
        assertThat(head("\r\n" + OK + "\r\n").state()).isEqualTo(RequestFraming.State.HEAD);
        assertThat(head("GET / HTTP/1.0\r\n\r\n").state()).isEqualTo(RequestFraming.State.HEAD);
        RequestFraming fixed = head(OK + "Content-Length: 5\r\nX-A:  v \t\r\n\r\n");
        assertThat(fixed.bulk()).isEqualTo(5);
        fixed.skipped(2);
        assertThat(fixed.bulk()).isEqualTo(3);
        fixed.skipped(3);
        assertThat(fixed.state()).isEqualTo(RequestFraming.State.HEAD);
        RequestFraming chunked = head(OK + "Transfer-Encoding: Chunked\r\n\r\n");
        feed(chunked, "a;name=\"v\"\r\n");
        assertThat(chunked.bulk()).isEqualTo(10);
        chunked.skipped(10);
        feed(chunked, "\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertThat(chunked.state()).isEqualTo(RequestFraming.State.HEAD);
    }

    private static void feed(RequestFraming f, String bytes) throws RequestFraming.Refused {
        for (byte b : bytes.getBytes(StandardCharsets.ISO_8859_1)) {
            f.framingByte(b);
        }
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "zz\\r\\n|chunk-size",
                "\\r\\n|chunk-size",
                "1234567890abcdef0\\r\\n|chunk-size",
                "5 x\\r\\n|chunk-size",
                "5\\n|bare-lf",
                "5\\rx|bare-cr",
            })
    void refusesBrokenChunkFraming(String line, String rule) throws Exception {
        RequestFraming chunked = head(OK + "Transfer-Encoding: chunked\r\n\r\n");
        String bytes = line.replace("\\r", "\r").replace("\\n", "\n");
        assertThatThrownBy(() -> feed(chunked, bytes))
                .isInstanceOfSatisfying(
                        RequestFraming.Refused.class, e -> assertThat(e.code).isEqualTo(rule));
    }

    @Test
    void refusesAChunkLongerThanItsSize() throws Exception {
        RequestFraming chunked = head(OK + "Transfer-Encoding: chunked\r\n\r\n");
        feed(chunked, "2\r\n");
        chunked.skipped(2);
        assertThatThrownBy(() -> feed(chunked, "xy\r\n"))
                .isInstanceOfSatisfying(
                        RequestFraming.Refused.class,
                        e -> assertThat(e.code).isEqualTo("chunk-overrun"));
    }

    @Test
    void refusesObsFoldInTrailers() throws Exception {
        RequestFraming chunked = head(OK + "Transfer-Encoding: chunked\r\n\r\n");
        assertThatThrownBy(() -> feed(chunked, "0\r\nX: a\r\n b\r\n\r\n"))
                .isInstanceOfSatisfying(
                        RequestFraming.Refused.class,
                        e -> assertThat(e.code).isEqualTo("obs-fold"));
    }
}
