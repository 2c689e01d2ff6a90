package org.pactum.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where in a JSON body a problem lies, named in the API's own vocabulary: property names and
 * indexes. A key of a free-form map is a value the caller chose, so it is shown as {@code *}; the
 * offending value itself is never shown. A problem with the body as a whole is {@code (body)}.
 */
final class JsonLocations {

    static final String BODY = "(body)";
    private static final int MAX_SEGMENTS = 8;

    private JsonLocations() {}

    static String field(JsonProcessingException e) {
        List<String> segments = new ArrayList<>();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    segments.add(r.getFrom() instanceof Map<?, ?> ? "*" : r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    segments.add("[" + r.getIndex() + "]");
                }
            }
        } else if (e.getProcessor() instanceof JsonParser p) {
            // A syntax error or a nesting limit: the parser knows where it was.
            List<String> reversed = new ArrayList<>();
            for (JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    reversed.add(0, c.getCurrentName());
                } else if (c.inArray()) {
                    reversed.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
                }
            }
            // A top-level name is a property of the request, so it is the API's own word; deeper
            // names may be map keys, which the caller chose.
            if (!reversed.isEmpty() && reversed.get(0).matches("[a-z][A-Za-z0-9]{0,40}")) {
                segments.add(reversed.get(0));
            }
        }
        if (e instanceof UnrecognizedPropertyException && !segments.isEmpty()) {
            segments.set(segments.size() - 1, "(unknown property)");
        }
        if (segments.isEmpty()) {
            return BODY;
        }
        if (segments.size() > MAX_SEGMENTS) {
            segments = new ArrayList<>(segments.subList(0, MAX_SEGMENTS));
            segments.add("...");
        }
        StringBuilder out = new StringBuilder();
        for (String s : segments) {
            if (out.length() > 0 && !s.startsWith("[")) {
                out.append('.');
            }
            out.append(s);
        }
        return out.toString();
    }

    static String reason(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "is nested too deeply or too large";
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a property of this request";
        }
        if (e instanceof InvalidFormatException f
                && f.getOriginalMessage() != null
                && f.getOriginalMessage().contains("NUL")) {
            return "contains a NUL character, which is never accepted";
        }
        if (e instanceof MismatchedInputException m) {
            Class<?> target = m.getTargetType();
            return target == null ? "has the wrong JSON type" : "must be " + describe(target);
        }
        if (e instanceof JsonMappingException) {
            return "has an invalid value or the wrong JSON type";
        }
        return "is not valid JSON";
    }

    private static String describe(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a JSON string";
        }
        if (type == int.class
                || type == Integer.class
                || type == long.class
                || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)
                || Collection.class.isAssignableFrom(type)
                || type.isArray()) {
            return "a JSON array";
        }
        return "a JSON object";
    }
}
