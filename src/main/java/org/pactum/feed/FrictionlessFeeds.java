package org.pactum.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pactum.partner.OrganisationType;

/**
 * Feeds over the API in the format of the built-in feed files: a Frictionless Table Schema with
 * Pactum's properties as {@code pactum:} extensions (see {@link TableSchemas}). An administrator
 * may register one, using the shared field definitions by {@code {"pactum:use": name}}; any feed
 * can be read back as one, every field written out in full.
 */
final class FrictionlessFeeds {

    /** The media type of a Table Schema document, for content negotiation. */
    static final String MEDIA_TYPE = "application/vnd.frictionless.table-schema+json";

    static final String SCHEMA = "https://specs.frictionlessdata.io/schemas/table-schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FrictionlessFeeds() {}

    /** A problem with the document itself, found before the feed rules are checked. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** The feed's schema as a Table Schema document. */
    static ObjectNode document(FeedSchema schema) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("$schema", SCHEMA);
        doc.put("pactum:code", schema.code());
        doc.put("pactum:version", schema.version());
        doc.put("pactum:title", schema.title());
        doc.put("pactum:description", schema.description());
        doc.put("pactum:providerType", schema.providerType().name());
        doc.put("pactum:aggregateOnly", schema.aggregateOnly());
        doc.putArray("missingValues").add("");
        ArrayNode fields = doc.putArray("fields");
        schema.fields().forEach(f -> fields.add(field(f)));
        return doc;
    }

    private static ObjectNode field(FeedField f) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", f.name());
        out.put("type", TableSchemas.frictionlessType(f.type()));
        if (f.description() != null && !f.description().isEmpty()) {
            out.put("description", f.description());
        }
        ObjectNode c = out.putObject("constraints");
        c.put("required", f.required());
        if (f.codes() != null) {
            ArrayNode codes = c.putArray("enum");
            f.codes().forEach(codes::add);
        }
        if (f.min() != null) {
            c.put("minimum", f.min());
        }
        if (f.max() != null) {
            c.put("maximum", f.max());
        }
        if (f.pattern() != null) {
            c.put("pattern", f.pattern());
        }
        out.put("pactum:type", f.type().name());
        out.put("pactum:classification", f.classification().name());
        out.put("pactum:role", f.role().name());
        if (f.idScheme() != null) {
            out.put("pactum:idScheme", f.idScheme());
        }
        return out;
    }

    /**
     * The registration a document asks for. What is missing or not one of Pactum's values is left
     * null for validation to name; a shared field that does not exist, or a Frictionless type that
     * contradicts {@code pactum:type}, is {@link Unreadable}.
     */
    static NewFeed newFeed(JsonNode doc, Map<String, JsonNode> shared) {
        if (!doc.isObject() || !doc.path("fields").isArray()) {
            throw new Unreadable("A Table Schema document is a JSON object with a fields array");
        }
        List<NewFeed.Field> fields = new ArrayList<>();
        int i = 0;
        for (JsonNode f : doc.path("fields")) {
            fields.add(field(sharedOrOwn(f, shared, i), i));
            i++;
        }
        return new NewFeed(
                text(doc, "pactum:code"),
                text(doc, "pactum:title"),
                text(doc, "pactum:description"),
                value(OrganisationType.class, doc, "pactum:providerType", ""),
                doc.path("pactum:aggregateOnly").asBoolean(false),
                fields);
    }

    private static JsonNode sharedOrOwn(JsonNode f, Map<String, JsonNode> shared, int i) {
        if (!f.has("pactum:use")) {
            return f;
        }
        JsonNode definition = shared.get(f.path("pactum:use").asText());
        if (definition == null) {
            throw new Unreadable(
                    "fields[" + i + "]: pactum:use names no shared field; see GET /api/v1/feeds");
        }
        return definition;
    }

    private static NewFeed.Field field(JsonNode f, int i) {
        String at = "fields[" + i + "].";
        FieldType type = value(FieldType.class, f, "pactum:type", at);
        String frictionless = text(f, "type");
        if (type != null
                && frictionless != null
                && !frictionless.equals(TableSchemas.frictionlessType(type))) {
            throw new Unreadable(
                    at
                            + "type contradicts pactum:type "
                            + type
                            + ", which is carried as "
                            + TableSchemas.frictionlessType(type));
        }
        JsonNode c = f.path("constraints");
        List<String> codes = null;
        if (c.path("enum").isArray()) {
            codes = new ArrayList<>();
            for (JsonNode v : c.path("enum")) {
                codes.add(v.asText());
            }
        }
        return new NewFeed.Field(
                text(f, "name"),
                type,
                value(Classification.class, f, "pactum:classification", at),
                value(FieldRole.class, f, "pactum:role", at),
                c.path("required").asBoolean(false),
                codes,
                c.path("minimum").isInt() ? c.path("minimum").asInt() : null,
                c.path("maximum").isInt() ? c.path("maximum").asInt() : null,
                text(c, "pattern"),
                text(f, "description"),
                text(f, "pactum:idScheme"));
    }

    private static String text(JsonNode node, String property) {
        JsonNode v = node.get(property);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    /**
     * The enum constant named by {@code property}, or null when it is absent (so validation says it
     * is missing); a value Pactum does not know is {@link Unreadable}, naming those it does.
     */
    private static <E extends Enum<E>> E value(
            Class<E> type, JsonNode node, String property, String at) {
        String name = text(node, property);
        if (name == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new Unreadable(at + property + " must be one of " + List.of(type.getEnumConstants()));
    }
}
