package org.pactum.console;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two versions of an agreement's content, clause by clause: each content is
 * flattened to {@code path -> value} lines (lists of plain values read as one line), then compared.
 */
public final class AgreementDiff {

    /** One changed clause: its path, and the text before and after (null when absent). */
    @TemplateData
    public record Change(String path, String before, String after) {
        public String kind() {
            return before == null ? "added" : after == null ? "removed" : "changed";
        }
    }

    private AgreementDiff() {}

    public static List<Change> between(Object before, Object after) {
        Map<String, String> a = flatten(before);
        Map<String, String> b = flatten(after);
        TreeSet<String> paths = new TreeSet<>(a.keySet());
        paths.addAll(b.keySet());
        List<Change> out = new ArrayList<>();
        for (String p : paths) {
            if (!Objects.equals(a.get(p), b.get(p))) {
                out.add(new Change(p, a.get(p), b.get(p)));
            }
        }
        return out;
    }

    static Map<String, String> flatten(Object content) {
        Map<String, String> out = new TreeMap<>();
        flatten("", content, out);
        return out;
    }

    private static void flatten(String path, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(path.isEmpty() ? k.toString() : path + "." + k, v, out));
        } else if (value instanceof List<?> list
                && list.stream().noneMatch(v -> v instanceof Map || v instanceof List)) {
            out.put(path, String.join(", ", list.stream().map(String::valueOf).toList()));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "[" + (i + 1) + "]", list.get(i), out);
            }
        } else if (value != null) {
            out.put(path, value.toString());
        }
    }
}
