package org.pactum.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier reads a line already in canonical form without a JSON parser. Every line,
 * recognised or not, must hash as the canonical form computed here with a plain sorted mapper (the
 * README's {@code jq -cS 'del(.hash)'}), and only canonical lines may take the fast path.
 */
class ExportLinesTest {

    private static final ObjectMapper SORTED =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @TempDir Path dir;

    private static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    /** What the line must verify as, computed independently of the production parsers. */
    @SuppressWarnings("unchecked")
    private static void assertHashedAsCanonical(String line) throws Exception {
        Map<String, Object> entry = SORTED.readValue(line, TreeMap.class);
        Object hash = entry.remove("hash");
        byte[] canonical = SORTED.writeValueAsBytes(entry);
        ExportLines.Line parsed = ExportLines.parse(line.getBytes(StandardCharsets.UTF_8), 7);
        assertThat(parsed.error()).as(line).isNull();
        assertThat(parsed.seq()).as(line).isEqualTo(((Number) entry.get("seq")).longValue());
        assertThat(parsed.hash()).as(line).isEqualTo(hash);
        assertThat(parsed.prevHash()).as(line).isEqualTo(entry.get("prevHash"));
        assertThat(parsed.leaf()).as(line).isEqualTo(sha256(new byte[] {0}, canonical));
        assertThat(parsed.contentMatches())
                .as(line)
                .isEqualTo(
                        hash == null || HexFormat.of().formatHex(sha256(canonical)).equals(hash));
    }

    private static boolean fast(String line) {
        return CanonicalLine.recognise(line.getBytes(StandardCharsets.UTF_8)) != null;
    }

    private String exportLine() throws Exception {
        Path export = dir.resolve("export.ndjson");
        new SyntheticLog().export(export, 3);
        return Files.readAllLines(export).get(2);
    }

    @Test
    void exportedLinesTakeTheFastPathAndHashAsTheirCanonicalForm() throws Exception {
        Path export = dir.resolve("export.ndjson");
        new SyntheticLog().export(export, 200);
        for (String line : Files.readAllLines(export)) {
            assertThat(fast(line)).as(line).isTrue();
            assertHashedAsCanonical(line);
        }
        String edited = exportLine().replace("\"cells\":3", "\"cells\":4");
        assertThat(fast(edited)).isTrue();
        assertHashedAsCanonical(edited);
        assertThat(ExportLines.parse(edited.getBytes(StandardCharsets.UTF_8), 1).contentMatches())
                .isFalse();
        String hashFirst = "{\"hash\":\"" + "ab".repeat(32) + "\",\"seq\":5}";
        assertThat(fast(hashFirst)).isTrue();
        assertHashedAsCanonical(hashFirst);
    }

    @Test
    void linesNotInCanonicalFormAreParsedAndStillHashAsTheirCanonicalForm() throws Exception {
        String line = exportLine();
        List<String> variants =
                List.of(
                        line.replace("\"action\":", "\"action\": "),
                        line.replace("{\"action\":\"release.aggregate\",", "{")
                                .replaceFirst("}$", ",\"action\":\"release.aggregate\"}"),
                        line.replace("\"reason\":null", "\"reason\":\"a\\\"b\\u00e9\""),
                        line.replace("\"reason\":null", "\"reason\":\"café\""),
                        line.replace("\"cells\":3", "\"cells\":-0"),
                        line.replace("\"cells\":3", "\"cells\":1.50"),
                        line.replace("\"cells\":3", "\"cells\":12345678901234567890"),
                        line.replace("{\"cells\":3,", "{\"zeta\":1,\"cells\":3,"),
                        line.replace("\"seq\":3", "\"seq\":3,\"seq\":3"),
                        line.replaceFirst(",\"hash\":\"[0-9a-f]{64}\"", ""),
                        line.replaceFirst("\"hash\":\"[0-9a-f]{64}\"", "\"hash\":null"),
                        line + " ");
        for (String variant : variants) {
            assertThat(fast(variant)).as(variant).isFalse();
            assertHashedAsCanonical(variant);
        }
    }

    @Test
    void aRedactedLineKeepsItsGivenLeafHash() throws Exception {
        String leaf = "cd".repeat(32);
        String line =
                "{\"hash\":\""
                        + "ab".repeat(32)
                        + "\",\"leafHash\":\""
                        + leaf
                        + "\",\"redacted\":true,\"seq\":9}";
        assertThat(fast(line)).isFalse();
        ExportLines.Line parsed = ExportLines.parse(line.getBytes(StandardCharsets.UTF_8), 1);
        assertThat(parsed.redacted()).isTrue();
        assertThat(parsed.leaf()).isEqualTo(HexFormat.of().parseHex(leaf));
    }

    @Test
    void linesSplitAsReadLineSplitsThemAcrossBufferBoundaries() throws Exception {
        String text = "first\r\nsecond\rthird\n\n   \nfourth-is-longer-than-the-buffer\r\n\rfifth";
        ExportLines.Reader reader =
                new ExportLines.Reader(
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 4);
        List<String> lines =
                reader.next(100).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertThat(lines)
                .containsExactly(
                        "first", "second", "third", "fourth-is-longer-than-the-buffer", "fifth");
    }
}
