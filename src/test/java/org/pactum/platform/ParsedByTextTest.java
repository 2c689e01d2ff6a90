package org.pactum.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsedByTextTest {

    @Test
    void eachTextIsParsedOnceAndADifferentTextAfresh() {
        List<String> parsedTexts = new ArrayList<>();
        ParsedByText<Integer> memo =
                new ParsedByText<>(
                        10,
                        t -> {
                            parsedTexts.add(t);
                            return t.length();
                        });
        assertThat(memo.get("{\"a\":1}")).isEqualTo(7);
        assertThat(memo.get("{\"a\":1}")).isEqualTo(7);
        assertThat(memo.get("{\"a\":12}")).isEqualTo(8);
        assertThat(parsedTexts).containsExactly("{\"a\":1}", "{\"a\":12}");
    }

    @Test
    void theBoundHoldsAndEverythingStillParses() {
        List<String> parsedTexts = new ArrayList<>();
        ParsedByText<String> memo =
                new ParsedByText<>(
                        3,
                        t -> {
                            parsedTexts.add(t);
                            return t.toUpperCase();
                        });
        for (int i = 0; i < 10; i++) {
            assertThat(memo.get("t" + i)).isEqualTo("T" + i);
        }
        assertThat(memo.get("t9")).isEqualTo("T9");
        assertThat(parsedTexts).hasSize(10);
        assertThat(memo.get("t0")).isEqualTo("T0");
        assertThat(parsedTexts).hasSize(11);
    }
}
