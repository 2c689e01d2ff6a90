package org.pactum.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.TableEngine;

/**
 * The most recently worked-out tables of this instance (issue 14): analysts, dashboards and returns
 * ask the same few shapes again and again over cells that change only when an extract arrives. A
 * table's cells and totals, their perturbed values and their neighbours depend only on the cube
 * they were added up from (a copy at one version, and what was selected from it), the table's shape
 * and the disclosure rules, so equal keys give equal cells; the release history is still decided
 * per recipient on every release. At most {@code pactum.release.cached-tables} are kept, least
 * recently used first out.
 */
@ApplicationScoped
public class ReleasedTables {

    @Inject ReleaseConfig config;

    /** What a table's cells depend on. */
    record Key(Object copyKey, TableEngine.Spec spec, DisclosureRules rules) {}

    private final Map<Key, List<TableEngine.Cell>> tables =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, List<TableEngine.Cell>> e) {
                    return size() > config.cachedTables();
                }
            };

    /** The table's cells: remembered ones for an equal key, else {@code work}'s, remembered. */
    List<TableEngine.Cell> cells(Key key, Supplier<List<TableEngine.Cell>> work) {
        if (key.copyKey() == null || config.cachedTables() == 0) {
            return work.get();
        }
        synchronized (tables) {
            List<TableEngine.Cell> known = tables.get(key);
            if (known != null) {
                return known;
            }
        }
        List<TableEngine.Cell> made = List.copyOf(work.get());
        synchronized (tables) {
            tables.put(key, made);
        }
        return made;
    }
}
