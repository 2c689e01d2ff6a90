package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.AgreementService;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.agreement.ReleaseLevel;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.disclosure.Cube;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.Ptable;
import org.pactum.disclosure.Ptables;
import org.pactum.disclosure.ReleaseHistory;
import org.pactum.disclosure.TableEngine;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.FieldRole;
import org.pactum.feed.Geography;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;

/**
 * Releases: agreement decision, field rules, SQL (GROUP BY in PostgreSQL), disclosure control, and
 * the audit entry, which commits before any data leaves (no audit, no data).
 */
@ApplicationScoped
public class ReleaseService {

    @Inject ReleaseMetrics metrics;

    @Inject AgreementService agreements;

    @Inject FeedService feeds;

    @Inject AuditLog audit;

    @Inject AgroalDataSource dataSource;

    @Inject Geography geography;

    @Inject QueryBudget budget;

    @Inject ReleaseHistoryStore history;

    // ----- aggregates ------------------------------------------------------------------------

    /**
     * One table under the disclosure rules of issues 13 and 20, in this order: the agreement
     * decision; the query rules, which depend only on the request and the agreement (dimensions and
     * filters permitted and crossable, filters counted as crossed variables, filter values from the
     * code lists, whole periods as one contiguous range, fixed linked windows, the cell limit); the
     * query budget; the data (the finest cells, read in PostgreSQL); cell-key perturbation of every
     * cell and total; the rules that depend on the data (population, sparsity); the release
     * history; and the audit entry, committed before the table leaves.
     */
    @Transactional
    /** Releases an aggregate; every request, released or refused, is counted and timed. */
    public AggregateView aggregates(Caller caller, String agreementId, AggregateRequest req) {
        long started = System.nanoTime();
        ReleaseMetrics.Kind kind =
                req.linkedTo() == null ? ReleaseMetrics.Kind.AGGREGATE : ReleaseMetrics.Kind.LINKED;
        try {
            AggregateView view = aggregatesUnmeasured(caller, agreementId, req);
            metrics.released(
                    kind,
                    java.time.Duration.ofNanos(System.nanoTime() - started),
                    view.disclosure().cellsPerturbed(),
                    view.disclosure().cellsBelowThreshold());
            return view;
        } catch (RuntimeException e) {
            metrics.refused(kind, java.time.Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }

    private AggregateView aggregatesUnmeasured(
            Caller caller, String agreementId, AggregateRequest req) {
        ReleaseGrant grant =
                agreements.decideRelease(caller, agreementId, req.feed(), ReleaseLevel.AGGREGATE);
        FeedSchema schema = feeds.schema(req.feed()).orElseThrow();
        AgreementContent.DisclosureProfile profile = grant.content().disclosure();
        DisclosureRules rules = rules(profile);
        List<String> rulesApplied = new ArrayList<>();
        Map<String, List<String>> filters =
                req.filters() == null ? Map.of() : new TreeMap<>(req.filters());
        Map<String, List<String>> linkFilters =
                req.linkedTo() == null || req.linkedTo().filters() == null
                        ? Map.of()
                        : new TreeMap<>(req.linkedTo().filters());

        // Query rules on the request alone.
        List<String> crossed = new ArrayList<>(req.dimensions());
        crossed.addAll(filters.keySet());
        crossed.addAll(linkFilters.keySet());
        if (crossed.size() > rules.maxVariables()) {
            throw deny(
                    caller,
                    grant,
                    "too many crossed variables",
                    PactumException.invalid(
                            "A table may cross at most "
                                    + rules.maxVariables()
                                    + " variables, filters included; this one crosses "
                                    + crossed.size()));
        }
        rulesApplied.add("max-variables");
        List<Dimension> dims = new ArrayList<>();
        List<TableEngine.Variable> variables = new ArrayList<>();
        List<Dimension> variableDims = new ArrayList<>();
        for (String name : req.dimensions()) {
            if (req.dimensions().indexOf(name) != req.dimensions().lastIndexOf(name)) {
                throw deny(
                        caller,
                        grant,
                        "dimension listed twice",
                        // Named by position: the name is whatever the caller sent.
                        PactumException.invalidParameter(
                                "dimensions[" + req.dimensions().lastIndexOf(name) + "]",
                                "repeats an earlier dimension"));
            }
            if (filters.containsKey(name)) {
                throw deny(
                        caller,
                        grant,
                        "a variable is both a dimension and a filter",
                        PactumException.invalidParameter(
                                "dimensions[" + req.dimensions().indexOf(name) + "]",
                                "is also given as a filter; use one or the other"));
            }
            Dimension d = permitted(caller, grant, schema, name, "a");
            dims.add(d);
            if (!isPeriod(name)) {
                variables.add(new TableEngine.Variable(name, categories(caller, grant, schema, d)));
                variableDims.add(d);
            }
        }
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            if (isPeriod(f.getKey())) {
                throw deny(
                        caller,
                        grant,
                        "period given as a filter",
                        PactumException.invalid(
                                "Periods are chosen with from and to (a month, quarter or year, one contiguous range), not filtered by "
                                        + f.getKey()));
            }
            Dimension d = permitted(caller, grant, schema, f.getKey(), "a");
            List<String> allowed = categories(caller, grant, schema, d);
            checkValues(caller, grant, f.getKey(), f.getValue(), allowed);
            variables.add(new TableEngine.Variable(f.getKey(), allowed));
            variableDims.add(d);
        }
        rulesApplied.add("filter-values-from-code-lists");
        crossable(caller, grant, crossed);
        rulesApplied.add("filters-count-as-crossed");
        ReleaseGrant linkGrant = null;
        FeedSchema linked = null;
        if (req.linkedTo() != null) {
            if (!rules.linkedWindows().contains(req.linkedTo().withinMonths())) {
                throw deny(
                        caller,
                        grant,
                        "linked window not in the fixed set",
                        new PactumException(
                                ProblemType.INVALID_REQUEST,
                                "withinMonths must be one of "
                                        + rules.linkedWindows()
                                        + " (fixed windows, so a sweep of windows cannot date an event)",
                                Map.of(
                                        "field",
                                        "linkedTo.withinMonths",
                                        "allowedValues",
                                        rules.linkedWindows())));
            }
            rulesApplied.add("fixed-linked-windows");
            linkGrant =
                    agreements.decideRelease(
                            caller, agreementId, req.linkedTo().feed(), ReleaseLevel.AGGREGATE);
            linked = feeds.schema(req.linkedTo().feed()).orElseThrow();
            for (Map.Entry<String, List<String>> f : linkFilters.entrySet()) {
                if (isPeriod(f.getKey())) {
                    throw deny(
                            caller,
                            grant,
                            "period given as a linked filter",
                            PactumException.invalid(
                                    "The linked feed cannot be filtered by " + f.getKey()));
                }
                Dimension d = permitted(caller, linkGrant, linked, f.getKey(), "b");
                checkValues(
                        caller,
                        grant,
                        "linkedTo." + f.getKey(),
                        f.getValue(),
                        categories(caller, linkGrant, linked, d));
            }
        }
        Periods.Range range;
        try {
            range = Periods.range(req.from(), req.to(), held(schema, grant));
        } catch (PactumException e) {
            throw deny(caller, grant, "period not a contiguous range of whole periods", e);
        }
        rulesApplied.add("whole-contiguous-periods");
        List<String> months = range.months();
        List<String> axis = new ArrayList<>();
        axis.add(range.first().minusMonths(1).toString());
        axis.addAll(months);
        axis.add(range.last().plusMonths(1).toString());
        TableEngine.Spec spec =
                new TableEngine.Spec(axis, 1, months.size(), variables, req.dimensions(), filters);
        long grid = 1;
        for (String d : req.dimensions()) {
            grid *= TableEngine.categoriesOf(spec, d).size() + 1L;
        }
        if (grid > rules.maxCells()) {
            throw deny(
                    caller,
                    grant,
                    "table too large",
                    new PactumException(
                            ReleaseProblems.TABLE_TOO_LARGE,
                            "The table would have "
                                    + grid
                                    + " cells and totals; the limit is "
                                    + rules.maxCells()
                                    + ". Use fewer dimensions, fewer categories or a shorter period."));
        }
        rulesApplied.add("max-cells");

        // The budget, spent from here on even if the data then refuses the table.
        QueryBudget.Standing standing =
                budget.draw(agreementId, caller.organisation(), schema.code(), profile)
                        .orElseThrow(
                                () -> {
                                    QueryBudget.Standing spent =
                                            budget.spent(
                                                    agreementId,
                                                    caller.organisation(),
                                                    schema.code(),
                                                    profile);
                                    return deny(
                                            caller,
                                            grant,
                                            "query budget spent until " + spent.renewsAt(),
                                            new PactumException(
                                                    ReleaseProblems.BUDGET_SPENT,
                                                    "Your organisation has drawn its "
                                                            + spent.limit()
                                                            + " tables from "
                                                            + schema.code()
                                                            + " under this agreement for this window; the budget renews at "
                                                            + spent.renewsAt(),
                                                    Map.of(
                                                            "renewsAt",
                                                            spent.renewsAt().toString(),
                                                            "limit",
                                                            spent.limit())));
                                });
        rulesApplied.add("query-budget");

        // The data: the finest cells (month x every variable), filters applied in Java.
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        rowSelection("a", schema, grant, where, args);
        where.append(" AND a.event_month >= ? AND a.event_month <= ?");
        args.add(Date.valueOf(range.first().minusMonths(1).atDay(1)));
        args.add(Date.valueOf(range.last().plusMonths(1).atDay(1)));
        String personKey = null;
        if (req.linkedTo() != null) {
            personKey = link(caller, schema, linked, linkGrant, req.linkedTo(), where, args);
        } else if (req.persons()) {
            if (schema.fields().stream().noneMatch(f -> f.role() == FieldRole.PERSON_IDENTIFIER)) {
                throw deny(
                        caller,
                        grant,
                        "persons asked of a feed without person identifiers",
                        PactumException.invalid(
                                schema.code()
                                        + " carries no person identifier, so persons cannot be counted; use rows"));
            }
            personKey = "person_id";
        }
        String measure = personKey == null ? "rows" : "persons:" + personKey;
        Cube cube = cells(axis, variableDims, variables, personKey, where, args);
        List<TableEngine.Cell> cells = TableEngine.cells(spec, cube, rules);

        // Rules on the data: the selected population, then sparsity (TableBuilder).
        TableEngine.Cell grand = cells.get(cells.size() - 1);
        if (grand.released() == null) {
            throw deny(
                    caller,
                    grant,
                    "selected population below threshold",
                    new PactumException(
                            ReleaseProblems.POPULATION_TOO_SMALL,
                            "The population this query selects (its filters, period and link) is below the threshold of "
                                    + rules.threshold()
                                    + ", so no breakdown of it is released. Widen the filters or the period."));
        }
        rulesApplied.add("population-threshold");
        long nonZero = cells.stream().filter(c -> !c.total() && c.records().count() > 0).count();
        long tiny =
                cells.stream()
                        .filter(
                                c ->
                                        !c.total()
                                                && c.records().count() > 0
                                                && c.records().count() <= 2)
                        .count();
        if (nonZero > 0 && tiny > rules.maxSparseShare() * nonZero) {
            throw deny(
                    caller,
                    grant,
                    "table too sparse",
                    new PactumException(
                            ReleaseProblems.TABLE_TOO_SPARSE,
                            "Too many of this table's cells would hold one or two records (the limit is "
                                    + Math.round(rules.maxSparseShare() * 100)
                                    + "% of non-empty cells). Use fewer dimensions or broader categories."));
        }
        rulesApplied.add("sparsity");

        // The release history of this recipient.
        long started = System.nanoTime();
        String context =
                schema.code()
                        + "|"
                        + measure
                        + "|"
                        + (req.linkedTo() == null
                                ? "-"
                                : req.linkedTo().feed()
                                        + ":"
                                        + req.linkedTo().withinMonths()
                                        + ":"
                                        + linkFilters);
        history.lock(agreementId, caller.organisation());
        java.util.Set<String> candidates = ReleaseHistory.candidates(cells, measure);
        List<String> descriptors =
                cells.stream()
                        .map(c -> ReleaseHistory.descriptorDigest(context, c.descriptor()))
                        .toList();
        ReleaseHistory.Outcome outcome =
                ReleaseHistory.decide(
                        cells,
                        measure,
                        context,
                        rules.threshold(),
                        history.state(agreementId, caller.organisation(), candidates, descriptors));
        history.record(agreementId, caller.organisation(), outcome.record());
        long historyMicros = (System.nanoTime() - started) / 1_000;
        rulesApplied.add("release-history");

        AggregateView.Statement statement =
                AggregateView.Statement.of(rules, cells, outcome.withheld(), rulesApplied);
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed("release.aggregate", "feed:" + schema.code())
                        .underAgreement(agreementId, grant.purpose())
                        .concerning(grant.parties())
                        .with("agreementVersion", grant.version())
                        .with("feed", schema.code())
                        .with("dimensions", req.dimensions())
                        .with("filters", filters)
                        .with("rowFilter", grant.content().rowFilter(schema.code()))
                        .with("measure", personKey == null ? "rows" : "persons")
                        .with("from", range.first().toString())
                        .with("to", range.last().toString())
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
                        .with("cellsWithheldByHistory", outcome.withheld().size())
                        .with("historyEntriesRecorded", outcome.record().size())
                        .with("historyCandidatesChecked", candidates.size())
                        .with("historyCheckMicros", historyMicros)
                        .with("rulesApplied", rulesApplied)
                        .with("budgetRemaining", standing.remaining()));
        return AggregateView.from(
                agreementId,
                grant.version(),
                schema.code(),
                req.persons() ? "persons" : "rows",
                range,
                spec,
                cells,
                outcome.withheld(),
                req.includeTotals(),
                statement,
                standing);
    }

