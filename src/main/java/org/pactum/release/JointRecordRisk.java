package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.JointRiskCheck;
import org.pactum.agreement.RecordRisk;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;

/**
 * The joint risk check of two RECORD agreements for one recipient: the records both would release
 * (the providers they share, within both row filters), on the union of the quasi-identifiers each
 * releases, as released (no further generalisation), under the stricter k, l and suppression share.
 * A record an intruder could link across the two extracts is one whose combined quasi-identifiers
 * single it out; if hiding those would cost more than the share allows, the pair is refused.
 */
@ApplicationScoped
public class JointRecordRisk implements JointRiskCheck {

    @Inject AgroalDataSource dataSource;

    @Inject FeedService feeds;

    @Override
    public Result check(
            String feed,
            String id,
            AgreementContent content,
            String otherId,
            AgreementContent other) {
        FeedSchema schema = feeds.schema(feed).orElseThrow();
        List<RecordColumns.Column> columns =
                unionOfColumns(schema, feed, id, content, otherId, other);
        RecordRisk mine = content.risk();
        RecordRisk theirs = other.risk();
        List<String> added = new ArrayList<>(mine.quasiIdentifiers(feed));
        added.addAll(theirs.quasiIdentifiers(feed));
        List<Integer> quasi = new ArrayList<>();
        List<Integer> sensitive = new ArrayList<>();
        RecordColumns.classify(schema, columns, added, quasi, sensitive);
        RecordRisk joint =
                new RecordRisk(
                        Math.max(mine.k(), theirs.k()),
                        Math.max(mine.l(), theirs.l()),
                        Math.min(mine.maxSuppressedShare(), theirs.maxSuppressedShare()),
                        Map.of(),
                        List.of(),
                        List.of());
        Set<String> providers = new TreeSet<>(content.providersOf(feed));
        providers.retainAll(other.providersOf(feed));
        StringBuilder where = new StringBuilder("a.feed = ? AND a.provider = ANY (?)");
        List<Object> args = new ArrayList<>(List.of(feed, providers.toArray(String[]::new)));
        RowScope.restrict(content.rowFilter(feed), schema, "a", where, args);
        RowScope.restrict(other.rowFilter(feed), schema, "a", where, args);
        try (Connection c = dataSource.getConnection()) {
            RecordRiskControl.Plan plan =
                    planRolledBack(c, columns, quasi, sensitive, joint, where.toString(), args);
            return new Result(
                    plan.suppressedShare() <= joint.maxSuppressedShare(),
                    joint.k(),
                    plan.kAchieved(),
                    plan.records(),
                    plan.valuesSuppressed(),
                    plan.suppressedShare(),
                    quasi.stream().map(i -> columns.get(i).name()).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("Joint risk check failed", e);
        }
    }

    /**
     * The risk control's planner settings are SET LOCAL: outside the caller's transaction (if any),
     * a transaction of its own, rolled back, keeps them out of the pool.
     */
    private static RecordRiskControl.Plan planRolledBack(
            Connection c,
            List<RecordColumns.Column> columns,
            List<Integer> quasi,
            List<Integer> sensitive,
            RecordRisk joint,
            String where,
            List<Object> args)
            throws SQLException {
        boolean own = c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
        }
        try {
            return RecordRiskControl.plan(c, columns, quasi, sensitive, joint, where, args);
        } finally {
            if (own) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** The columns either agreement releases, each once, in the first one's order. */
    private static List<RecordColumns.Column> unionOfColumns(
            FeedSchema schema,
            String feed,
            String id,
            AgreementContent content,
            String otherId,
            AgreementContent other) {
        List<RecordColumns.Column> columns =
                new ArrayList<>(RecordColumns.permitted(schema, grant(id, content, feed)));
        Set<String> names = new LinkedHashSet<>();
        columns.forEach(c -> names.add(c.name()));
        for (RecordColumns.Column c :
                RecordColumns.permitted(schema, grant(otherId, other, feed))) {
            if (names.add(c.name())) {
                columns.add(c);
            }
        }
        return columns;
    }

    private static ReleaseGrant grant(String id, AgreementContent content, String feed) {
        return new ReleaseGrant(
                id, 0, "", content, feed, content.parties(), content.providersOf(feed));
    }
}
