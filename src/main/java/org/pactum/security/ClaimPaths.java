package org.pactum.security;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads a string claim at a slash-separated path ({@code org} or {@code attributes/org}). */
final class ClaimPaths {

    private ClaimPaths() {}

    static String string(JsonWebToken token, String path) {
        String[] parts = path.split("/");
        Object value = token.getClaim(parts[0]);
        for (int i = 1; i < parts.length && value != null; i++) {
            value = value instanceof JsonObject object ? object.get(parts[i]) : null;
        }
        if (value instanceof JsonString json) {
            return json.getString();
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof JsonValue json && json.getValueType() != JsonValue.ValueType.NULL) {
            return json.toString();
        }
        return null;
    }
}
