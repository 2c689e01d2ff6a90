package org.pactum.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table of true counts over k dimensions, as a database GROUP BY returns it. Combinations not
 * returned are true zeros. Pure: no framework types.
 */
public final class Table {

    private final List<String> dimensions;
    private final Map<List<String>, Long> counts = new HashMap<>();
    private final List<Set<String>> values = new ArrayList<>();

    public Table(List<String> dimensions) {
        this.dimensions = List.copyOf(dimensions);
        for (int i = 0; i < dimensions.size(); i++) {
            values.add(new LinkedHashSet<>());
        }
    }

    /** Adds a group's count (repeated keys add up). */
    public Table add(List<String> key, long count) {
        if (key.size() != dimensions.size()) {
            throw new IllegalArgumentException(
                    "key has " + key.size() + " values for " + dimensions.size() + " dimensions");
        }
        if (count < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
        List<String> k = List.copyOf(key);
        counts.merge(k, count, Long::sum);
        for (int i = 0; i < k.size(); i++) {
            values.get(i).add(k.get(i));
        }
        return this;
    }

    public List<String> dimensions() {
        return dimensions;
    }

    /** The values seen for dimension {@code i}, sorted. */
    public List<String> values(int i) {
        List<String> sorted = new ArrayList<>(values.get(i));
        Collections.sort(sorted);
        return sorted;
    }

    public long count(List<String> key) {
        return counts.getOrDefault(key, 0L);
    }

    /** Every combination of seen values (the full grid, zeros included), in sorted order. */
    public List<List<String>> grid() {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (int i = 0; i < dimensions.size(); i++) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : values(i)) {
                    List<String> k = new ArrayList<>(prefix);
                    k.add(v);
                    next.add(List.copyOf(k));
                }
            }
            out = next;
        }
        return out;
    }
}
