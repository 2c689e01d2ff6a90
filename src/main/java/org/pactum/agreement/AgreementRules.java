package org.pactum.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.Ptables;
import org.pactum.feed.Classification;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.FieldRole;
import org.pactum.partner.OrganisationService;
import org.pactum.partner.OrganisationType;

/**
 * The rules an agreement's content must meet before it can be drafted, each a small named check.
 * Disclosure defaults follow DESIGN.md: an agreement may be stricter, never looser.
 */
@ApplicationScoped
public class AgreementRules {

    public static final int DEFAULT_MINIMUM_CELL_COUNT = 8;
    public static final int DEFAULT_ROUNDING_BASE = 5;

    /**
     * The query budget (issue 20): the subset-sum attack needed about 300 tables and the averaging
     * attack about 66 pairs per cell; 200 tables per recipient and feed a week leaves routine
     * analysis room while keeping either attack to a handful of cells per window.
     */
    public static final int DEFAULT_TABLES_PER_WINDOW = 200;

    public static final int DEFAULT_BUDGET_WINDOW_DAYS = 7;

    @Inject FeedService feeds;

    @Inject OrganisationService organisations;

    /** One broken rule: where, and what to fix. */
    public record Violation(String field, String reason) {}

    public List<Violation> check(AgreementContent c, LocalDate today) {
        List<Violation> out = new ArrayList<>();
        windowIsSane(c, today, out);
        partiesExist(c, out);
        feedsBelongToTheirProviders(c, out);
        fieldRulesNameRealFieldsOfCoveredFeeds(c, out);
        directIdentifiersAreNeverAllowed(c, out);
        generalisationsFitTheirFields(c, out);
        rulesDoWhatTheySay(c, out);
        healthFeedsAreAggregateOnly(c, out);
        disclosureIsNoLooserThanTheDefaults(c, out);
        feedVersionsExistForCoveredFeeds(c, out);
        rowFiltersNameRealDimensionsAndValues(c, out);
        recordRiskNamesRealFields(c, out);
        return out;
    }

    static void windowIsSane(AgreementContent c, LocalDate today, List<Violation> out) {
        if (!c.validFrom().isBefore(c.validTo())) {
            out.add(new Violation("validTo", "must be after validFrom"));
        }
        if (!c.validTo().isAfter(today)) {
            out.add(new Violation("validTo", "must be in the future"));
        }
        if (c.reviewDate().isBefore(c.validFrom()) || c.reviewDate().isAfter(c.validTo())) {
            out.add(new Violation("reviewDate", "must fall within the validity window"));
        }
    }

