package org.pactum.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.ReleaseTrail;

/**
 * What a request finds now: who holds the person's rows, the rows the request's organisation
 * provided, and the releases that could have included them (UK GDPR Art 15(1)(c), from the trail).
 */
@ApplicationScoped
public class SubjectFindings {

    @Inject SubjectRequestRepository repository;

    @Inject SubjectRowRepository personRows;

    @Inject PersonFields fields;

    @Inject ReleaseTrail trail;

    SubjectRequestView view(SubjectRequestRepository.StoredRequest stored) {
        List<SubjectRequestRepository.Hit> hits =
                stored.match().isEmpty()
                        ? List.of()
                        : personRows.rows(
                                stored.match(),
                                fields.identifierAttributes(),
                                stored.organisation());
        Map<String, Holder> holders = new TreeMap<>();
        for (SubjectRequestRepository.Hit h : hits) {
            holders.merge(
                    h.row().provider() + "|" + h.row().feed(),
                    new Holder(h.row().provider(), h.row().feed(), 1),
                    (a, b) -> new Holder(a.provider(), a.feed(), a.rows() + 1));
        }
        return new SubjectRequestView(
                stored.id(),
                stored.reference(),
                stored.organisation(),
                stored.createdAt().toString(),
                List.copyOf(holders.values()),
                stored.organisation() == null
                        ? List.of()
                        : hits.stream().map(SubjectRequestRepository.Hit::row).toList(),
                releases(hits),
                repository.holds(stored.id()));
    }

    /**
     * Releases of a row's feed and provider, after its submission was stored, whose period covers
     * the row's month (a release with no period covers every month).
     */
    private List<PossibleRelease> releases(List<SubjectRequestRepository.Hit> hits) {
        Map<String, Instant> earliest = new LinkedHashMap<>();
        for (SubjectRequestRepository.Hit h : hits) {
            earliest.merge(
                    h.row().feed() + "|" + h.row().provider(),
                    h.storedAt(),
                    (a, b) -> a.isBefore(b) ? a : b);
        }
        Map<Long, PossibleRelease> out = new TreeMap<>();
        for (Map.Entry<String, Instant> e : earliest.entrySet()) {
            String[] fp = e.getKey().split("\\|", 2);
            for (ReleaseTrail.Release r : trail.releasesOf(fp[0], fp[1], e.getValue())) {
                boolean covers =
                        hits.stream()
                                .anyMatch(
                                        h ->
                                                h.row().feed().equals(fp[0])
                                                        && h.row().provider().equals(fp[1])
                                                        && !h.storedAt().isAfter(r.time())
                                                        && within(
                                                                h.eventMonth(), r.from(), r.to()));
                if (covers) {
                    out.put(
                            r.seq(),
                            new PossibleRelease(
                                    r.seq(),
                                    r.time().toString(),
                                    r.action().equals("release.records") ? "RECORDS" : "AGGREGATE",
                                    r.agreementId(),
                                    r.recipient(),
                                    r.feed(),
                                    r.from(),
                                    r.to()));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** YYYY-MM strings compare in calendar order. */
    private static boolean within(String month, String from, String to) {
        if (month == null) {
            return true;
        }
        return (from == null || month.compareTo(from) >= 0)
                && (to == null || month.compareTo(to) <= 0);
    }

    static AuditEvent found(
            String action, SubjectRequestRepository.StoredRequest stored, SubjectRequestView view) {
        Set<String> feeds = new TreeSet<>();
        Set<String> providers = new LinkedHashSet<>();
        long rows = 0;
        for (Holder h : view.holders()) {
            feeds.add(h.feed());
            providers.add(h.provider());
            rows += h.rows();
        }
        AuditEvent event =
                AuditEvent.allowed(action, "subject-request:" + stored.id())
                        .with("reference", stored.reference())
                        .with("rowsFound", rows)
                        .with("feeds", List.copyOf(feeds))
                        .with("releasesFound", view.releases().size());
        return stored.organisation() == null
                ? event.concerning(providers)
                : event.concerning(stored.organisation());
    }
}
