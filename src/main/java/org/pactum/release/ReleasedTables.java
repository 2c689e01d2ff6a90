package org.pactum.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.ReleaseHistory;
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

    /**
     * A release-history outcome decided against a table for one recipient, with the version of the
     * recipient's history it was decided on (see AggregateHistory).
     */
    record Decided(long historyVersion, ReleaseHistory.Outcome outcome, int candidates) {}

    /**
     * A worked-out table: its cells, and the history outcomes last decided against them, per
     * recipient (at most {@link #DECIDED_PER_TABLE}; forgotten with the table).
     */
    static final class Table {
        static final int DECIDED_PER_TABLE = 1_024;
        private final List<TableEngine.Cell> cells;
        private final Map<String, Decided> decided = new ConcurrentHashMap<>();

        Table(List<TableEngine.Cell> cells) {
            this.cells = cells;
        }

        List<TableEngine.Cell> cells() {
            return cells;
        }

        Decided decided(String recipient) {
            return decided.get(recipient);
        }

        void remember(String recipient, Decided outcome) {
            if (decided.size() >= DECIDED_PER_TABLE) {
                decided.clear();
            }
            decided.put(recipient, outcome);
        }
    }

    private final Map<Key, Table> tables =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Table> e) {
                    return size() > config.cachedTables();
                }
            };

    /** The table: a remembered one for an equal key, else {@code work}'s cells, remembered. */
    Table table(Key key, Supplier<List<TableEngine.Cell>> work) {
        if (key.copyKey() == null || config.cachedTables() == 0) {
            return new Table(work.get());
        }
        synchronized (tables) {
            Table known = tables.get(key);
            if (known != null) {
                return known;
            }
        }
        Table made = new Table(List.copyOf(work.get()));
        synchronized (tables) {
            tables.put(key, made);
        }
        return made;
    }
}
