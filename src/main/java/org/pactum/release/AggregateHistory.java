package org.pactum.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.pactum.disclosure.ReleaseHistory;
import org.pactum.disclosure.TableEngine;
import org.pactum.platform.AfterCommit;

/**
 * Checks an aggregate's shown cells against the recipient's release history and records what it
 * releases (issue 20), under the recipient's lock.
 *
 * <p>A table asked for again (issue 14): a remembered table ({@link ReleasedTables.Table}) keeps,
 * per recipient, the outcome a check would reach against the history as the last release of it left
 * that history: the same withheld cells, nothing to record. While the recipient's history has not
 * been written since (its version, read under the lock, is the one that release left), that outcome
 * is used instead of looking up thousands of descriptors and fingerprints again.
 */
@ApplicationScoped
public class AggregateHistory {

    @Inject ReleaseHistoryStore history;

    @Inject AfterCommit afterCommit;

    /** What the release history decided, and what checking it cost. */
    record Checked(ReleaseHistory.Outcome outcome, int candidates, long micros, boolean reused) {}

    Checked check(AggregatePlan p, ReleasedTables.Table table, String measure) {
        long started = System.nanoTime();
        List<TableEngine.Cell> cells = table.cells();
        AggregateRequest.Link link = p.req.linkedTo();
        String context =
                p.schema.code()
                        + "|"
                        + measure
                        + "|"
                        + (link == null
                                ? "-"
                                : link.feed() + ":" + link.withinMonths() + ":" + p.linkFilters);
        String recipient = p.caller.organisation();
        int threshold = p.rules.threshold();
        String decidedFor = p.agreementId + "\n" + recipient + "\n" + context + "\n" + threshold;
        // The cells' prints are worked out before the recipient's lock is taken. Then, under it:
        // which shown cells this recipient was given before exactly as now (released as before,
        // unchecked), and the fingerprints only the others need.
        List<String> descriptors =
                ReleaseHistory.shownDescriptors(cells, measure, context, threshold);
        history.lock(p.agreementId, recipient);
        long version = history.version(p.agreementId, recipient);
        ReleasedTables.Decided before = table.decided(decidedFor);
        if (before != null && before.historyVersion() == version) {
            return new Checked(before.outcome(), before.candidates(), micros(started), true);
        }
        Set<String> seen = history.seen(p.agreementId, recipient, descriptors);
        Set<String> candidates =
                ReleaseHistory.candidates(cells, measure, context, threshold, seen);
        ReleaseHistory.Outcome outcome =
                ReleaseHistory.decide(
                        cells,
                        measure,
                        context,
                        threshold,
                        history.state(p.agreementId, recipient, candidates, seen));
        history.record(p.agreementId, recipient, outcome.record());
        // Asked again against the history as this release leaves it (its own write, if any, is
        // the one version step), the table would show the same cells and record nothing: every
        // cell shown now is then "given before", and what withheld a cell only grows.
        long after = outcome.record().isEmpty() ? version : version + 1;
        // Only once this release has committed: rolled back, its history was never written, and
        // the version it would be remembered at may yet be reached by another write.
        ReleasedTables.Decided decided =
                new ReleasedTables.Decided(
                        after,
                        new ReleaseHistory.Outcome(outcome.withheld(), List.of()),
                        candidates.size());
        afterCommit.run(() -> table.remember(decidedFor, decided));
        return new Checked(outcome, candidates.size(), micros(started), false);
    }

    private static long micros(long started) {
        return (System.nanoTime() - started) / 1_000;
    }
}