    static boolean isPeriod(String name) {
        return TableEngine.MONTH.equals(name) || TableEngine.QUARTER.equals(name);
    }

    /** The agreement's disclosure profile as rules: never looser than the defaults. */
    static DisclosureRules rules(AgreementContent.DisclosureProfile p) {
        Ptable ptable = Ptables.named(p.ptable() == null ? Ptables.DEFAULT : p.ptable());
        return new DisclosureRules(
                ptable,
                Math.max(
                        Math.max(p.minimumCellCount(), DisclosureRules.DEFAULT_THRESHOLD),
                        ptable.threshold()),
                Math.max(p.roundingBase(), DisclosureRules.DEFAULT_ROUNDING),
                DisclosureRules.DEFAULT_MAX_VARIABLES,
                DisclosureRules.DEFAULT_MAX_CELLS,
                p.maxSparseShare() == null
                        ? DisclosureRules.DEFAULT_MAX_SPARSE_SHARE
                        : Math.min(p.maxSparseShare(), DisclosureRules.DEFAULT_MAX_SPARSE_SHARE),
                DisclosureRules.LINKED_WINDOWS);
    }

    /**
     * The one place where release SQL selects a feed's rows under an agreement: the feed and the
     * agreement's providers of it. Predicates that narrow what an agreement may see (row filters,
     * restricted rows) belong here, so that every aggregate, link and catalogue query obeys them.
     */
    void rowSelection(
            String alias,
            FeedSchema schema,
            ReleaseGrant grant,
            StringBuilder where,
            List<Object> args) {
        where.append(where.length() == 0 ? "" : " AND ")
                .append(alias)
                .append(".feed = ? AND ")
                .append(alias)
                .append(".provider = ANY (?) AND NOT ")
                .append(alias)
                // Rows under a data subject's restriction (UK GDPR Art 18) leave every release.
                .append(".restricted");
        args.add(schema.code());
        args.add(grant.providersOfFeed().toArray(String[]::new));
        // The agreement's row filter for this feed (issue 15): rows outside its purpose never
        // count.
        RowScope.restrict(grant.content().rowFilter(schema.code()), schema, alias, where, args);
    }

