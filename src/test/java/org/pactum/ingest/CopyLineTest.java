package org.pactum.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * COPY text and JSON-in-COPY encoding, against escapings written here with plain string replacement
 * and {@link String#getBytes}: the stored row (and the record hash taken of it) must not change
 * with the encoder.
 */
class CopyLineTest {

    private static final List<String> VALUES =
            List.of(
                    "",
                    "plain",
                    "tab\there",
                    "line\nbreak\r\n",
                    "back\\slash",
                    "quote\"d",
                    "ctrl\u0001\u001f\u007f",
                    "ünïcødé Zoë",
                    "emoji 😀 and 中文",
                    "lone \ud800 surrogate",
                    "\\N");

    private static String copyEscaped(String s) {
        return s.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r");
    }

    private static String jsonLiteral(String s) {
        String escaped =
                s.replace("\\", "\\\\")
                        .replace("\"", "\\\"")
                        .replace("\n", "\\n")
                        .replace("\r", "\\r")
                        .replace("\t", "\\t");
        Matcher m = Pattern.compile("[\\x00-\\x1f]").matcher(escaped);
        StringBuilder out = new StringBuilder("\"");
        while (m.find()) {
            m.appendReplacement(
                    out,
                    Matcher.quoteReplacement(String.format("\\u%04x", (int) m.group().charAt(0))));
        }
        m.appendTail(out);
        return out.append('"').toString();
    }

    private static String written(CopyLine line) {
        return line.since(0);
    }

    @Test
    void textIsCopyEscapedUtf8() {
        for (String v : VALUES) {
            CopyLine line = new CopyLine(4);
            line.text(v);
            assertThat(line.since(0).getBytes(StandardCharsets.UTF_8))
                    .as(v)
                    .isEqualTo(copyEscaped(v).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void jsonStringsAreJsonThenCopyEscaped() {
        for (String v : VALUES) {
            CopyLine line = new CopyLine(4);
            line.jsonString(v);
            assertThat(written(line).getBytes(StandardCharsets.UTF_8))
                    .as(v)
                    .isEqualTo(copyEscaped(jsonLiteral(v)).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void nullsNumbersAndDatesAsPostgresReadsThem() {
        CopyLine line = new CopyLine(1);
        line.text(null).tab().number(0).tab().number(-42).tab().number(Long.MAX_VALUE).tab();
        line.date(LocalDate.of(7, 3, 9)).tab().date(LocalDate.of(2024, 12, 31)).tab();
        line.date(LocalDate.of(12345, 1, 2)).tab().date(null).endRow();
        assertThat(written(line))
                .isEqualTo(
                        "\\N\t0\t-42\t"
                                + Long.MAX_VALUE
                                + "\t0007-03-09\t2024-12-31\t+12345-01-02\t\\N\n");
    }

    @Test
    void truncateDropsARejectedRowOnly() {
        CopyLine line = new CopyLine(8);
        line.text("kept").endRow();
        int mark = line.length();
        line.text("dropped");
        line.truncate(mark);
        assertThat(written(line)).isEqualTo("kept\n");
    }
}
