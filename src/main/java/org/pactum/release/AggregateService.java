package org.pactum.release;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.pactum.agreement.AgreementContent;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.TableEngine;
import org.pactum.platform.Timing;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;

/**
 * One table under the disclosure rules of issues 13 and 20, in this order: the query rules ({@link
 * AggregateChecks}); the query budget; the data ({@link AggregateCells}); cell-key perturbation of
 * every cell and total; the rules that depend on the data (population, sparsity); the release
 * history; and the audit entry, committed before the table leaves (no audit, no data). The gate
 * bounds how many run at once.
 */
@ApplicationScoped
public class AggregateService {

    @Inject ReleaseMetrics metrics;

    @Inject ReleaseGate gate;

    @Inject AggregateChecks checks;

    @Inject AggregateCells data;

    @Inject ReleasedTables tables;

    @Inject ReleaseDenials denials;

    @Inject QueryBudget budget;

    @Inject AggregateHistory history;

    @Inject AuditLog audit;

    /**
     * Releases an aggregate once the gate gives it a place; every request, released or refused, is
     * counted and timed.
     */
    public AggregateView aggregates(Caller caller, String agreementId, AggregateRequest req) {
        ReleaseMetrics.Kind kind =
                req.linkedTo() == null ? ReleaseMetrics.Kind.AGGREGATE : ReleaseMetrics.Kind.LINKED;
        return Timing.timed(
                () -> {
                    try (ReleaseGate.Permit place =
                            gate.enter(caller, "agreement:" + agreementId)) {
                        return QuarkusTransaction.joiningExisting()
                                .call(() -> release(caller, agreementId, req));
                    }
                },
                (view, took) ->
                        metrics.released(
                                kind,
                                took,
                                view.disclosure().cellsPerturbed(),
                                view.disclosure().cellsBelowThreshold()),
                took -> metrics.refused(kind, took));
    }

    private AggregateView release(Caller caller, String agreementId, AggregateRequest req) {
        AggregatePlan p = checks.plan(caller, agreementId, req);
        // The budget, spent from here on even if the data then refuses the table.
        QueryBudget.Standing standing = draw(p);
        p.rulesApplied.add("query-budget");
        AggregateCells.Read read = data.read(p);
        ReleasedTables.Table table =
                tables.table(
                        new ReleasedTables.Key(read.copyKey(), p.spec, p.rules),
                        () -> TableEngine.cells(p.spec, read.cube(), p.rules));
        List<TableEngine.Cell> cells = table.cells();
        dataRules(p, cells);
        AggregateHistory.Checked checked = history.check(p, table, read.measure());
        p.rulesApplied.add("release-history");
        AggregateView.Statement statement =
                AggregateView.Statement.of(
                        p.rules, cells, checked.outcome().withheld(), p.rulesApplied);
        audit(p, read, statement, checked, standing);
        return AggregateView.from(
                agreementId,
                p.grant.version(),
                p.schema.code(),
                req.persons() ? "persons" : "rows",
                p.range,
                p.spec,
                cells,
                checked.outcome().withheld(),
                req.includeTotals(),
                statement,
                standing);
    }

    private QueryBudget.Standing draw(AggregatePlan p) {
        AgreementContent.DisclosureProfile profile = p.grant.content().disclosure();
        String recipient = p.caller.organisation();
        String feed = p.schema.code();
        return budget.draw(p.agreementId, recipient, feed, profile)
                .orElseThrow(
                        () -> {
                            QueryBudget.Standing spent =
                                    budget.spent(p.agreementId, recipient, feed, profile);
                            return denials.deny(
                                    p.caller,
                                    p.grant,
                                    "query budget spent until " + spent.renewsAt(),
                                    new PactumException(
                                            ReleaseProblems.BUDGET_SPENT,
                                            "Your organisation has drawn its "
                                                    + spent.limit()
                                                    + " tables from "
                                                    + feed
                                                    + " under this agreement for this window; the budget renews at "
                                                    + spent.renewsAt(),
                                            Map.of(
                                                    "renewsAt",
                                                    spent.renewsAt().toString(),
                                                    "limit",
                                                    spent.limit())));
                        });
    }

    /** Rules on the data: the selected population, then sparsity (TableBuilder). */
    private void dataRules(AggregatePlan p, List<TableEngine.Cell> cells) {
        DisclosureRules rules = p.rules;
        TableEngine.Cell grand = cells.get(cells.size() - 1);
        if (grand.released() == null) {
            throw denials.deny(
                    p.caller,
                    p.grant,
                    "selected population below threshold",
                    new PactumException(
                            ReleaseProblems.POPULATION_TOO_SMALL,
                            "The population this query selects (its filters, period and link) is below the threshold of "
                                    + rules.threshold()
                                    + ", so no breakdown of it is released. Widen the filters or the period."));
        }
        p.rulesApplied.add("population-threshold");
        long nonZero = 0;
        long tiny = 0;
        for (TableEngine.Cell c : cells) {
            long n = c.records().count();
            if (!c.total() && n > 0) {
                nonZero++;
                tiny += n <= 2 ? 1 : 0;
            }
        }
        if (nonZero > 0 && tiny > rules.maxSparseShare() * nonZero) {
            throw denials.deny(
                    p.caller,
                    p.grant,
                    "table too sparse",
                    new PactumException(
                            ReleaseProblems.TABLE_TOO_SPARSE,
                            "Too many of this table's cells would hold one or two records (the limit is "
                                    + Math.round(rules.maxSparseShare() * 100)
                                    + "% of non-empty cells). Use fewer dimensions or broader categories."));
        }
        p.rulesApplied.add("sparsity");
    }

    /** The release history of this recipient: checked, then recorded. */
    private void audit(
            AggregatePlan p,
            AggregateCells.Read read,
            AggregateView.Statement statement,
            AggregateHistory.Checked checked,
            QueryBudget.Standing standing) {
        AggregateRequest req = p.req;
        audit.append(
                Actor.of(p.caller),
                AuditEvent.allowed("release.aggregate", "feed:" + p.schema.code())
                        .underAgreement(p.agreementId, p.grant.purpose())
                        .concerning(p.grant.parties())
                        .with("agreementVersion", p.grant.version())
                        .with("feed", p.schema.code())
                        .with("dimensions", req.dimensions())
                        .with("filters", p.filters)
                        .with("rowFilter", p.grant.content().rowFilter(p.schema.code()))
                        .with("measure", read.personKey() == null ? "rows" : "persons")
                        .with("from", p.range.first().toString())
                        .with("to", p.range.last().toString())
                        .with("linkedFeed", req.linkedTo() == null ? null : req.linkedTo().feed())
                        .with("method", statement.method())
                        .with("ptable", statement.ptable())
                        .with("threshold", statement.threshold())
                        .with("maxNoise", statement.maxNoise())
                        .with("rounding", statement.rounding())
                        .with("cells", statement.cells())
                        .with("cellsShown", statement.cellsShown())
                        .with("cellsPerturbed", statement.cellsPerturbed())
                        .with("cellsBelowThreshold", statement.cellsBelowThreshold())
                        .with("cellsWithheldByHistory", checked.outcome().withheld().size())
                        .with("historyEntriesRecorded", checked.outcome().record().size())
                        .with("historyCandidatesChecked", checked.candidates())
                        .with("historyCheckMicros", checked.micros())
                        .with("historyReused", checked.reused())
                        .with("rulesApplied", p.rulesApplied)
                        .with("budgetRemaining", standing.remaining()));
    }
}
