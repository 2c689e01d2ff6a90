package org.pactum.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.TableEngine;
import org.pactum.feed.FeedSchema;
import org.pactum.security.Caller;

/**
 * One aggregate request as the query rules have checked it: who asks, under which grant, the
 * variables and their categories, the link, the period and the table's shape; and the rules applied
 * so far, in order.
 */
final class AggregatePlan {

    final Caller caller;
    final String agreementId;
    final AggregateRequest req;
    final ReleaseGrant grant;
    final FeedSchema schema;
    final DisclosureRules rules;
    final Map<String, List<String>> filters;
    final Map<String, List<String>> linkFilters;
    final List<String> rulesApplied = new ArrayList<>();

    /** The non-period variables (dimensions, then filters) and their dimensions, in order. */
    final List<TableEngine.Variable> variables = new ArrayList<>();

    final List<Dimension> variableDims = new ArrayList<>();

    ReleaseGrant linkGrant;
    FeedSchema linked;
    Periods.Range range;
    List<String> axis;
    TableEngine.Spec spec;

    AggregatePlan(
            Caller caller,
            String agreementId,
            AggregateRequest req,
            ReleaseGrant grant,
            FeedSchema schema,
            DisclosureRules rules,
            Map<String, List<String>> filters,
            Map<String, List<String>> linkFilters) {
        this.caller = caller;
        this.agreementId = agreementId;
        this.req = req;
        this.grant = grant;
        this.schema = schema;
        this.rules = rules;
        this.filters = filters;
        this.linkFilters = linkFilters;
    }

    /** Every crossed variable: dimensions, filters and the linked feed's filters. */
    List<String> crossed() {
        List<String> crossed = new ArrayList<>(req.dimensions());
        crossed.addAll(filters.keySet());
        crossed.addAll(linkFilters.keySet());
        return crossed;
    }
}
