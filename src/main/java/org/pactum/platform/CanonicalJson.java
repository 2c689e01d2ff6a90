package org.pactum.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One canonical JSON form for everything Pactum hashes (audit entries, agreement content): keys
 * sorted at every level, no insignificant whitespace, dates as ISO strings. Equal content gives
 * equal bytes.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                    .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                    .build();

    private CanonicalJson() {}

    public static String write(Object value) {
        try {
            // Through a tree so that nested maps and records are sorted the same way.
            JsonNode tree = MAPPER.valueToTree(value);
            return MAPPER.writeValueAsString(MAPPER.treeToValue(tree, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Value cannot be encoded canonically", e);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
