package org.pactum.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.pactum.agreement.AgreementService;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.audit.ReleaseTrail;
import org.pactum.ingest.CorrectionWriter;
import org.pactum.ingest.IngestService;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;
import org.pactum.security.Roles;

/**
 * Data subject requests (UK GDPR Articles 15 to 18; ICO Data Sharing Code: parties must be able to
 * answer within a month). An IG lead finds a person's rows their organisation provided, with the
 * releases that could have included them, and restricts or erases them; an administrator may find
 * across providers but not act (separation of duties). Each method checks, acts and records, in one
 * transaction; no identifier, and no pseudonym, reaches an audit entry.
 */
@ApplicationScoped
public class SubjectRequestService {

    static final String RESTRICT = "RESTRICT";
    static final String ERASE = "ERASE";

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,63}");
    private static final Pattern LEGAL_BASIS =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ().,;:/'&-]{2,199}");

    @Inject SubjectRequestRepository repository;

    @Inject SubjectPseudonyms pseudonyms;

    @Inject PersonFields fields;

    @Inject ReleaseTrail trail;

    @Inject IngestService ingest;

    @Inject CorrectionWriter corrections;

    @Inject AgreementService agreements;

    @Inject AuditLog audit;

    // ----- find ----------------------------------------------------------------------------

    /**
     * Files a request and finds the person's rows. An IG lead's request sees only rows their
     * organisation provided, so a person held only by another provider and a person held by nobody
     * give the same answer (no probing).
     */
    @Transactional
    public SubjectRequestView create(Caller caller, NewSubjectRequest request) {
        String scope = scope(caller, "subject.find", "subject-request:new");
        List<Map<String, String>> errors = new ArrayList<>();
        String reference = request == null ? null : request.reference();
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            errors.add(
                    error(
                            "reference",
                            "is required: 1-64 letters, digits or . _ / : - (your own reference for the request)"));
        }
        SubjectMatch match =
                pseudonyms.of(
                        request == null ? null : request.identifiers(), caller, scope, errors);
        if (!errors.isEmpty()) {
            throw invalid(caller, "subject.find", "subject-request:new", errors);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String id = "sr-" + UUID.randomUUID();
        SubjectRequestRepository.StoredRequest stored =
                new SubjectRequestRepository.StoredRequest(
                        id, reference, scope, caller.subject(), now, match);
        repository.insert(stored);
        SubjectRequestView view = view(stored);
        audit.append(
                Actor.of(caller),
                found("subject.find", stored, view)
                        .with("identifiers", pseudonyms.kinds(request.identifiers())));
        return view;
    }

    /** The request and what Pactum holds now. */
    @Transactional
    public SubjectRequestView get(Caller caller, String id) {
        SubjectRequestRepository.StoredRequest stored = visible(caller, id, "subject.read");
        SubjectRequestView view = view(stored);
        audit.append(Actor.of(caller), found("subject.read", stored, view));
        return view;
    }

    /** The findings for the requester, audited as an export (Art 15(3): a copy of the data). */
    @Transactional
    public SubjectRequestView export(Caller caller, String id, String format) {
        SubjectRequestRepository.StoredRequest stored = visible(caller, id, "subject.export");
        if (!"json".equals(format) && !"csv".equals(format)) {
            throw refuse(
                    caller,
                    "subject.export",
                    "subject-request:" + stored.id(),
                    stored,
                    "format not json or csv",
                    new PactumException(
                            org.pactum.problem.ProblemType.INVALID_REQUEST,
                            "format must be json or csv",
                            Map.of("errors", List.of(error("format", "must be json or csv")))));
        }
        SubjectRequestView view = view(stored);
        audit.append(
                Actor.of(caller), found("subject.export", stored, view).with("format", format));
        return view;
    }

    // ----- act -----------------------------------------------------------------------------

    /** Restriction (Art 18): the rows stay, but no release selects them, now or after a refresh. */
    @Transactional
    public ActionResult restrict(Caller caller, String id, SubjectAction action) {
        return act(caller, id, action, RESTRICT, "subject.restrict");
    }

    /** Erasure (Art 17): the rows are deleted, and a refresh does not bring them back. */
    @Transactional
    public ActionResult erase(Caller caller, String id, SubjectAction action) {
        return act(caller, id, action, ERASE, "subject.erase");
    }

    /** Lifts the request's restrictions (Art 18(3)): its rows are released again. */
    @Transactional
    public ActionResult lift(Caller caller, String id, SubjectAction action) {
        String target = "subject-request:" + PactumException.shown(id);
        SubjectRequestRepository.StoredRequest stored = visible(caller, id, "subject.lift");
        requireProviderIgLead(caller, stored, "subject.lift", target);
        String legalBasis = legalBasis(caller, action, "subject.lift", target, stored);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> idAttributes = fields.identifierAttributes();
        List<ActionResult.Part> parts = new ArrayList<>();
        long total = 0;
        Set<String> concerned = new TreeSet<>();
        for (String[] held : repository.lift(stored.id(), RESTRICT, caller.subject(), now)) {
            String provider = held[0];
            String feed = held[1];
            String period = held[2];
            ingest.lockPeriod(provider, feed, period);
            long rows;
            try (Connection c = repository.connection()) {
                rows =
                        repository.setRestricted(
                                c,
                                false,
                                provider,
                                feed,
                                period,
                                null,
                                stored.match(),
                                idAttributes);
                // Another request's restriction of the same person still holds.
                for (SubjectRequestRepository.ActiveHold other :
                        repository.activeHolds(c, provider, feed, period)) {
                    if (other.action().equals(RESTRICT)) {
                        rows -=
                                repository.setRestricted(
                                        c,
                                        true,
                                        provider,
                                        feed,
                                        period,
                                        null,
                                        other.match(),
                                        idAttributes);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("The restriction could not be lifted", e);
            }
            parts.add(new ActionResult.Part(feed, period, rows));
            total += rows;
            concerned.addAll(agreements.concernedWith(provider, feed));
        }
        if (parts.isEmpty()) {
            throw refuse(
                    caller,
                    "subject.lift",
                    target,
                    stored,
                    "the request has no active restriction",
                    PactumException.conflict("The request has no active restriction to lift"));
        }
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed("subject.lift", "subject-request:" + stored.id())
                        .with("reference", stored.reference())
                        .with("legalBasis", legalBasis)
                        .with("rowsReleasedAgain", total)
                        .with("parts", partsDetail(parts))
                        .concerning(concerned)
                        .concerning(stored.organisation()));
        return new ActionResult(stored.id(), "LIFT", total, parts);
    }

    /**
     * Rectification (Art 16): the provider's corrected rows for the person replace their rows of
     * the feed and period, through a small correction submission. Every corrected row must be about
     * the person; an active restriction covers the corrected rows too; an erased period takes none.
     */
    @Transactional
    public ActionResult rectify(
            Caller caller,
            String id,
            String feed,
            String period,
            SubjectAction action,
            String mediaType,
            InputStream body) {
        String target = "subject-request:" + PactumException.shown(id);
        SubjectRequestRepository.StoredRequest stored = visible(caller, id, "subject.rectify");
        requireProviderIgLead(caller, stored, "subject.rectify", target);
        String legalBasis = legalBasis(caller, action, "subject.rectify", target, stored);
        String provider = stored.organisation();
        List<SubjectRequestRepository.ActiveHold> holds =
                feed == null || period == null
                        ? List.of()
                        : repository.activeHolds(provider, feed, period);
        if (holds.stream()
                .anyMatch(h -> h.action().equals(ERASE) && h.requestId().equals(stored.id()))) {
            throw refuse(
                    caller,
                    "subject.rectify",
                    target,
                    stored,
                    "the person's rows of the period were erased",
                    PactumException.conflict(
                            "The person's rows of this feed and period were erased under this request; "
                                    + "there is nothing to correct"));
        }
        if (feed == null || period == null) {
            throw refuse(
                    caller,
                    "subject.rectify",
                    target,
                    stored,
                    "feed or period missing",
                    PactumException.invalid(
                            "Give the feed and period of the rows to correct: ?feed=...&period=..."));
        }
        List<String> idAttributes = fields.identifierAttributes();
        CorrectionWriter.Appended appended;
        try {
            appended = corrections.append(caller, feed, period, mediaType, body);
        } catch (PactumException refused) {
            // The door refused the correction (invalid rows, no current submission, too large).
            throw refuse(
                    caller,
                    "subject.rectify",
                    target,
                    stored,
                    "correction refused: " + refused.problemType().slug(),
                    refused);
        }
        long replaced;
        long restricted = 0;
        try (Connection c = repository.connection()) {
            if (repository.countNotMatching(
                            c,
                            appended.submissionId(),
                            appended.firstLine(),
                            stored.match(),
                            idAttributes)
                    > 0) {
                throw refuse(
                        caller,
                        "subject.rectify",
                        target,
                        stored,
                        "a corrected row is not about the request's person",
                        new PactumException(
                                SubjectProblems.NOT_THE_PERSON,
                                "Every corrected row must carry the person's identifiers as the request gave them; "
                                        + "nothing was changed"));
            }
            replaced =
                    repository.deleteBefore(
                            c,
                            appended.submissionId(),
                            appended.firstLine(),
                            stored.match(),
                            idAttributes);
            repository.recount(c, provider, feed, period);
            for (SubjectRequestRepository.ActiveHold hold : holds) {
                if (hold.action().equals(RESTRICT)) {
                    restricted +=
                            repository.setRestricted(
                                    c,
                                    true,
                                    provider,
                                    feed,
                                    period,
                                    appended.submissionId(),
                                    hold.match(),
                                    idAttributes);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The correction could not be applied", e);
        }
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed("subject.rectify", "subject-request:" + stored.id())
                        .with("reference", stored.reference())
                        .with("legalBasis", legalBasis)
                        .with("feed", feed)
                        .with("period", period)
                        .with("submission", appended.submissionId())
                        .with("rowsReplaced", replaced)
                        .with("rowsAdded", appended.rows())
                        .with("rowsRestricted", restricted)
                        .concerning(agreements.concernedWith(provider, feed))
                        .concerning(provider));
        return new ActionResult(
                stored.id(),
                "RECTIFY",
                appended.rows(),
                List.of(new ActionResult.Part(feed, period, appended.rows())));
    }

    private ActionResult act(
            Caller caller, String id, SubjectAction action, String kind, String auditAction) {
        String target = "subject-request:" + PactumException.shown(id);
        SubjectRequestRepository.StoredRequest stored = visible(caller, id, auditAction);
        requireProviderIgLead(caller, stored, auditAction, target);
        String legalBasis = legalBasis(caller, action, auditAction, target, stored);
        String provider = stored.organisation();
        List<String> idAttributes = fields.identifierAttributes();
        // The (feed, period)s holding the person's rows, each locked against a concurrent push.
        List<String[]> periods = repository.periods(stored.match(), idAttributes, provider);
        if (periods.isEmpty()) {
            throw refuse(
                    caller,
                    auditAction,
                    target,
                    stored,
                    "the request finds no rows of the organisation",
                    PactumException.conflict(
                            "The request finds no rows your organisation provided, so there is nothing to "
                                    + (kind.equals(ERASE) ? "erase" : "restrict")));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<ActionResult.Part> parts = new ArrayList<>();
        long total = 0;
        Set<String> concerned = new TreeSet<>();
        for (String[] fp : periods) {
            ingest.lockPeriod(provider, fp[0], fp[1]);
            long rows;
            try (Connection c = repository.connection()) {
                rows =
                        kind.equals(ERASE)
                                ? repository.delete(
                                        c,
                                        provider,
                                        fp[0],
                                        fp[1],
                                        null,
                                        stored.match(),
                                        idAttributes)
                                : repository.setRestricted(
                                        c,
                                        true,
                                        provider,
                                        fp[0],
                                        fp[1],
                                        null,
                                        stored.match(),
                                        idAttributes);
                if (kind.equals(ERASE)) {
                    repository.recount(c, provider, fp[0], fp[1]);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("The rows could not be changed", e);
            }
            repository.addHold(
                    stored.id(), kind, provider, fp[0], fp[1], legalBasis, caller.subject(), now);
            parts.add(new ActionResult.Part(fp[0], fp[1], rows));
            total += rows;
            // Recipients who received the rows are told through the trail (Art 19).
            concerned.addAll(agreements.concernedWith(provider, fp[0]));
        }
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed(auditAction, "subject-request:" + stored.id())
                        .with("reference", stored.reference())
                        .with("legalBasis", legalBasis)
                        .with(kind.equals(ERASE) ? "rowsErased" : "rowsRestricted", total)
                        .with("parts", partsDetail(parts))
                        .concerning(concerned)
                        .concerning(provider));
        return new ActionResult(stored.id(), kind, total, parts);
    }

    // ----- checks --------------------------------------------------------------------------

    /**
     * Whose rows the caller may see: their organisation's (IG lead), or every provider's (admin,
     * null).
     */
    private String scope(Caller caller, String action, String target) {
        if (caller.hasRole(Roles.IG_LEAD) && caller.organisation() != null) {
            return caller.organisation();
        }
        if (caller.isAdmin()) {
            return null;
        }
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(action, target, "an IG lead's token carries no organisation")
                        .concerning(caller.organisation()));
        throw PactumException.forbidden("Your token carries no organisation");
    }

    /**
     * The request, if the caller may see it: one filed by their organisation (an administrator's by
     * administrators). Absent and not-yours get the same 404, so ids cannot be probed.
     */
    private SubjectRequestRepository.StoredRequest visible(
            Caller caller, String id, String action) {
        String scope = scope(caller, action, "subject-request:" + PactumException.shown(id));
        var found =
                id == null
                        ? java.util.Optional.<SubjectRequestRepository.StoredRequest>empty()
                        : repository.find(id);
        boolean mine =
                found.isPresent()
                        && (scope == null
                                ? found.get().organisation() == null
                                : scope.equals(found.get().organisation()));
        if (!mine) {
            audit.appendAlone(
                    Actor.of(caller),
                    AuditEvent.denied(
                                    action,
                                    "subject-request:" + PactumException.shown(id),
                                    "no such request for this organisation")
                            .concerning(caller.organisation()));
            throw PactumException.notFound("Subject request '" + PactumException.shown(id) + "'");
        }
        return found.get();
    }

    /** Only the providing organisation's IG lead acts on its rows; an administrator never does. */
    private void requireProviderIgLead(
            Caller caller,
            SubjectRequestRepository.StoredRequest stored,
            String action,
            String target) {
        if (stored.organisation() == null || !caller.hasRole(Roles.IG_LEAD)) {
            throw refuse(
                    caller,
                    action,
                    target,
                    stored,
                    "only the providing organisation's IG lead may act on its rows",
                    PactumException.forbidden(
                            "Only the IG lead of the organisation that provided the rows may restrict, erase or "
                                    + "rectify them; that organisation files its own request"));
        }
    }

    private String legalBasis(
            Caller caller,
            SubjectAction action,
            String auditAction,
            String target,
            SubjectRequestRepository.StoredRequest stored) {
        String basis = action == null ? null : action.legalBasis();
        if (basis == null || !LEGAL_BASIS.matcher(basis.strip()).matches()) {
            throw refuse(
                    caller,
                    auditAction,
                    target,
                    stored,
                    "legalBasis missing or not valid",
                    new PactumException(
                            org.pactum.problem.ProblemType.INVALID_REQUEST,
                            "Give the legal basis you act under, e.g. \"UK GDPR Art 18(1)(a)\"",
                            Map.of(
                                    "errors",
                                    List.of(
                                            error(
                                                    "legalBasis",
                                                    "is required: 3-200 letters, digits, spaces or ( ) . , ; : / ' & -")))));
        }
        return basis.strip();
    }

    private PactumException refuse(
            Caller caller,
            String action,
            String target,
            SubjectRequestRepository.StoredRequest stored,
            String reason,
            PactumException problem) {
        AuditEvent event =
                AuditEvent.denied(action, target, reason).concerning(caller.organisation());
        if (stored != null) {
            event = event.with("reference", stored.reference());
        }
        audit.appendAlone(Actor.of(caller), event);
        return problem;
    }

    private PactumException invalid(
            Caller caller, String action, String target, List<Map<String, String>> errors) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(action, target, "invalid request")
                        .with("fields", errors.stream().map(e -> e.get("field")).toList())
                        .concerning(caller.organisation()));
        return new PactumException(
                org.pactum.problem.ProblemType.INVALID_REQUEST,
                errors.get(0).get("field")
                        + " "
                        + errors.get(0).get("reason")
                        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                Map.of("errors", errors));
    }

    static Map<String, String> error(String field, String reason) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("field", field);
        e.put("reason", reason);
        return e;
    }

    // ----- findings ------------------------------------------------------------------------

    private SubjectRequestView view(SubjectRequestRepository.StoredRequest stored) {
        List<SubjectRequestRepository.Hit> hits =
                stored.match().isEmpty()
                        ? List.of()
                        : repository.rows(
                                stored.match(),
                                fields.identifierAttributes(),
                                stored.organisation());
        Map<String, Holder> holders = new java.util.TreeMap<>();
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
        Map<Long, PossibleRelease> out = new java.util.TreeMap<>();
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

    private static AuditEvent found(
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

    private static List<Map<String, Object>> partsDetail(List<ActionResult.Part> parts) {
        return parts.stream()
                .map(
                        p -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("feed", p.feed());
                            m.put("period", p.period());
                            m.put("rows", p.rows());
                            return m;
                        })
                .toList();
    }
}
