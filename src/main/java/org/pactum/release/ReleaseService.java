package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.AgreementService;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.audit.AuditLog;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.Ptable;
import org.pactum.disclosure.Ptables;
import org.pactum.disclosure.TableEngine;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.FieldRole;
import org.pactum.feed.Geography;

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
                                ReleaseQuery.countSource(schema, grant, List.of()),
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
}
