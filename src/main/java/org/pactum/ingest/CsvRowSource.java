package org.pactum.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
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
    private final StringBuilder field = new StringBuilder();

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
        field.setLength(0);
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
                        field.append('"');
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
                    field.append((char) c);
                }
            } else if (c == ',') {
                addField();
            } else if (c == '\n') {
                nextLine++;
                break;
            } else if (c == '\r') {
                // tolerated before \n
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                field.append((char) c);
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
        fields.add(field.toString());
        field.setLength(0);
    }
}
