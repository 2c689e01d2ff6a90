package org.pactum.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 4180 CSV with a header row, parsed straight from the request stream: quoted fields may hold
 * commas, quotes ("") and line breaks. Row length and field count are capped so a hostile body
 * cannot exhaust memory.
 */
final class CsvRowSource extends BufferedRowSource {

    private final int maxRowChars;
    private final int maxFields;
    private final String[] header;
    private long nextLine = 1;
    private final List<String> fields = new ArrayList<>();

    /** The field being read; grows up to the longest row (itself capped). */
    private char[] field = new char[256];

    private int fieldLength;

    CsvRowSource(Reader in, int maxRowChars, int maxFields) throws IOException {
        super(in);
        this.maxRowChars = maxRowChars;
        this.maxFields = maxFields;
        if (!readRecord()) {
            throw new FatalBodyException(1, "the body is empty: a header row is required");
        }
        List<String> names = new ArrayList<>(fields.size());
        for (String f : fields) {
            names.add(f.trim());
        }
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
            names.set(0, names.get(0).substring(1)); // a byte-order mark from spreadsheet exports
        }
        header = names.toArray(new String[0]);
    }

    @Override
    public String[] header() {
        return header;
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            if (!readRecord()) {
                return false;
            }
            if (fields.size() == 1 && fields.get(0).isEmpty()) {
                continue; // blank line
            }
            shapeProblem =
                    fields.size() == header.length
                            ? null
                            : "has "
                                    + fields.size()
                                    + " fields but the header has "
                                    + header.length;
            values = new String[header.length];
            for (int i = 0; i < header.length && i < fields.size(); i++) {
                String v = fields.get(i);
                values[i] = v.isEmpty() ? null : v;
            }
            return true;
        }
    }

    /** Reads one record into {@link #fields}; false at end of input. */
    private boolean readRecord() throws IOException {
        fields.clear();
        fieldLength = 0;
        line = nextLine;
        int chars = 0;
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = read()) != -1) {
            any = true;
            if (++chars > maxRowChars) {
                throw new FatalBodyException(
                        line, "row is longer than " + maxRowChars + " characters");
            }
            if (quoted) {
                if (c == '"') {
                    int peek = read();
                    if (peek == '"') {
                        append('"');
                    } else {
                        quoted = false;
                        if (peek == -1) {
                            break;
                        }
                        unread(); // re-read the character after the closing quote
                    }
                } else {
                    if (c == '\n') {
                        nextLine++;
                    }
                    append((char) c);
                }
            } else if (c == ',') {
                addField();
            } else if (c == '\n') {
                nextLine++;
                break;
            } else if (c == '\r') {
                // tolerated before \n
            } else if (c == '"' && fieldLength == 0) {
                quoted = true;
            } else {
                append((char) c);
                chars = plainRun(chars);
            }
        }
        if (!any) {
            return false;
        }
        if (quoted) {
            throw new FatalBodyException(line, "a quoted field is never closed");
        }
        addField();
        return true;
    }

    private void addField() {
        if (fields.size() >= maxFields) {
            throw new FatalBodyException(line, "row has more than " + maxFields + " fields");
        }
        fields.add(fieldLength == 0 ? "" : new String(field, 0, fieldLength));
        fieldLength = 0;
    }

    /**
     * Takes the run of plain characters that follows (up to a comma, quote or line end) from the
     * read-ahead buffer in one copy; returns the row's character count with them.
     */
    private int plainRun(int chars) {
        int end = pos;
        while (end < len) {
            char ch = buf[end];
            if (ch == ',' || ch == '\n' || ch == '\r' || ch == '"') {
                break;
            }
            end++;
        }
        int n = end - pos;
        if (chars + n > maxRowChars) {
            throw new FatalBodyException(line, "row is longer than " + maxRowChars + " characters");
        }
        if (fieldLength + n > field.length) {
            field = Arrays.copyOf(field, Math.max(field.length * 2, fieldLength + n));
        }
        System.arraycopy(buf, pos, field, fieldLength, n);
        fieldLength += n;
        pos = end;
        return chars + n;
    }

    private void append(char ch) {
        if (fieldLength == field.length) {
            field = Arrays.copyOf(field, field.length * 2);
        }
        field[fieldLength++] = ch;
    }
}
