package org.pactum.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

/**
 * Newline-delimited JSON: one flat object per line, keyed by the feed's field names. Values may be
 * strings, numbers, booleans or null; they are checked as text against the schema like CSV values.
 */
final class NdjsonRowSource extends BufferedRowSource {

    private static final JsonFactory JSON = new JsonFactory();

    private final int maxRowChars;
    private final String[] header;
    private final Map<String, Integer> index = new HashMap<>();
    private final StringBuilder lineText = new StringBuilder();

    NdjsonRowSource(Reader in, String[] fieldNames, int maxRowChars) {
        super(in);
        this.maxRowChars = maxRowChars;
        this.header = fieldNames;
        for (int i = 0; i < fieldNames.length; i++) {
            index.put(fieldNames[i], i);
        }
    }

    @Override
    public String[] header() {
        return header;
    }

    @Override
    public boolean next() throws IOException {
        while (readLine()) {
            if (lineText.toString().isBlank()) {
                continue;
            }
            parse();
            return true;
        }
        return false;
    }

    private boolean readLine() throws IOException {
        lineText.setLength(0);
        line++;
        boolean any = false;
        while (true) {
            int c = read();
            if (c < 0) {
                return any;
            }
            any = true;
            if (c == '\n') {
                return true;
            }
            if (lineText.length() >= maxRowChars) {
                throw new FatalBodyException(
                        line, "row is longer than " + maxRowChars + " characters");
            }
            lineText.append((char) c);
        }
    }

    private void parse() throws IOException {
        values = new String[header.length];
        shapeProblem = null;
        try (JsonParser p = JSON.createParser(lineText.toString())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                shapeProblem = "is not a JSON object";
                return;
            }
            JsonToken t;
            int key = 0;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                key++;
                JsonToken v = p.nextToken();
                Integer at = index.get(name);
                if (at == null) {
                    // Named by position: the key may itself be a value (an identifier).
                    shapeProblem = "has a key (number " + key + ") that is not a field of the feed";
                    p.skipChildren();
                    continue;
                }
                switch (v) {
                    case VALUE_NULL -> values[at] = null;
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        String text = p.getText();
                        values[at] = text.isEmpty() ? null : text;
                    }
                    case VALUE_TRUE -> values[at] = "true";
                    case VALUE_FALSE -> values[at] = "false";
                    default -> {
                        shapeProblem =
                                "field " + name + " must be a string, number, boolean or null";
                        p.skipChildren();
                    }
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                shapeProblem = "is not a single JSON object";
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            shapeProblem = "is not valid JSON";
        }
    }
}
