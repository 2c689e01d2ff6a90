package org.pactum.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the agreements under which data was provided say about keeping it: for how long, and whom it
 * concerns (every party to such an agreement is told of what happens to the data).
 */
@ApplicationScoped
public class AgreementRetention {

    @Inject AgreementRepository agreements;

    @Inject AgreementStore store;

    /**
     * The organisations party to any agreement (live or not) that covers {@code org} providing
     * {@code feed}.
     */
    public Set<String> concernedWith(String org, String feed) {
        Set<String> out = new TreeSet<>();
        out.add(org);
        providing(org, feed).values().forEach(c -> out.addAll(c.parties()));
        return out;
    }

    /**
     * How long data {@code org} provides as {@code feed} may be kept: the longest retention of any
     * agreement (ever approved, so not a DRAFT) under which it was provided, with those agreements'
     * parties. Empty when no agreement governs it.
     */
    public Optional<AgreementService.Retention> retention(String org, String feed) {
        int months = 0;
        Set<String> parties = new TreeSet<>();
        for (Map.Entry<Agreement, AgreementContent> e : providing(org, feed).entrySet()) {
            if (e.getKey().status != AgreementStatus.DRAFT) {
                months = Math.max(months, e.getValue().retentionMonths());
                parties.addAll(e.getValue().parties());
            }
        }
        return months == 0
                ? Optional.empty()
                : Optional.of(new AgreementService.Retention(months, parties));
    }

    /**
     * Every agreement (any status) under which {@code org} provides {@code feed}, with its current
     * content.
     */
    private Map<Agreement, AgreementContent> providing(String org, String feed) {
        Map<Agreement, AgreementContent> out = new LinkedHashMap<>();
        for (Agreement a : agreements.visible(org, false, null, false, AgreementDates.today())) {
            AgreementContent c = store.currentContent(a);
            if (c.provides(org, feed)) {
                out.put(a, c);
            }
        }
        return out;
    }
}
