package org.pactum.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pactum.agreement.AgreementService;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.ingest.IngestService;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;
import org.pactum.subject.SubjectRequestRepository.ActiveHold;
import org.pactum.subject.SubjectRequestRepository.NewHold;
import org.pactum.subject.SubjectRequestRepository.StoredRequest;
import org.pactum.subject.SubjectRowRepository.Scope;

/**
 * Restriction (Art 18), its lifting, and erasure (Art 17) of the person's rows, by the providing
 * organisation's IG lead only. Each locks the periods it changes against concurrent pushes, records
 * a hold so refreshes keep respecting it, and is audited with the legal basis and the request's
 * reference, concerning every party that received the rows (Art 19).
 */
@ApplicationScoped
public class SubjectActionService {

    static final String RESTRICT = "RESTRICT";
    static final String ERASE = "ERASE";

    @Inject SubjectRequestRepository repository;

    @Inject SubjectRowRepository personRows;

    @Inject SubjectChecks checks;

    @Inject PersonFields fields;

    @Inject IngestService ingest;

    @Inject AgreementService agreements;

    @Inject AuditLog audit;

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
        StoredRequest stored = checks.visible(caller, id, "subject.lift");
        checks.requireProviderIgLead(caller, stored, "subject.lift", target);
        String legalBasis = checks.legalBasis(caller, action, "subject.lift", target, stored);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Parts parts = new Parts();
        for (String[] held : repository.lift(stored.id(), RESTRICT, caller.subject(), now)) {
            Scope scope = new Scope(held[0], held[1], held[2], null);
            parts.add(scope, releaseAgain(stored, scope), concernedWith(scope));
        }
        if (parts.list.isEmpty()) {
            throw checks.refuse(
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
                        .with("rowsReleasedAgain", parts.total)
                        .with("parts", partsDetail(parts.list))
                        .concerning(parts.concerned)
                        .concerning(stored.organisation()));
        return new ActionResult(stored.id(), "LIFT", parts.total, parts.list);
    }

    private ActionResult act(
            Caller caller, String id, SubjectAction action, String kind, String auditAction) {
        String target = "subject-request:" + PactumException.shown(id);
        StoredRequest stored = checks.visible(caller, id, auditAction);
        checks.requireProviderIgLead(caller, stored, auditAction, target);
        String legalBasis = checks.legalBasis(caller, action, auditAction, target, stored);
        String provider = stored.organisation();
        // The (feed, period)s holding the person's rows, each locked against a concurrent push.
        List<String[]> periods =
                personRows.periods(stored.match(), fields.identifierAttributes(), provider);
        if (periods.isEmpty()) {
            throw checks.refuse(
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
        Parts parts = new Parts();
        for (String[] fp : periods) {
            Scope scope = new Scope(provider, fp[0], fp[1], null);
            long rows = change(stored, kind, scope);
            repository.addHold(
                    new NewHold(stored.id(), kind, provider, fp[0], fp[1], legalBasis),
                    caller.subject(),
                    now);
            parts.add(scope, rows, concernedWith(scope));
        }
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed(auditAction, "subject-request:" + stored.id())
                        .with("reference", stored.reference())
                        .with("legalBasis", legalBasis)
                        .with(kind.equals(ERASE) ? "rowsErased" : "rowsRestricted", parts.total)
                        .with("parts", partsDetail(parts.list))
                        .concerning(parts.concerned)
                        .concerning(provider));
        return new ActionResult(stored.id(), kind, parts.total, parts.list);
    }

    /** Erases or restricts the person's rows in one locked period; returns how many changed. */
    private long change(StoredRequest stored, String kind, Scope scope) {
        ingest.lockPeriod(scope.provider(), scope.feed(), scope.period());
        List<String> idAttributes = fields.identifierAttributes();
        try (Connection c = repository.connection()) {
            if (!kind.equals(ERASE)) {
                return personRows.setRestricted(c, true, scope, stored.match(), idAttributes);
            }
            long rows = personRows.delete(c, scope, stored.match(), idAttributes);
            personRows.recount(c, scope.provider(), scope.feed(), scope.period());
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("The rows could not be changed", e);
        }
    }

    /** Releases the person's rows of one locked period again; returns how many were released. */
    private long releaseAgain(StoredRequest stored, Scope scope) {
        ingest.lockPeriod(scope.provider(), scope.feed(), scope.period());
        List<String> idAttributes = fields.identifierAttributes();
        try (Connection c = repository.connection()) {
            long rows = personRows.setRestricted(c, false, scope, stored.match(), idAttributes);
            // Another request's restriction of the same person still holds.
            for (ActiveHold other :
                    repository.activeHolds(c, scope.provider(), scope.feed(), scope.period())) {
                if (other.action().equals(RESTRICT)) {
                    rows -= personRows.setRestricted(c, true, scope, other.match(), idAttributes);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("The restriction could not be lifted", e);
        }
    }

    /** Recipients who received the rows are told through the trail (Art 19). */
    private Set<String> concernedWith(Scope scope) {
        return agreements.concernedWith(scope.provider(), scope.feed());
    }

    /** The parts an action changed, their total, and every organisation concerned. */
    private static final class Parts {
        final List<ActionResult.Part> list = new ArrayList<>();
        final Set<String> concerned = new TreeSet<>();
        long total;

        void add(Scope scope, long rows, Set<String> concernedWith) {
            list.add(new ActionResult.Part(scope.feed(), scope.period(), rows));
            total += rows;
            concerned.addAll(concernedWith);
        }
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
