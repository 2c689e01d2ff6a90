package org.pactum.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format, encoded straight to UTF-8 bytes ready for the wire: {@code
 * \N} for null; backslash, tab, newline and carriage return escaped. JSON values are written
 * through both escapings at once (JSON's, then COPY's), so a jsonb column needs no intermediate
 * string. One buffer per submission, sent in blocks and reused.
 */
final class CopyLine {

    private byte[] buf;
    private int len;

    CopyLine(int capacity) {
        buf = new byte[capacity];
    }

    int length() {
        return len;
    }

    /** Drops everything written since {@code mark} (a rejected row). */
    void truncate(int mark) {
        len = mark;
    }

    /** Sends what is buffered to the COPY and empties the buffer. */
    void sendTo(CopyIn copy) throws SQLException {
        if (len > 0) {
            copy.writeToCopy(buf, 0, len);
            len = 0;
        }
    }

    /** The text written since {@code mark}, as it will be stored (COPY-escaped). */
    String since(int mark) {
        return new String(buf, mark, len - mark, StandardCharsets.UTF_8);
    }

    CopyLine tab() {
        return ascii('\t');
    }

    CopyLine endRow() {
        return ascii('\n');
    }

    CopyLine ascii(char ch) {
        room(1);
        buf[len++] = (byte) ch;
        return this;
    }

    CopyLine number(long n) {
        if (n >= 0 && n < 10) {
            return ascii((char) ('0' + n));
        }
        return latin(Long.toString(n));
    }

    /** A date as ISO {@code YYYY-MM-DD}, or \N. */
    CopyLine date(LocalDate d) {
        if (d == null) {
            return nullValue();
        }
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return latin(d.toString());
        }
        room(10);
        digits(year, 4);
        buf[len++] = '-';
        digits(d.getMonthValue(), 2);
        buf[len++] = '-';
        digits(d.getDayOfMonth(), 2);
        return this;
    }

    CopyLine nullValue() {
        room(2);
        buf[len++] = '\\';
        buf[len++] = 'N';
        return this;
    }

    /** A text value, COPY-escaped; \N for null. */
    CopyLine text(String s) {
        if (s == null) {
            return nullValue();
        }
        room(s.length() * 3);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 0x20 && ch < 0x7F && ch != '\\') {
                buf[len++] = (byte) ch; // the common case: printable ASCII, as is
                continue;
            }
            switch (ch) {
                case '\\' -> pair('\\');
                case '\t' -> pair('t');
                case '\n' -> pair('n');
                case '\r' -> pair('r');
                default -> i = utf8(s, i, ch);
            }
        }
        return this;
    }

    /** A JSON string literal (quoted, JSON-escaped), COPY-escaped on top. */
    CopyLine jsonString(String s) {
        room(s.length() * 7 + 2);
        buf[len++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 0x20 && ch < 0x7F && ch != '\\' && ch != '"') {
                buf[len++] = (byte) ch; // the common case: printable ASCII, as is
                continue;
            }
            switch (ch) {
                case '"' -> jsonEscape('"');
                case '\\' -> jsonEscape('\\');
                case '\n' -> jsonEscape('n');
                case '\r' -> jsonEscape('r');
                case '\t' -> jsonEscape('t');
                default -> {
                    if (ch < 0x20) {
                        jsonEscape('u');
                        digits(0, 2);
                        buf[len++] = (byte) Character.forDigit(ch >> 4, 16);
                        buf[len++] = (byte) Character.forDigit(ch & 0xF, 16);
                    } else {
                        i = utf8(s, i, ch);
                    }
                }
            }
        }
        buf[len++] = '"';
        return this;
    }

    /** ASCII text that needs no escaping in COPY or JSON (names, numbers, dates). */
    CopyLine latin(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** JSON's backslash escape {@code \x}, whose backslash COPY escapes again. */
    private void jsonEscape(char ch) {
        if (ch == '\\') {
            // JSON \\ is two backslashes, each doubled for COPY.
            pair('\\');
            pair('\\');
            return;
        }
        pair('\\');
        buf[len++] = (byte) ch;
    }

    private void pair(char ch) {
        buf[len++] = '\\';
        buf[len++] = (byte) ch;
    }

    /** Writes {@code ch} (at {@code s[i]}) as UTF-8; returns the index of the last char used. */
    private int utf8(String s, int i, char ch) {
        if (ch < 0x80) {
            buf[len++] = (byte) ch;
        } else if (ch < 0x800) {
            buf[len++] = (byte) (0xC0 | (ch >> 6));
            buf[len++] = (byte) (0x80 | (ch & 0x3F));
        } else if (Character.isHighSurrogate(ch)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(ch, s.charAt(i + 1));
            buf[len++] = (byte) (0xF0 | (cp >> 18));
            buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        } else if (Character.isSurrogate(ch)) {
            buf[len++] = '?'; // a lone surrogate, as String.getBytes(UTF_8) writes it
        } else {
            buf[len++] = (byte) (0xE0 | (ch >> 12));
            buf[len++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (ch & 0x3F));
        }
        return i;
    }

    private void digits(int n, int width) {
        for (int at = len + width - 1; at >= len; at--) {
            buf[at] = (byte) ('0' + n % 10);
            n /= 10;
        }
        len += width;
    }

    private void room(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
