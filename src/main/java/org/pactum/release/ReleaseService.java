package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import org.pactum.disclosure.DisclosureControl;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.Table;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.FieldRole;
import org.pactum.problem.PactumException;
import org.pactum.pseudonym.KeyRing;
import org.pactum.security.Caller;

/**
 * Releases: agreement decision, field rules, SQL (GROUP BY in PostgreSQL), disclosure control, and
 * the audit entry, which commits before any data leaves (no audit, no data).
 */
@ApplicationScoped
public class ReleaseService {

    static final int MAX_GRID = 200_000;

    @Inject AgreementService agreements;

    @Inject FeedService feeds;

    @Inject AuditLog audit;

    @Inject AgroalDataSource dataSource;

    @Inject KeyRing keys;

    // ----- aggregates ------------------------------------------------------------------------

    @Transactional
    public AggregateView aggregates(Caller caller, String agreementId, AggregateRequest req) {
        ReleaseGrant grant =
                agreements.decideRelease(caller, agreementId, req.feed(), ReleaseLevel.AGGREGATE);
        FeedSchema schema = feeds.schema(req.feed()).orElseThrow();
        List<Dimension> dims = new ArrayList<>();
        for (String name : req.dimensions()) {
            if (req.dimensions().indexOf(name) != req.dimensions().lastIndexOf(name)) {
                // Named by position: the name is whatever the caller sent.
                throw PactumException.invalidParameter(
                        "dimensions[" + req.dimensions().lastIndexOf(name) + "]",
                        "repeats an earlier dimension");
            }
            dims.add(permitted(caller, grant, schema, name, "a"));
        }
        crossable(caller, grant, req.dimensions());
        StringBuilder where = new StringBuilder("a.feed = ? AND a.provider = ANY (?)");
        List<Object> args =
                new ArrayList<>(
                        List.of(schema.code(), grant.providersOfFeed().toArray(String[]::new)));
        period(req.from(), req.to(), where, args);
        filters(caller, grant, schema, req.filters(), "a", where, args);
        String measure = "count(*)";
        if (req.linkedTo() != null) {
            measure = link(caller, agreementId, schema, req.linkedTo(), where, args);
        } else if (req.persons()) {
            if (schema.fields().stream().noneMatch(f -> f.role() == FieldRole.PERSON_IDENTIFIER)) {
                throw PactumException.invalid(
                        schema.code()
                                + " carries no person identifier, so persons cannot be counted; use rows");
            }
            measure = "count(DISTINCT a.person_id)";
        }
        Table table = query(dims, measure, where, args);
        long grid = 1;
        for (int i = 0; i < dims.size(); i++) {
            grid *= table.values(i).size() + 1L;
        }
        if (grid > MAX_GRID) {
            throw new PactumException(
                    ReleaseProblems.TABLE_TOO_LARGE,
                    "The table would have "
                            + grid
                            + " cells and totals; the limit is "
                            + MAX_GRID
                            + ". Use fewer dimensions, or filters.");
        }
        AgreementContent.DisclosureProfile profile = grant.content().disclosure();
        DisclosureControl.Released released =
                DisclosureControl.apply(
                        table,
                        new DisclosureRules(profile.minimumCellCount(), profile.roundingBase()),
                        req.includeTotals());
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed("release.aggregate", "feed:" + schema.code())
                        .underAgreement(agreementId, grant.purpose())
                        .concerning(grant.parties())
                        .with("agreementVersion", grant.version())
                        .with("feed", schema.code())
                        .with("dimensions", req.dimensions())
                        .with(
                                "filters",
                                req.filters() == null ? Map.of() : new TreeMap<>(req.filters()))
                        .with("measure", req.persons() ? "persons" : "rows")
                        .with("from", req.from())
                        .with("to", req.to())
                        .with("linkedFeed", req.linkedTo() == null ? null : req.linkedTo().feed())
                        .with(
                                "cellsReleased",
                                released.cells().size()
                                        - released.cellsSuppressedPrimary()
                                        - released.cellsSuppressedSecondary())
                        .with("cellsSuppressedPrimary", released.cellsSuppressedPrimary())
                        .with("cellsSuppressedSecondary", released.cellsSuppressedSecondary())
                        .with("totalsSuppressed", released.totalsSuppressed()));
        return AggregateView.from(agreementId, grant.version(), schema.code(), req, released);
    }

    private Dimension permitted(
            Caller caller, ReleaseGrant grant, FeedSchema schema, String name, String alias) {
        try {
            return Dimension.resolve(name, schema, grant, alias)
                    .orElseThrow(
                            () ->
                                    PactumException.invalid(
                                            "A dimension or filter is not one of "
                                                    + schema.code()
                                                    + "'s: use one of "
                                                    + String.join(", ", Dimension.BUILT_IN)
                                                    + " or an attribute field of the feed"));
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
     * Restricts to event months {@code from}..{@code to} (YYYY-MM, inclusive); either may be null.
     */
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

    private void filters(
            Caller caller,
            ReleaseGrant grant,
            FeedSchema schema,
            Map<String, List<String>> filters,
            String alias,
            StringBuilder where,
            List<Object> args) {
        if (filters == null) {
            return;
        }
        for (Map.Entry<String, List<String>> f : new TreeMap<>(filters).entrySet()) {
            Dimension d = permitted(caller, grant, schema, f.getKey(), alias);
            where.append(" AND ").append(d.sql()).append(" = ANY (?)");
            args.add(f.getValue().toArray(String[]::new));
        }
    }

    /**
     * Restricts to persons who also appear in the linked feed within the window; returns the
     * measure.
     */
    private String link(
            Caller caller,
            String agreementId,
            FeedSchema schema,
            AggregateRequest.Link link,
            StringBuilder where,
            List<Object> args) {
        ReleaseGrant other =
                agreements.decideRelease(caller, agreementId, link.feed(), ReleaseLevel.AGGREGATE);
        FeedSchema linked = feeds.schema(link.feed()).orElseThrow();
        String key;
        if (hasLinkageKey(schema) && hasLinkageKey(linked)) {
            key = "linkage_key";
        } else if (sharedScheme(schema, linked)) {
            key = "person_id";
        } else {
            throw PactumException.invalid(
                    schema.code()
                            + " and "
                            + linked.code()
                            + " share no identifier or linkage key, so they cannot be linked");
        }
        where.append(" AND a.")
                .append(key)
                .append(
                        " IS NOT NULL AND EXISTS (SELECT 1 FROM feed_row b WHERE b.feed = ? AND b.provider = ANY (?)")
                .append(" AND b.")
                .append(key)
                .append(" = a.")
                .append(key)
                .append(
                        " AND coalesce(b.event_date, b.event_month) <= coalesce(a.event_date, a.event_month)")
                .append(
                        " AND coalesce(b.event_date, b.event_month) >= coalesce(a.event_date, a.event_month) - make_interval(months => ?)");
        args.add(linked.code());
        args.add(other.providersOfFeed().toArray(String[]::new));
        args.add(link.withinMonths());
        filters(caller, other, linked, link.filters(), "b", where, args);
        where.append(")");
        return "count(DISTINCT a." + key + ")";
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

    private Table query(
            List<Dimension> dims, String measure, StringBuilder where, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (Dimension d : dims) {
            sql.append(d.sql()).append(", ");
        }
        sql.append(measure).append(" FROM feed_row a WHERE ").append(where);
        if (!dims.isEmpty()) {
            sql.append(" GROUP BY ");
            for (int i = 0; i < dims.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(i + 1);
            }
        }
        Table table = new Table(dims.stream().map(Dimension::name).toList());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> key = new ArrayList<>(dims.size());
                    for (int i = 0; i < dims.size(); i++) {
                        String v = rs.getString(i + 1);
                        key.add(v == null ? "(not recorded)" : v);
                    }
                    table.add(key, rs.getLong(dims.size() + 1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Aggregate query failed", e);
        }
        return table;
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

    // ----- record extracts -------------------------------------------------------------------

    /**
     * Opens a record extract: decides, counts the rows in a repeatable-read snapshot, commits the
     * audit entry, and only then returns the stream that reads the same snapshot.
     */
    public RecordStream records(
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
        StringBuilder where = new StringBuilder("a.feed = ? AND a.provider = ANY (?)");
        List<Object> args =
                new ArrayList<>(
                        List.of(schema.code(), grant.providersOfFeed().toArray(String[]::new)));
        period(from, to, where, args);
        Connection snapshot = null;
        try {
            snapshot = dataSource.getConnection();
            snapshot.setAutoCommit(false);
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshot.setReadOnly(true);
            long rows;
            try (PreparedStatement ps =
                    snapshot.prepareStatement("SELECT count(*) FROM feed_row a WHERE " + where)) {
                bind(snapshot, ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                }
            }
            QuarkusTransaction.requiringNew()
                    .run(
                            () ->
                                    audit.append(
                                            Actor.of(caller),
                                            AuditEvent.allowed("release.records", "feed:" + feed)
                                                    .underAgreement(agreementId, grant.purpose())
                                                    .concerning(grant.parties())
                                                    .with("agreementVersion", grant.version())
                                                    .with("feed", feed)
                                                    .with("from", from)
                                                    .with("to", to)
                                                    .with(
                                                            "fields",
                                                            columns.stream()
                                                                    .map(RecordColumns.Column::name)
                                                                    .toList())
                                                    .with("rowsReleased", rows)));
            RecordStream stream =
                    new RecordStream(
                            snapshot,
                            columns,
                            where.toString(),
                            args,
                            keys.agreementKey(agreementId),
                            rows);
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
