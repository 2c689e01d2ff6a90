package org.pactum.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in feeds read from their Frictionless Table Schema files are exactly version 1 as it
 * was published (the snapshot was taken from the Java definitions these files replaced), so no
 * stored schema changes under a partner's feet.
 */
class BuiltInFeedFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFilesDescribeExactlyThePublishedVersionOne() throws Exception {
        JsonNode loaded = JSON.valueToTree(BuiltInFeeds.all());
        JsonNode published;
        try (InputStream in = getClass().getResourceAsStream("/feeds/builtins-v1-snapshot.json")) {
            published = JSON.readTree(in);
        }
        assertThat(loaded).isEqualTo(published);
    }

    @Test
    void aFieldWhoseFrictionlessTypeDisagreesWithItsPactumTypeIsRefused() throws Exception {
        JsonNode field =
                JSON.readTree(
                        """
                {"name": "age", "type": "string", "constraints": {"required": true},
                 "pactum:type": "INTEGER", "pactum:classification": "QI", "pactum:role": "AGE"}
                """);
        assertThatThrownBy(() -> TableSchemas.field(field))
                .hasMessageContaining("does not match pactum:type");
    }

    @Test
    void aSharedFieldThatDoesNotExistIsRefused() throws Exception {
        JsonNode doc =
                JSON.readTree(
                        """
                {"pactum:code": "x", "pactum:version": 1, "pactum:title": "X", "pactum:description": "X",
                 "pactum:providerType": "POLICE", "fields": [{"pactum:use": "no-such-field"}]}
                """);
        assertThatThrownBy(() -> TableSchemas.schema(doc, Map.of()))
                .hasMessageContaining("no-such-field");
    }
}
