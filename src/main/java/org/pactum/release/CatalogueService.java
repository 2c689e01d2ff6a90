package org.pactum.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.AgreementService;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.agreement.ReleaseLevel;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.FieldRole;
import org.pactum.partner.OrganisationService;
import org.pactum.partner.OrganisationView;
import org.pactum.security.Caller;

/**
 * The catalogue of an agreement for the calling analyst: built from the same decisions and rules as
 * a release, so it never offers what a release would refuse. Reading it is audited.
 */
@ApplicationScoped
public class CatalogueService {

    @Inject AgreementService agreements;

    @Inject FeedService feeds;

    @Inject OrganisationService organisations;

    @Inject ReleaseService release;

    @Inject QueryBudget budget;

    @Inject AuditLog audit;

    @Transactional
    public CatalogueView catalogue(Caller caller, String agreementId) {
        Set<String> covered = new LinkedHashSet<>();
        agreements
                .get(caller, agreementId)
                .content()
                .providers()
                .forEach(p -> covered.addAll(p.feeds()));
        Map<String, String> labels = authorityLabels();
        List<CatalogueView.Feed> out = new ArrayList<>();
        Map<String, Map<String, List<String>>> rowFilters = new TreeMap<>();
        ReleaseGrant grant = null;
        for (String feed : covered) {
            grant = agreements.decideRelease(caller, agreementId, feed, ReleaseLevel.AGGREGATE);
            out.add(feed(caller, agreementId, grant, covered, labels));
            rowFilters.put(feed, grant.content().rowFilter(feed));
        }
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed("release.catalogue", "agreement:" + agreementId)
                        .underAgreement(agreementId, grant == null ? null : grant.purpose())
                        .concerning(grant == null ? Set.of() : grant.parties())
                        .with("feeds", List.copyOf(covered))
                        // The rows each feed's releases cover (issue 15), as the analyst saw them.
                        .with("rowFilters", rowFilters));
        return new CatalogueView(agreementId, grant == null ? 0 : grant.version(), out);
    }

    /** One feed's entry: what may be asked of it under the grant, and what is left to ask. */
    private CatalogueView.Feed feed(
            Caller caller,
            String agreementId,
            ReleaseGrant grant,
            Set<String> covered,
            Map<String, String> labels) {
        String feed = grant.feed();
        FeedSchema schema = feeds.schema(feed).orElseThrow();
        AgreementContent.DisclosureProfile profile = grant.content().disclosure();
        DisclosureRules rules = ReleaseService.rules(profile);
        Periods.Range held = release.held(schema, grant);
        List<String> measures = new ArrayList<>(List.of("rows"));
        if (schema.fields().stream().anyMatch(f -> f.role() == FieldRole.PERSON_IDENTIFIER)) {
            measures.add("persons");
        }
        List<CatalogueView.Link> links = new ArrayList<>();
        for (String other : covered) {
            if (!other.equals(feed)
                    && ReleaseService.linkable(schema, feeds.schema(other).orElseThrow())) {
                links.add(new CatalogueView.Link(other, rules.linkedWindows()));
            }
        }
        QueryBudget.Standing standing =
                budget.standing(agreementId, caller.organisation(), feed, profile);
        return new CatalogueView.Feed(
                feed,
                measures,
                dimensions(schema, grant, labels),
                new CatalogueView.Periods(
                        held.first().toString(),
                        held.last().toString(),
                        List.of("YYYY-MM", "YYYY-Qn", "YYYY")),
                links,
                disclosure(rules),
                new CatalogueView.Budget(
                        standing.limit(),
                        standing.drawn(),
                        standing.remaining(),
                        QueryBudget.windowDays(profile),
                        standing.renewsAt().toString()),
                grant.content().rowFilter(feed));
    }

    /**
     * The permitted dimensions with a closed list of values (periods have none). A dimension the
     * agreement's row filter narrows offers only the values the filter keeps (issue 15): the others
     * are outside the agreement's purpose, so a release never shows them.
     */
    private List<CatalogueView.Dimension> dimensions(
            FeedSchema schema, ReleaseGrant grant, Map<String, String> labels) {
        Map<String, List<String>> rowFilter = grant.content().rowFilter(schema.code());
        List<String> crossable = grant.content().disclosure().crossableDimensions();
        List<CatalogueView.Dimension> dims = new ArrayList<>();
        for (String name : names(schema)) {
            Optional<Dimension> d = resolve(name, schema, grant);
            if (d.isEmpty()) {
                continue;
            }
            List<CatalogueView.Value> values = new ArrayList<>();
            if (!ReleaseService.isPeriod(name)) {
                Optional<List<String>> closed = release.categories(schema, d.get());
                if (closed.isEmpty()) {
                    continue; // no closed list of values: neither a dimension nor a filter
                }
                List<String> kept = rowFilter.getOrDefault(name, rowFilter.get(d.get().field()));
                for (String v : closed.get()) {
                    if (kept == null || kept.contains(v)) {
                        values.add(
                                new CatalogueView.Value(
                                        v,
                                        name.equals("localAuthority")
                                                ? labels.getOrDefault(v, v)
                                                : v));
                    }
                }
            }
            dims.add(
                    new CatalogueView.Dimension(
                            name, d.get().field(), crossable.contains(name), values));
        }
        return dims;
    }

    private static CatalogueView.Disclosure disclosure(DisclosureRules rules) {
        return new CatalogueView.Disclosure(
                "cell-key-perturbation",
                rules.ptable().name(),
                rules.threshold(),
                rules.ptable().parameters().maxNoise(),
                rules.ptable().parameters().variance(),
                rules.roundingBase(),
                "<" + rules.threshold(),
                rules.maxVariables(),
                rules.maxCells(),
                rules.maxSparseShare());
    }

    private static List<String> names(FeedSchema schema) {
        List<String> names = new ArrayList<>(Dimension.BUILT_IN);
        for (FeedField f : schema.fields()) {
            if (f.role() == FieldRole.ATTRIBUTE) {
                names.add(
                        camel(
                                f.name().endsWith("_flag")
                                        ? f.name().substring(0, f.name().length() - 5)
                                        : f.name()));
            }
        }
        return names;
    }

    private static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    private static Optional<Dimension> resolve(String name, FeedSchema schema, ReleaseGrant grant) {
        try {
            return Dimension.resolve(name, schema, grant, "a");
        } catch (Dimension.NotPermitted e) {
            return Optional.empty();
        }
    }

    /** ONS code to the name of the organisation whose area it is (councils). */
    private Map<String, String> authorityLabels() {
        Map<String, String> labels = new HashMap<>();
        for (OrganisationView o : organisations.list()) {
            if (o.areas() != null && o.areas().size() == 1) {
                labels.putIfAbsent(o.areas().get(0), o.name());
            }
        }
        return labels;
    }
}
