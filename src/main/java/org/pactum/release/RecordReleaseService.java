package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pactum.agreement.AgreementService;
import org.pactum.agreement.RecordRisk;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.agreement.ReleaseLevel;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.platform.Timing;
import org.pactum.problem.PactumException;
import org.pactum.pseudonym.KeyRing;
import org.pactum.security.Caller;

/**
 * Record extracts (issue 15): the agreement decision, the row selection, the risk control computed
 * in SQL over a repeatable-read snapshot, the audit entry committed before the first byte (no
 * audit, no data), and the stream that reads the same snapshot, re-keying person ids per agreement.
 */
@ApplicationScoped
public class RecordReleaseService {

    private static final String MONTH = "\\d{4}-(0[1-9]|1[0-2])";

    @Inject ReleaseMetrics metrics;

    @Inject AgreementService agreements;

    @Inject FeedService feeds;

    @Inject AuditLog audit;

    @Inject AgroalDataSource dataSource;

    @Inject KeyRing keys;

    /** Owns the one row selection every release query obeys. */
    @Inject ReleaseService release;

    /** What one extract releases: its columns, their risk roles, and the rows it selects. */
    private record Extract(
            ReleaseGrant grant,
            String feed,
            String from,
            String to,
            List<RecordColumns.Column> columns,
            List<Integer> quasi,
            List<Integer> sensitive,
            RecordRisk risk,
            String where,
            List<Object> args) {}

    /** Opens a record extract; every request, released or refused, is counted and timed. */
    public RecordStream records(
            Caller caller, String agreementId, String feed, String from, String to) {
        return Timing.timed(
                () -> recordsUnmeasured(caller, agreementId, feed, from, to),
                (stream, took) -> metrics.released(ReleaseMetrics.Kind.RECORDS, took, 0, 0),
                took -> metrics.refused(ReleaseMetrics.Kind.RECORDS, took));
    }

    /**
     * Decides, computes the risk control in a repeatable-read snapshot, commits the audit entry,
     * and only then returns the stream that reads the same snapshot.
     */
    private RecordStream recordsUnmeasured(
            Caller caller, String agreementId, String feed, String from, String to) {
        checkMonth("from", from);
        checkMonth("to", to);
        ReleaseGrant grant =
                agreements.decideRelease(caller, agreementId, feed, ReleaseLevel.RECORD);
        Extract x = extract(grant, feed, from, to);
        Connection snapshot = null;
        try {
            snapshot = snapshot();
            RecordRiskControl.Plan plan = plan(snapshot, x);
            boolean refused = plan.suppressedShare() > x.risk().maxSuppressedShare();
            QuarkusTransaction.requiringNew()
                    .run(() -> audit.append(Actor.of(caller), entry(x, plan, refused)));
            if (refused) {
                throw tooMuchSuppression(x, plan);
            }
            List<Object> streamArgs = new ArrayList<>(x.args());
            streamArgs.addAll(x.args()); // the classes, then the rows
            RecordStream stream =
                    new RecordStream(
                            snapshot,
                            x.columns(),
                            RecordRiskSql.select(x.columns(), plan, x.where()),
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

    private static void checkMonth(String name, String value) {
        if (value != null && !value.matches(MONTH)) {
            throw PactumException.invalidParameter(name, "must be a month as YYYY-MM");
        }
    }

    /** The columns the grant permits, their risk roles, and the rows of the feed and period. */
    private Extract extract(ReleaseGrant grant, String feed, String from, String to) {
        FeedSchema schema = feeds.schema(feed).orElseThrow();
        List<RecordColumns.Column> columns = RecordColumns.permitted(schema, grant);
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        release.rowSelection("a", schema, grant, where, args);
        period(from, to, where, args);
        RecordRisk risk = grant.content().risk();
        List<Integer> quasi = new ArrayList<>();
        List<Integer> sensitive = new ArrayList<>();
        RecordColumns.classify(schema, columns, risk.quasiIdentifiers(feed), quasi, sensitive);
        return new Extract(
                grant, feed, from, to, columns, quasi, sensitive, risk, where.toString(), args);
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

    /** A read-only repeatable-read transaction: the risk control and the stream see one state. */
    private Connection snapshot() throws SQLException {
        Connection snapshot = dataSource.getConnection();
        try {
            snapshot.setAutoCommit(false);
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshot.setReadOnly(true);
            return snapshot;
        } catch (SQLException e) {
            RecordStream.closeQuietly(snapshot);
            throw e;
        }
    }

    private static RecordRiskControl.Plan plan(Connection snapshot, Extract x) throws SQLException {
        return RecordRiskControl.plan(
                snapshot, x.columns(), x.quasi(), x.sensitive(), x.risk(), x.where(), x.args());
    }

    /** The audit entry of a record release, released or refused by the risk control. */
    private static AuditEvent entry(Extract x, RecordRiskControl.Plan plan, boolean refused) {
        ReleaseGrant grant = x.grant();
        AuditEvent outcome =
                refused
                        ? AuditEvent.denied(
                                "release.records",
                                "feed:" + x.feed(),
                                "record risk: "
                                        + plan.valuesSuppressed()
                                        + " quasi-identifier values would need suppressing, over"
                                        + " recordRisk.maxSuppressedShare "
                                        + x.risk().maxSuppressedShare())
                        : AuditEvent.allowed("release.records", "feed:" + x.feed());
        return outcome.underAgreement(grant.agreementId(), grant.purpose())
                .concerning(grant.parties())
                .with("agreementVersion", grant.version())
                .with("feed", x.feed())
                .with("from", x.from())
                .with("to", x.to())
                .with("rowFilter", grant.content().rowFilter(x.feed()))
                .with("fields", x.columns().stream().map(RecordColumns.Column::name).toList())
                .with(
                        "quasiIdentifiers",
                        x.quasi().stream().map(i -> x.columns().get(i).name()).toList())
                .with("k", plan.k())
                .with("l", plan.l())
                .with("kAchieved", plan.kAchieved())
                .with("generalised", plan.generalised())
                .with("valuesSuppressed", plan.valuesSuppressed())
                .with("recordsWithheld", plan.withheld())
                .with("rowsReleased", plan.released());
    }

    private static PactumException tooMuchSuppression(Extract x, RecordRiskControl.Plan plan) {
        return new PactumException(
                ReleaseProblems.RECORD_RISK_TOO_HIGH,
                "Releasing these records would need "
                        + plan.valuesSuppressed()
                        + " of "
                        + plan.records() * x.quasi().size()
                        + " quasi-identifier values suppressed, more than the agreement's"
                        + " recordRisk.maxSuppressedShare ("
                        + x.risk().maxSuppressedShare()
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
}
