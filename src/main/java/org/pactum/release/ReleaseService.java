package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.AgreementService;
import org.pactum.agreement.RecordRisk;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.agreement.ReleaseLevel;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.Ptable;
import org.pactum.disclosure.Ptables;
import org.pactum.disclosure.TableEngine;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.FieldRole;
import org.pactum.feed.Geography;
import org.pactum.problem.PactumException;
import org.pactum.pseudonym.KeyRing;
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

    @Inject KeyRing keys;

    @Inject Geography geography;

    @Inject QueryBudget budget;

    @Inject ReleaseHistoryStore history;

    @Inject ReleaseDenials denials;

    // ----- shared by aggregates, the catalogue and record extracts --------------------------

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
     * The rows of a feed an agreement may see, as SQL appended to {@code where} (for record
     * extracts; aggregates build a {@link ReleaseQuery}).
     */
    void rowSelection(
            String alias,
            FeedSchema schema,
            ReleaseGrant grant,
            StringBuilder where,
            List<Object> args) {
        ReleaseQuery q = ReleaseQuery.under(ReleaseQuery.Source.ROWS, alias, schema, grant);
        where.append(where.length() == 0 ? "" : " AND ").append(q.predicates());
        args.addAll(q.args());
    }

    /** The months of data held for a feed under the agreement (the current month if none). */
    Periods.Range held(FeedSchema schema, ReleaseGrant grant) {
        ReleaseQuery q =
                ReleaseQuery.under(
                                ReleaseQuery.cubeAnswers(schema, grant, List.of())
                                        ? ReleaseQuery.Source.CUBE
                                        : ReleaseQuery.Source.ROWS,
                                "a",
                                schema,
                                grant)
                        .measure("min(a.event_month)")
                        .measure("max(a.event_month)");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = q.prepare(c)) {
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

    /** The categories of a dimension, if it has a closed list of values. */
    java.util.Optional<List<String>> categories(FeedSchema schema, Dimension d) {
        return denials.categories(schema, d);
    }

    /** Restricts a record extract to event months {@code from}..{@code to} (YYYY-MM, inclusive). */
    private static void period(String from, String to, StringBuilder where, List<Object> args) {
        if (from != null) {
            where.append(" AND a.event_month >= ?");
            args.add(Date.valueOf(YearMonth.parse(from).atDay(1)));
        }
        if (to != null) {
            where.append(" AND a.event_month <= ?");
            args.add(Date.valueOf(YearMonth.parse(to).atDay(1)));
        }
    }

    /** Whether two feeds can be linked: a shared composite linkage key or identifier scheme. */
    static boolean linkable(FeedSchema a, FeedSchema b) {
        return (hasLinkageKey(a) && hasLinkageKey(b)) || sharedScheme(a, b);
    }

    static boolean hasLinkageKey(FeedSchema s) {
        return s.fields().stream().anyMatch(f -> f.role() == FieldRole.LINKAGE_SURNAME);
    }

    static boolean sharedScheme(FeedSchema a, FeedSchema b) {
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
        ReleaseQuery.bind(c, ps, args);
    }

    // ----- record extracts -------------------------------------------------------------------

    /**
     * Opens a record extract: decides, counts the rows in a repeatable-read snapshot, commits the
     * audit entry, and only then returns the stream that reads the same snapshot.
     */
    /** Opens a record extract; every request, released or refused, is counted and timed. */
    public RecordStream records(
            Caller caller, String agreementId, String feed, String from, String to) {
        long started = System.nanoTime();
        try {
            RecordStream stream = recordsUnmeasured(caller, agreementId, feed, from, to);
            metrics.released(
                    ReleaseMetrics.Kind.RECORDS,
                    java.time.Duration.ofNanos(System.nanoTime() - started),
                    0,
                    0);
            return stream;
        } catch (RuntimeException e) {
            metrics.refused(
                    ReleaseMetrics.Kind.RECORDS,
                    java.time.Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }

    private RecordStream recordsUnmeasured(
            Caller caller, String agreementId, String feed, String from, String to) {
        if (from != null && !from.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw PactumException.invalidParameter("from", "must be a month as YYYY-MM");
        }
        if (to != null && !to.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw PactumException.invalidParameter("to", "must be a month as YYYY-MM");
        }
        ReleaseGrant grant =
                agreements.decideRelease(caller, agreementId, feed, ReleaseLevel.RECORD);
        FeedSchema schema = feeds.schema(feed).orElseThrow();
        List<RecordColumns.Column> columns = RecordColumns.permitted(schema, grant);
        Map<String, List<String>> rowFilter = grant.content().rowFilter(feed);
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        rowSelection("a", schema, grant, where, args);
        period(from, to, where, args);
        RecordRisk risk = grant.content().risk();
        List<Integer> quasi = new ArrayList<>();
        List<Integer> sensitive = new ArrayList<>();
        RecordColumns.classify(schema, columns, risk.quasiIdentifiers(feed), quasi, sensitive);
        Connection snapshot = null;
        try {
            snapshot = dataSource.getConnection();
            snapshot.setAutoCommit(false);
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshot.setReadOnly(true);
            RecordRiskControl.Plan plan;
            try (java.sql.Statement settings = snapshot.createStatement()) {
                // The equivalence classes are far fewer than the planner guesses: hash them, in
                // memory, rather than sort the extract (this transaction only).
                settings.execute("SET LOCAL work_mem = '64MB'");
                settings.execute("SET LOCAL enable_sort = off");
                plan =
                        RecordRiskControl.plan(
                                snapshot, columns, quasi, sensitive, risk, where.toString(), args);
                settings.execute("SET LOCAL enable_sort = on");
            }
            AuditEvent outcome =
                    plan.suppressedShare() > risk.maxSuppressedShare()
                            ? AuditEvent.denied(
                                    "release.records",
                                    "feed:" + feed,
                                    "record risk: "
                                            + plan.valuesSuppressed()
                                            + " quasi-identifier values would need suppressing, over recordRisk.maxSuppressedShare "
                                            + risk.maxSuppressedShare())
                            : AuditEvent.allowed("release.records", "feed:" + feed);
            QuarkusTransaction.requiringNew()
                    .run(
                            () ->
                                    audit.append(
                                            Actor.of(caller),
                                            outcome.underAgreement(agreementId, grant.purpose())
                                                    .concerning(grant.parties())
                                                    .with("agreementVersion", grant.version())
                                                    .with("feed", feed)
                                                    .with("from", from)
                                                    .with("to", to)
                                                    .with("rowFilter", rowFilter)
                                                    .with(
                                                            "fields",
                                                            columns.stream()
                                                                    .map(RecordColumns.Column::name)
                                                                    .toList())
                                                    .with(
                                                            "quasiIdentifiers",
                                                            quasi.stream()
                                                                    .map(i -> columns.get(i).name())
                                                                    .toList())
                                                    .with("k", plan.k())
                                                    .with("l", plan.l())
                                                    .with("kAchieved", plan.kAchieved())
                                                    .with("generalised", plan.generalised())
                                                    .with(
                                                            "valuesSuppressed",
                                                            plan.valuesSuppressed())
                                                    .with("recordsWithheld", plan.withheld())
                                                    .with("rowsReleased", plan.released())));
            if (plan.suppressedShare() > risk.maxSuppressedShare()) {
                throw new PactumException(
                        ReleaseProblems.RECORD_RISK_TOO_HIGH,
                        "Releasing these records would need "
                                + plan.valuesSuppressed()
                                + " of "
                                + plan.records() * quasi.size()
                                + " quasi-identifier values suppressed, more than the agreement's"
                                + " recordRisk.maxSuppressedShare ("
                                + risk.maxSuppressedShare()
                                + ") allows. Ask for fewer months (from, to), or ask the parties to"
                                + " allow more recordRisk.generalisations.",
                        Map.of(
                                "setting",
                                "recordRisk.maxSuppressedShare",
                                "k",
                                plan.k(),
                                "valuesSuppressed",
                                plan.valuesSuppressed()));
            }
            List<Object> streamArgs = new ArrayList<>(args);
            streamArgs.addAll(args); // the classes, then the rows
            RecordStream stream =
                    new RecordStream(
                            snapshot,
                            columns,
                            RecordRiskControl.select(columns, plan, where.toString()),
                            streamArgs,
                            keys.agreementKey(agreementId),
                            plan);
            snapshot = null; // the stream owns it now
            return stream;
        } catch (SQLException e) {
            throw new IllegalStateException("Record extract failed", e);
        } finally {
            if (snapshot != null) {
                RecordStream.closeQuietly(snapshot);
            }
        }
    }
}