    /** The months of data held for a feed under the agreement (the current month if none). */
    Periods.Range held(FeedSchema schema, ReleaseGrant grant) {
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        rowSelection("a", schema, grant, where, args);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT min(a.event_month), max(a.event_month) FROM feed_row a WHERE "
                                        + where)) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Date first = rs.getDate(1);
                Date last = rs.getDate(2);
                if (first == null) {
                    YearMonth now = YearMonth.now(java.time.ZoneOffset.UTC);
                    return new Periods.Range(now, now);
                }
                return new Periods.Range(
                        YearMonth.from(first.toLocalDate()), YearMonth.from(last.toLocalDate()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The held periods cannot be read", e);
        }
    }

    /** The categories of a permitted dimension; refused if it has no closed list of values. */
    List<String> categories(Caller caller, ReleaseGrant grant, FeedSchema schema, Dimension d) {
        // A variable the agreement's row filter narrows has only the values the filter keeps: the
        // others are outside the agreement's purpose (issue 15), not zero.
        List<String> kept = grant.content().rowFilter(schema.code()).get(d.name());
        return categories(schema, d)
                .map(all -> kept == null ? all : all.stream().filter(kept::contains).toList())
                .orElseThrow(
                        () ->
                                deny(
                                        caller,
                                        grant,
                                        "variable " + d.name() + " has no closed list of values",
                                        PactumException.invalid(
                                                d.name()
                                                        + " has no closed list of values, so it cannot be a dimension or a filter")));
    }

    /** The categories of a dimension, if it has a closed list of values. */
    java.util.Optional<List<String>> categories(FeedSchema schema, Dimension d) {
        java.util.Map<String, String> lookup = geography.lookup();
        List<String> authorities = lookup.values().stream().distinct().sorted().toList();
        List<String> lsoas = lookup.keySet().stream().sorted().toList();
        return Categories.of(d, schema, authorities, lsoas);
    }

    private void checkValues(
            Caller caller,
            ReleaseGrant grant,
            String name,
            List<String> values,
            List<String> allowed) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw deny(
                        caller,
                        grant,
                        "filter " + name + " has a value outside its categories",
                        new PactumException(
                                ProblemType.INVALID_REQUEST,
                                "Filter "
                                        + name
                                        + " takes only these values: "
                                        + String.join(", ", allowed),
                                Map.of("field", "filters." + name, "allowedValues", allowed)));
            }
        }
    }

    /** The finest cells, counted in PostgreSQL: by month and every variable. */
    private Cube cells(
            List<String> axis,
            List<Dimension> dims,
            List<TableEngine.Variable> variables,
            String personKey,
            StringBuilder where,
            List<Object> args) {
        int[] sizes = new int[dims.size() + 1];
        sizes[0] = axis.size();
        for (int i = 0; i < dims.size(); i++) {
            sizes[i + 1] = variables.get(i).categories().size();
        }
        Cube cube = personKey == null ? Cube.rows(sizes) : Cube.persons(sizes);
        StringBuilder sql = new StringBuilder("SELECT to_char(a.event_month, 'YYYY-MM')");
        for (Dimension d : dims) {
            sql.append(", ").append(d.sql());
        }
        int groups = dims.size() + 1;
        if (personKey == null) {
            sql.append(", count(*), sum(a.record_hash)");
        } else {
            // A person's key derives from their stored pseudonym (itself a keyed HMAC, so unknown
            // to any analyst): the first 64 bits of its MD5.
            sql.append(", ('x' || substr(md5(a.")
                    .append(personKey)
                    .append("), 1, 16))::bit(64)::bigint");
            where.append(" AND a.").append(personKey).append(" IS NOT NULL");
            groups++;
        }
        sql.append(" FROM feed_row a WHERE ").append(where).append(" GROUP BY ");
        for (int i = 1; i <= groups; i++) {
            sql.append(i == 1 ? "" : ", ").append(i);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                int[] at = new int[sizes.length];
                while (rs.next()) {
                    at[0] = axis.indexOf(rs.getString(1));
                    for (int i = 0; i < dims.size(); i++) {
                        String v = rs.getString(i + 2);
                        List<String> cats = variables.get(i).categories();
                        int idx = cats.indexOf(v == null ? Categories.NOT_RECORDED : v);
                        if (idx < 0) {
                            idx = cats.indexOf(Categories.NOT_RECORDED);
                        }
                        at[i + 1] = idx;
                    }
                    if (at[0] < 0 || java.util.Arrays.stream(at).anyMatch(x -> x < 0)) {
                        continue; // outside every category: not in any cell of this table
                    }
                    if (personKey == null) {
                        java.math.BigDecimal sum = rs.getBigDecimal(dims.size() + 3);
                        cube.add(
                                at,
                                rs.getLong(dims.size() + 2),
                                sum == null ? 0 : sum.toBigInteger().longValue());
                    } else {
                        cube.addPerson(at, rs.getLong(dims.size() + 2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Aggregate query failed", e);
        }
        return cube;
    }

    private Dimension permitted(
            Caller caller, ReleaseGrant grant, FeedSchema schema, String name, String alias) {
        try {
            return Dimension.resolve(name, schema, grant, alias)
                    .orElseThrow(
                            () ->
                                    deny(
                                            caller,
                                            grant,
                                            "unknown dimension",
                                            PactumException.invalid(
                                                    "A dimension or filter is not one of "
                                                            + schema.code()
                                                            + "'s: use one of "
                                                            + String.join(", ", Dimension.BUILT_IN)
                                                            + " or an attribute field of the feed")));
        } catch (Dimension.NotPermitted e) {
            throw deny(
                    caller,
                    grant,
                    "field " + e.field + " is not permitted as " + name,
                    new PactumException(
                            ReleaseProblems.FIELD_NOT_PERMITTED,
                            e.getMessage(),
                            Map.of("field", e.field, "dimension", name)));
        }
    }

    /** Every crossed variable, filters included, must be crossable when two or more are crossed. */
    private void crossable(Caller caller, ReleaseGrant grant, List<String> requested) {
        List<String> crossable = grant.content().disclosure().crossableDimensions();
        if (requested.size() < 2) {
            return;
        }
        for (String d : requested) {
            if (!crossable.contains(d)) {
                throw deny(
                        caller,
                        grant,
                        "dimension " + d + " may not be crossed",
                        new PactumException(
                                ReleaseProblems.FIELD_NOT_PERMITTED,
                                "The agreement does not let "
                                        + d
                                        + " be crossed with other dimensions (crossable: "
                                        + (crossable.isEmpty()
                                                ? "none"
                                                : String.join(", ", crossable))
                                        + ")",
                                Map.of("dimension", d)));
            }
        }
    }

    /**
     * Restricts to persons who also appear in the linked feed (matching its filters) within the
     * window; returns the column that identifies persons.
     */
    private String link(
            Caller caller,
            FeedSchema schema,
            FeedSchema linked,
            ReleaseGrant other,
            AggregateRequest.Link link,
            StringBuilder where,
            List<Object> args) {
        String key;
        if (hasLinkageKey(schema) && hasLinkageKey(linked)) {
            key = "linkage_key";
        } else if (sharedScheme(schema, linked)) {
            key = "person_id";
        } else {
            throw deny(
                    caller,
                    other,
                    "feeds share no identifier",
                    PactumException.invalid(
                            schema.code()
                                    + " and "
                                    + linked.code()
                                    + " share no identifier or linkage key, so they cannot be linked"));
        }
        StringBuilder inner = new StringBuilder();
        rowSelection("b", linked, other, inner, args);
        where.append(" AND a.")
                .append(key)
                .append(" IS NOT NULL AND EXISTS (SELECT 1 FROM feed_row b WHERE ")
                .append(inner)
                .append(" AND b.")
                .append(key)
                .append(" = a.")
                .append(key)
                .append(
                        " AND coalesce(b.event_date, b.event_month) <= coalesce(a.event_date, a.event_month)")
                .append(
                        " AND coalesce(b.event_date, b.event_month) >= coalesce(a.event_date, a.event_month) - make_interval(months => ?)");
        args.add(link.withinMonths());
        if (link.filters() != null) {
            for (Map.Entry<String, List<String>> f : new TreeMap<>(link.filters()).entrySet()) {
                Dimension d = permitted(caller, other, linked, f.getKey(), "b");
                where.append(" AND coalesce(")
                        .append(d.sql())
                        .append(", '")
                        .append(Categories.NOT_RECORDED)
                        .append("') = ANY (?)");
                args.add(f.getValue().toArray(String[]::new));
            }
        }
        where.append(")");
        return key;
    }

    /** Whether two feeds can be linked: a shared composite linkage key or identifier scheme. */
    static boolean linkable(FeedSchema a, FeedSchema b) {
        return (hasLinkageKey(a) && hasLinkageKey(b)) || sharedScheme(a, b);
    }

    private static boolean hasLinkageKey(FeedSchema s) {
        return s.fields().stream().anyMatch(f -> f.role() == FieldRole.LINKAGE_SURNAME);
    }

    private static boolean sharedScheme(FeedSchema a, FeedSchema b) {
        return a.fields().stream()
                .filter(f -> f.role() == FieldRole.PERSON_IDENTIFIER && f.idScheme() != null)
                .anyMatch(
                        f ->
                                b.fields().stream()
                                        .anyMatch(
                                                g ->
                                                        g.role() == FieldRole.PERSON_IDENTIFIER
                                                                && f.idScheme()
                                                                        .equals(g.idScheme())));
    }

    static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] values) {
                ps.setArray(i + 1, c.createArrayOf("text", values));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private PactumException deny(
            Caller caller, ReleaseGrant grant, String reason, PactumException problem) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied("release.aggregate", "feed:" + grant.feed(), reason)
                        .underAgreement(grant.agreementId(), grant.purpose())
                        .concerning(grant.parties()));
        return problem;
    }
}
