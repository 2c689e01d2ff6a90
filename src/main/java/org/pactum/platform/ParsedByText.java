package org.pactum.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Stored JSON documents parsed once and shared, keyed by their exact text: a feed schema or an
 * agreement's content is read by every release, and parsing it each time was a tenth of a release's
 * CPU. Keyed by the text, not an id, so a document stored afresh is parsed afresh. The parsed
 * values must be immutable or never mutated. Bounded: cleared when it holds {@code capacity} texts.
 */
public final class ParsedByText<T> {

    private final Map<String, T> parsed = new ConcurrentHashMap<>();
    private final int capacity;
    private final Function<String, T> parse;

    public ParsedByText(int capacity, Function<String, T> parse) {
        this.capacity = capacity;
        this.parse = parse;
    }

    public T get(String text) {
        T known = parsed.get(text);
        if (known != null) {
            return known;
        }
        T value = parse.apply(text);
        if (parsed.size() >= capacity) {
            parsed.clear();
        }
        parsed.put(text, value);
        return value;
    }
}
