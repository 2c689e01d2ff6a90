package org.pactum.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pactum.partner.OrganisationType;

/**
 * Feed schemas written as Frictionless Table Schema documents (fields, types, constraints, enums,
 * {@code missingValues}), with Pactum's own properties as {@code pactum:}-namespaced extensions:
 * the feed's code, version, provider type and aggregate-only flag, and each field's Pactum type,
 * classification, role and identifier scheme. A field written {@code {"pactum:use": "sex"}} is the
 * shared definition of that name in {@code feeds/shared-fields.json}.
 */
final class TableSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIR = "feeds/";

    private TableSchemas() {}

    /** The built-in feeds, in the order {@code feeds/index.txt} lists them. */
    static List<FeedSchema> builtIns() {
        Map<String, JsonNode> shared = sharedFields();
        List<FeedSchema> schemas = new ArrayList<>();
        for (String file : index()) {
            schemas.add(schema(read(file), shared));
        }
        return List.copyOf(schemas);
    }

    /** The shared field definitions, by name, that a document uses with {@code pactum:use}. */
    static Map<String, JsonNode> sharedFields() {
        Map<String, JsonNode> shared = new HashMap<>();
        for (JsonNode f : read("shared-fields.json").path("fields")) {
            shared.put(f.path("name").asText(), f);
        }
        return shared;
    }

    static FeedSchema schema(JsonNode doc, Map<String, JsonNode> shared) {
        List<FeedField> fields = new ArrayList<>();
        for (JsonNode f : doc.path("fields")) {
            JsonNode definition = f;
            if (f.has("pactum:use")) {
                definition = shared.get(f.path("pactum:use").asText());
                if (definition == null) {
                    throw new IllegalStateException(
                            "No shared field " + f.path("pactum:use").asText());
                }
            }
            fields.add(field(definition));
        }
        return new FeedSchema(
                text(doc, "pactum:code"),
                doc.path("pactum:version").asInt(),
                text(doc, "pactum:title"),
                text(doc, "pactum:description"),
                OrganisationType.valueOf(text(doc, "pactum:providerType")),
                doc.path("pactum:aggregateOnly").asBoolean(false),
                List.copyOf(fields));
    }

    static FeedField field(JsonNode f) {
        FieldType type = FieldType.valueOf(text(f, "pactum:type"));
        String frictionless = text(f, "type");
        if (!frictionless.equals(frictionlessType(type))) {
            throw new IllegalStateException(
                    "Field "
                            + text(f, "name")
                            + ": type "
                            + frictionless
                            + " does not match pactum:type "
                            + type);
        }
        JsonNode c = f.path("constraints");
        List<String> codes = null;
        if (c.has("enum")) {
            codes = new ArrayList<>();
            for (JsonNode v : c.path("enum")) {
                codes.add(v.asText());
            }
            codes = List.copyOf(codes);
        }
        return new FeedField(
                text(f, "name"),
                type,
                Classification.valueOf(text(f, "pactum:classification")),
                FieldRole.valueOf(text(f, "pactum:role")),
                c.path("required").asBoolean(false),
                codes,
                c.has("minimum") ? c.path("minimum").asInt() : null,
                c.has("maximum") ? c.path("maximum").asInt() : null,
                c.has("pattern") ? c.path("pattern").asText() : null,
                f.has("description") ? f.path("description").asText() : null,
                f.has("pactum:idScheme") ? f.path("pactum:idScheme").asText() : null);
    }

    /** The Frictionless type that carries each Pactum type on the wire. */
    static String frictionlessType(FieldType type) {
        return switch (type) {
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case DATETIME -> "datetime";
            case MONTH -> "yearmonth";
            default -> "string";
        };
    }

    private static String text(JsonNode node, String property) {
        JsonNode v = node.get(property);
        if (v == null || !v.isTextual()) {
            throw new IllegalStateException("Missing " + property + " in a feed schema file");
        }
        return v.asText();
    }

    private static List<String> index() {
        try (InputStream in = resource("index.txt");
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String file) {
        try (InputStream in = resource(file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = TableSchemas.class.getClassLoader().getResourceAsStream(DIR + file);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + DIR + file);
        }
        return in;
    }
}
