package org.pactum.feed;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11: field names are written into SQL, so a FeedField cannot exist with any other name than
 * the safe shape, whether built in code or read back from a stored schema.
 */
class FeedFieldNameTest {

    private static FeedField named(String name) {
        return new FeedField(
                name,
                FieldType.STRING,
                Classification.NP,
                FieldRole.ATTRIBUTE,
                false,
                null,
                null,
                null,
                null,
                "",
                null);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "x' OR '1'='1",
                "a'||pg_sleep(1)||'",
                "Knife",
                "1st",
                "_x",
                "with space",
                "dash-ed",
                "",
                "a234567890123456789012345678901234567890123456789012345678901234"
            })
    void refusesAnyNameThatIsNotTheSafeShape(String name) {
        assertThatThrownBy(() -> named(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "knife_flag",
                "a",
                "x1",
                "a23456789012345678901234567890123456789012345678901234567890123"
            })
    void acceptsSafeNames(String name) {
        assertThatCode(() -> named(name)).doesNotThrowAnyException();
    }

    @Test
    void aStoredSchemaWithAnUnsafeNameCannotBeRead() {
        String stored =
                "{\"code\":\"x\",\"version\":1,\"title\":\"t\",\"description\":\"d\",\"providerType\":\"POLICE\","
                        + "\"aggregateOnly\":false,\"fields\":[{\"name\":\"a' OR 1=1 --\",\"type\":\"STRING\","
                        + "\"classification\":\"NP\",\"role\":\"ATTRIBUTE\",\"required\":false}]}";
        assertThatThrownBy(() -> new ObjectMapper().readValue(stored, FeedSchema.class))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyBuiltInFieldHasASafeName() {
        BuiltInFeeds.all()
                .forEach(
                        s ->
                                s.fields()
                                        .forEach(
                                                f ->
                                                        assertThatCode(() -> named(f.name()))
                                                                .doesNotThrowAnyException()));
    }
}
