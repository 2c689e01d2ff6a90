package org.pactum.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Export lines for the offline verifier: read as bytes, split as {@code BufferedReader.readLine}
 * splits, parsed and hashed off the reading thread. A line already in canonical form ({@link
 * CanonicalLine}) is hashed as it stands; any other is parsed and re-encoded canonically.
 */
final class ExportLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(Merkle::sha256);

    private ExportLines() {}

    /** One export line, parsed and hashed. */
    record Line(
            long seq,
            boolean contentMatches,
            String hash,
            String prevHash,
            byte[] leaf,
            boolean redacted,
            String error,
            long lineNo) {}

    /** Reads lines as bytes, without their terminator (\n, \r or \r\n), skipping blank ones. */
    static final class Reader {
        private final InputStream in;
        private final byte[] buf;
        private int pos;
        private int end;
        private boolean afterCr;

        Reader(InputStream in) {
            this(in, 1 << 20);
        }

        Reader(InputStream in, int bufferSize) {
            this.in = in;
            this.buf = new byte[bufferSize];
        }

        /** Up to {@code max} non-blank lines; fewer only at the end of the input. */
        List<byte[]> next(int max) throws IOException {
            List<byte[]> out = new ArrayList<>(max);
            byte[] line;
            while (out.size() < max && (line = line()) != null) {
                if (!blank(line)) {
                    out.add(line);
                }
            }
            return out;
        }

        private byte[] line() throws IOException {
            ByteArrayOutputStream spill = null;
            while (true) {
                if (pos == end && !fill()) {
                    return spill == null ? null : spill.toByteArray();
                }
                if (afterCr && buf[pos] == '\n') {
                    pos++;
                    afterCr = false;
                    continue;
                }
                afterCr = false;
                int start = pos;
                while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                    pos++;
                }
                if (pos < end) {
                    afterCr = buf[pos] == '\r';
                    byte[] piece = Arrays.copyOfRange(buf, start, pos++);
                    if (spill == null) {
                        return piece;
                    }
                    spill.write(piece);
                    return spill.toByteArray();
                }
                if (spill == null) {
                    spill = new ByteArrayOutputStream(1024);
                }
                spill.write(buf, start, pos - start);
            }
        }

        private boolean fill() throws IOException {
            int n = in.read(buf);
            pos = 0;
            end = Math.max(0, n);
            return n > 0;
        }
    }

    /** As {@code String.isBlank} would judge the line's text. */
    static boolean blank(byte[] line) {
        for (byte c : line) {
            if (c < 0) {
                return new String(line, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    static List<Line> parse(List<byte[]> lines, long firstLineNo) {
        List<Line> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            out.add(parse(lines.get(i), firstLineNo + i + 1));
        }
        return out;
    }

    static Line parse(byte[] raw, long lineNo) {
        CanonicalLine.Parts fast = CanonicalLine.recognise(raw);
        if (fast == null) {
            return parse(new String(raw, StandardCharsets.UTF_8), lineNo);
        }
        return hashed(fast.seq(), fast.hash(), fast.prevHash(), fast.canonical(), lineNo);
    }

    static Line parse(String text, long lineNo) {
        try {
            JsonNode node = JSON.readTree(text);
            if (!(node instanceof ObjectNode entry) || !entry.path("seq").canConvertToLong()) {
                return new Line(0, false, null, null, null, false, "is not an audit entry", lineNo);
            }
            long seq = entry.get("seq").asLong();
            String hash = entry.path("hash").isTextual() ? entry.get("hash").asText() : null;
            String prev =
                    entry.path("prevHash").isTextual() ? entry.get("prevHash").asText() : null;
            if (entry.path("redacted").asBoolean(false)) {
                String leaf = entry.path("leafHash").asText(null);
                byte[] leafBytes = null;
                try {
                    leafBytes = leaf == null ? null : HexFormat.of().parseHex(leaf);
                } catch (IllegalArgumentException e) {
                    leafBytes = null;
                }
                return new Line(seq, true, hash, prev, leafBytes, true, null, lineNo);
            }
            entry.remove("hash");
            return hashed(seq, hash, prev, canonicalBytes(entry), lineNo);
        } catch (IOException e) {
            return new Line(0, false, null, null, null, false, "is not valid JSON", lineNo);
        }
    }

    private static Line hashed(long seq, String hash, String prev, byte[] canonical, long lineNo) {
        MessageDigest d = SHA256.get();
        boolean matches =
                hash == null || HexFormat.of().formatHex(d.digest(canonical)).equals(hash);
        d.update((byte) 0);
        byte[] leaf = d.digest(canonical);
        return new Line(seq, matches, hash, prev, leaf, false, null, lineNo);
    }

    /** Keys sorted at every level, no whitespace, UTF-8: the form the server hashes. */
    static byte[] canonicalBytes(JsonNode node) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, node);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                g.writeFieldName(name);
                write(g, node.get(name));
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                write(g, it.next());
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }
}
