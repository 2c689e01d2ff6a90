package org.pactum.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pactum.agreement.AgreementService;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.agreement.ReleaseLevel;
import org.pactum.disclosure.TableEngine;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;

/**
 * The query rules of an aggregate (issues 13 and 20), which depend only on the request and the
 * agreement: the agreement decision; dimensions and filters permitted and crossable, filters
 * counted as crossed variables, filter values from the code lists; fixed linked windows; whole
 * periods as one contiguous range; the cell limit. Each refusal is audited.
 */
@ApplicationScoped
public class AggregateChecks {

    @Inject AgreementService agreements;

    @Inject FeedService feeds;

    @Inject ReleaseDenials denials;

    @Inject ReleaseService release;

    /** The request checked against every query rule, as a plan; refused at the first breach. */
    AggregatePlan plan(Caller caller, String agreementId, AggregateRequest req) {
        ReleaseGrant grant =
                agreements.decideRelease(caller, agreementId, req.feed(), ReleaseLevel.AGGREGATE);
        FeedSchema schema = feeds.schema(req.feed()).orElseThrow();
        AggregatePlan p =
                new AggregatePlan(
                        caller,
                        agreementId,
                        req,
                        grant,
                        schema,
                        ReleaseService.rules(grant.content().disclosure()),
                        req.filters() == null ? Map.of() : new TreeMap<>(req.filters()),
                        req.linkedTo() == null || req.linkedTo().filters() == null
                                ? Map.of()
                                : new TreeMap<>(req.linkedTo().filters()));
        maxVariables(p);
        dimensions(p);
        filters(p);
        p.rulesApplied.add("filter-values-from-code-lists");
        denials.crossable(caller, grant, p.crossed());
        p.rulesApplied.add("filters-count-as-crossed");
        if (req.linkedTo() != null) {
            link(p);
        }
        period(p);
        maxCells(p);
        return p;
    }

    private void maxVariables(AggregatePlan p) {
        List<String> crossed = p.crossed();
        if (crossed.size() > p.rules.maxVariables()) {
            throw denials.deny(
                    p.caller,
                    p.grant,
                    "too many crossed variables",
                    PactumException.invalid(
                            "A table may cross at most "
                                    + p.rules.maxVariables()
                                    + " variables, filters included; this one crosses "
                                    + crossed.size()));
        }
        p.rulesApplied.add("max-variables");
    }

    private void dimensions(AggregatePlan p) {
        List<String> names = p.req.dimensions();
        for (String name : names) {
            if (names.indexOf(name) != names.lastIndexOf(name)) {
                throw denials.deny(
                        p.caller,
                        p.grant,
                        "dimension listed twice",
                        // Named by position: the name is whatever the caller sent.
                        PactumException.invalidParameter(
                                "dimensions[" + names.lastIndexOf(name) + "]",
                                "repeats an earlier dimension"));
            }
            if (p.filters.containsKey(name)) {
                throw denials.deny(
                        p.caller,
                        p.grant,
                        "a variable is both a dimension and a filter",
                        PactumException.invalidParameter(
                                "dimensions[" + names.indexOf(name) + "]",
                                "is also given as a filter; use one or the other"));
            }
            Dimension d = denials.permitted(p.caller, p.grant, p.schema, name, "a");
            if (!ReleaseService.isPeriod(name)) {
                p.variables.add(
                        new TableEngine.Variable(
                                name, denials.categories(p.caller, p.grant, p.schema, d)));
                p.variableDims.add(d);
            }
        }
    }

    private void filters(AggregatePlan p) {
        for (Map.Entry<String, List<String>> f : p.filters.entrySet()) {
            if (ReleaseService.isPeriod(f.getKey())) {
                throw denials.deny(
                        p.caller,
                        p.grant,
                        "period given as a filter",
                        PactumException.invalid(
                                "Periods are chosen with from and to (a month, quarter or year, one contiguous range), not filtered by "
                                        + f.getKey()));
            }
            Dimension d = denials.permitted(p.caller, p.grant, p.schema, f.getKey(), "a");
            List<String> allowed = denials.categories(p.caller, p.grant, p.schema, d);
            denials.checkValues(p.caller, p.grant, f.getKey(), f.getValue(), allowed);
            p.variables.add(new TableEngine.Variable(f.getKey(), allowed));
            p.variableDims.add(d);
        }
    }

    private void link(AggregatePlan p) {
        AggregateRequest.Link link = p.req.linkedTo();
        if (!p.rules.linkedWindows().contains(link.withinMonths())) {
            throw denials.deny(
                    p.caller,
                    p.grant,
                    "linked window not in the fixed set",
                    new PactumException(
                            ProblemType.INVALID_REQUEST,
                            "withinMonths must be one of "
                                    + p.rules.linkedWindows()
                                    + " (fixed windows, so a sweep of windows cannot date an event)",
                            Map.of(
                                    "field",
                                    "linkedTo.withinMonths",
                                    "allowedValues",
                                    p.rules.linkedWindows())));
        }
        p.rulesApplied.add("fixed-linked-windows");
        p.linkGrant =
                agreements.decideRelease(
                        p.caller, p.agreementId, link.feed(), ReleaseLevel.AGGREGATE);
        p.linked = feeds.schema(link.feed()).orElseThrow();
        for (Map.Entry<String, List<String>> f : p.linkFilters.entrySet()) {
            if (ReleaseService.isPeriod(f.getKey())) {
                throw denials.deny(
                        p.caller,
                        p.grant,
                        "period given as a linked filter",
                        PactumException.invalid(
                                "The linked feed cannot be filtered by " + f.getKey()));
            }
            Dimension d = denials.permitted(p.caller, p.linkGrant, p.linked, f.getKey(), "b");
            denials.checkValues(
                    p.caller,
                    p.grant,
                    "linkedTo." + f.getKey(),
                    f.getValue(),
                    denials.categories(p.caller, p.linkGrant, p.linked, d));
        }
    }

    private void period(AggregatePlan p) {
        try {
            // The months held are read only when from or to is left out.
            p.range =
                    Periods.range(p.req.from(), p.req.to(), () -> release.held(p.schema, p.grant));
        } catch (PactumException e) {
            throw denials.deny(
                    p.caller, p.grant, "period not a contiguous range of whole periods", e);
        }
        p.rulesApplied.add("whole-contiguous-periods");
        List<String> months = p.range.months();
        p.axis = new ArrayList<>();
        p.axis.add(p.range.first().minusMonths(1).toString());
        p.axis.addAll(months);
        p.axis.add(p.range.last().plusMonths(1).toString());
        p.spec =
                new TableEngine.Spec(
                        p.axis, 1, months.size(), p.variables, p.req.dimensions(), p.filters);
    }

    private void maxCells(AggregatePlan p) {
        long grid = 1;
        for (String d : p.req.dimensions()) {
            grid *= TableEngine.categoriesOf(p.spec, d).size() + 1L;
        }
        if (grid > p.rules.maxCells()) {
            throw denials.deny(
                    p.caller,
                    p.grant,
                    "table too large",
                    new PactumException(
                            ReleaseProblems.TABLE_TOO_LARGE,
                            "The table would have "
                                    + grid
                                    + " cells and totals; the limit is "
                                    + p.rules.maxCells()
                                    + ". Use fewer dimensions, fewer categories or a shorter period."));
        }
        p.rulesApplied.add("max-cells");
    }
}
