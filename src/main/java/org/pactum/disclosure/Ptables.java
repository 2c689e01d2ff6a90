package org.pactum.disclosure;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shipped perturbation tables, versioned by name, read once from {@code
 * /disclosure/<name>.csv}. An agreement's disclosure profile chooses one by name; the default is
 * {@link #DEFAULT}.
 */
public final class Ptables {

    public static final String DEFAULT = "pactum-ptable-1-t8";
    public static final List<String> NAMES = List.of("pactum-ptable-1-t8", "pactum-ptable-1-t10");

    private static final Map<String, Ptable> LOADED = new ConcurrentHashMap<>();

    private Ptables() {}

    public static boolean exists(String name) {
        return NAMES.contains(name);
    }

    public static Ptable named(String name) {
        if (!exists(name)) {
            throw new IllegalArgumentException("no ptable named " + name);
        }
        return LOADED.computeIfAbsent(name, Ptables::load);
    }

    private static Ptable load(String name) {
        try (InputStream in = Ptables.class.getResourceAsStream("/disclosure/" + name + ".csv")) {
            if (in == null) {
                throw new IllegalStateException("ptable resource " + name + " is missing");
            }
            return Ptable.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