    void partiesExist(AgreementContent c, List<Violation> out) {
        for (int i = 0; i < c.providers().size(); i++) {
            String org = c.providers().get(i).organisation();
            if (organisations.typeOf(org).isEmpty()) {
                out.add(new Violation("providers[" + i + "].organisation", "no such organisation"));
            }
        }
        for (int i = 0; i < c.recipients().size(); i++) {
            if (organisations.typeOf(c.recipients().get(i)).isEmpty()) {
                out.add(new Violation("recipients[" + i + "]", "no such organisation"));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.providers().size(); i++) {
            if (!seen.add(c.providers().get(i).organisation())) {
                out.add(
                        new Violation(
                                "providers[" + i + "].organisation",
                                "is listed twice; give one entry per provider"));
            }
        }
    }

    void feedsBelongToTheirProviders(AgreementContent c, List<Violation> out) {
        for (int i = 0; i < c.providers().size(); i++) {
            AgreementContent.Provider p = c.providers().get(i);
            Optional<OrganisationType> type = organisations.typeOf(p.organisation());
            for (int j = 0; j < p.feeds().size(); j++) {
                Optional<FeedSchema> feed = feeds.schema(p.feeds().get(j));
                String where = "providers[" + i + "].feeds[" + j + "]";
                if (feed.isEmpty()) {
                    out.add(new Violation(where, "no such feed"));
                } else if (type.isPresent() && feed.get().providerType() != type.get()) {
                    out.add(
                            new Violation(
                                    where,
                                    "this feed is provided by "
                                            + feed.get().providerType()
                                            + " organisations, not "
                                            + type.get()));
                }
            }
        }
    }

    void fieldRulesNameRealFieldsOfCoveredFeeds(AgreementContent c, List<Violation> out) {
        for (Map.Entry<String, Map<String, AgreementContent.FieldRule>> feedRules :
                c.fieldRules().entrySet()) {
            String feed = feedRules.getKey();
            Optional<FeedSchema> schema = feeds.schema(feed);
            if (schema.isEmpty() || !c.covers(feed)) {
                out.add(new Violation("fieldRules." + feed, "is not a feed this agreement covers"));
                continue;
            }
            for (String field : feedRules.getValue().keySet()) {
                if (schema.get().field(field).isEmpty()) {
                    out.add(
                            new Violation(
                                    "fieldRules." + feed + "." + field,
                                    "is not a field of " + feed));
                }
            }
        }
    }

    void directIdentifiersAreNeverAllowed(AgreementContent c, List<Violation> out) {
        eachRule(
                c,
                (feed, field, rule, where) -> {
                    if (field.classification() == Classification.DI
                            && rule.action() == FieldAction.ALLOW) {
                        out.add(
                                new Violation(
                                        where,
                                        "is a direct identifier: it can be PSEUDONYMISE or DROP, never ALLOW"));
                    }
                    if (field.classification() == Classification.DI
                            && rule.action() == FieldAction.PSEUDONYMISE
                            && field.role() != FieldRole.PERSON_IDENTIFIER) {
                        out.add(
                                new Violation(
                                        where,
                                        "only person identifiers can be pseudonymised; DROP this field"));
                    }
                    if (field.role() == FieldRole.FREE_TEXT && rule.action() != FieldAction.DROP) {
                        out.add(
                                new Violation(
                                        where,
                                        "free text is screened and dropped before any release; it can only be DROP"));
                    }
                    if (rule.action() == FieldAction.PSEUDONYMISE
                            && c.releaseLevel() == ReleaseLevel.AGGREGATE) {
                        out.add(
                                new Violation(
                                        where,
                                        "pseudonymised ids are released only at RECORD level"));
                    }
                });
    }

    void generalisationsFitTheirFields(AgreementContent c, List<Violation> out) {
        eachRule(
                c,
                (feed, field, rule, where) -> {
                    if (rule.action() != FieldAction.GENERALISE) {
                        if (rule.to() != null) {
                            out.add(new Violation(where + ".to", "is only for GENERALISE rules"));
                        }
                        return;
                    }
                    if (rule.to() == null) {
                        out.add(
                                new Violation(
                                        where + ".to",
                                        "GENERALISE needs a target: AGE_BAND, MONTH, QUARTER or LOCAL_AUTHORITY"));
                        return;
                    }
                    boolean fits =
                            switch (rule.to()) {
                                case AGE_BAND ->
                                        field.role() == FieldRole.DATE_OF_BIRTH
                                                || field.role() == FieldRole.AGE
                                                || field.role() == FieldRole.AGE_BAND;
                                case MONTH, QUARTER ->
                                        field.role() == FieldRole.EVENT_DATE
                                                || field.role() == FieldRole.EVENT_MONTH;
                                case LOCAL_AUTHORITY ->
                                        field.role() == FieldRole.AREA
                                                || field.role() == FieldRole.LOCAL_AUTHORITY;
                            };
                    if (!fits) {
                        out.add(
                                new Violation(
                                        where + ".to",
                                        rule.to()
                                                + " does not apply to a "
                                                + field.role()
                                                + " field"));
                    }
                });
    }

    /**
     * Every rule must be carried out exactly as written for its field's type and role (issue 11):
     * e.g. sex cannot be PSEUDONYMISE (it would be released raw), a date of birth cannot be ALLOW
     * (only its age band is kept). Reports what the checks above have not already named.
     */
    void rulesDoWhatTheySay(AgreementContent c, List<Violation> out) {
        eachRule(
                c,
                (feed, field, rule, where) -> {
                    boolean named =
                            out.stream()
                                    .anyMatch(
                                            v ->
                                                    v.field().equals(where)
                                                            || v.field().equals(where + ".to"));
                    if (!named) {
                        FieldRuleFit.problem(field, rule)
                                .ifPresent(reason -> out.add(new Violation(where, reason)));
                    }
                });
    }

    void healthFeedsAreAggregateOnly(AgreementContent c, List<Violation> out) {
        if (c.releaseLevel() != ReleaseLevel.RECORD) {
            return;
        }
        for (int i = 0; i < c.providers().size(); i++) {
            for (int j = 0; j < c.providers().get(i).feeds().size(); j++) {
                String feed = c.providers().get(i).feeds().get(j);
                if (feeds.schema(feed).map(FeedSchema::aggregateOnly).orElse(false)) {
                    out.add(
                            new Violation(
                                    "providers[" + i + "].feeds[" + j + "]",
                                    feed
                                            + " is health data: it may be released only as aggregates (PCSC Act 2022 s16(4)), so not under a RECORD agreement"));
                }
            }
        }
    }

    void feedVersionsExistForCoveredFeeds(AgreementContent c, List<Violation> out) {
        if (c.feedVersions() == null) {
            return;
        }
        for (Map.Entry<String, Integer> v : new TreeMap<>(c.feedVersions()).entrySet()) {
            String where = "feedVersions." + v.getKey();
            if (!c.covers(v.getKey())) {
                out.add(new Violation(where, "is not a feed this agreement covers"));
            } else if (feeds.schema(v.getKey(), v.getValue()).isEmpty()) {
                out.add(new Violation(where, "no such version of " + v.getKey()));
            }
        }
    }

    void rowFiltersNameRealDimensionsAndValues(AgreementContent c, List<Violation> out) {
        if (c.rowFilters() == null) {
            return;
        }
        for (Map.Entry<String, Map<String, List<String>>> f :
                new TreeMap<>(c.rowFilters()).entrySet()) {
            Optional<FeedSchema> schema = feeds.schema(f.getKey());
            if (schema.isEmpty() || !c.covers(f.getKey())) {
                out.add(
                        new Violation(
                                "rowFilters." + f.getKey(), "is not a feed this agreement covers"));
                continue;
            }
            out.addAll(RowFilters.check(f.getKey(), schema.get(), f.getValue()));
        }
    }

    void recordRiskNamesRealFields(AgreementContent c, List<Violation> out) {
        RecordRisk risk = c.risk();
        if (risk.quasiIdentifiers() == null) {
            return;
        }
        for (Map.Entry<String, List<String>> q :
                new TreeMap<>(risk.quasiIdentifiers()).entrySet()) {
            Optional<FeedSchema> schema = feeds.schema(q.getKey());
            String where = "recordRisk.quasiIdentifiers." + q.getKey();
            if (schema.isEmpty() || !c.covers(q.getKey())) {
                out.add(new Violation(where, "is not a feed this agreement covers"));
                continue;
            }
            for (int i = 0; i < q.getValue().size(); i++) {
                if (schema.get().field(q.getValue().get(i)).isEmpty()) {
                    out.add(
                            new Violation(
                                    where + "[" + i + "]", "is not a field of " + q.getKey()));
                    continue;
                }
            }
        }
    }

    static void disclosureIsNoLooserThanTheDefaults(AgreementContent c, List<Violation> out) {
        AgreementContent.DisclosureProfile d = c.disclosure();
        if (d.minimumCellCount() < DEFAULT_MINIMUM_CELL_COUNT) {
            out.add(
                    new Violation(
                            "disclosure.minimumCellCount",
                            "must be at least " + DEFAULT_MINIMUM_CELL_COUNT));
        }
        if (d.ptable() != null && !Ptables.exists(d.ptable())) {
            out.add(
                    new Violation(
                            "disclosure.ptable",
                            "must be one of " + String.join(", ", Ptables.NAMES)));
        }
        if (d.maxSparseShare() != null
                && (d.maxSparseShare() < 0
                        || d.maxSparseShare() > DisclosureRules.DEFAULT_MAX_SPARSE_SHARE)) {
            out.add(
                    new Violation(
                            "disclosure.maxSparseShare",
                            "must be between 0 and " + DisclosureRules.DEFAULT_MAX_SPARSE_SHARE));
        }
        if (d.tablesPerWindow() != null && d.tablesPerWindow() > DEFAULT_TABLES_PER_WINDOW) {
            out.add(
                    new Violation(
                            "disclosure.tablesPerWindow",
                            "must be at most " + DEFAULT_TABLES_PER_WINDOW));
        }
        if (d.budgetWindowDays() != null && d.budgetWindowDays() < DEFAULT_BUDGET_WINDOW_DAYS) {
            out.add(
                    new Violation(
                            "disclosure.budgetWindowDays",
                            "must be at least " + DEFAULT_BUDGET_WINDOW_DAYS));
        }
        if (d.roundingBase() < DEFAULT_ROUNDING_BASE
                || d.roundingBase() % DEFAULT_ROUNDING_BASE != 0) {
            out.add(
                    new Violation(
                            "disclosure.roundingBase",
                            "must be a multiple of "
                                    + DEFAULT_ROUNDING_BASE
                                    + " (at least "
                                    + DEFAULT_ROUNDING_BASE
                                    + ")"));
        }
    }

    @FunctionalInterface
    interface RuleCheck {
        void check(String feed, FeedField field, AgreementContent.FieldRule rule, String where);
    }

    private void eachRule(AgreementContent c, RuleCheck check) {
        c.fieldRules()
                .forEach(
                        (feed, rules) ->
                                feeds.schema(feed)
                                        .ifPresent(
                                                schema ->
                                                        rules.forEach(
                                                                (name, rule) ->
                                                                        schema.field(name)
                                                                                .ifPresent(
                                                                                        field ->
                                                                                                check
                                                                                                        .check(
                                                                                                                feed,
                                                                                                                field,
                                                                                                                rule,
                                                                                                                "fieldRules."
                                                                                                                        + feed
                                                                                                                        + "."
                                                                                                                        + name)))));
    }
}
