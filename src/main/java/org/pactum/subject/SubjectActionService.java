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
        SubjectRequestRepository.StoredRequest stored = checks.visible(caller, id, "subject.lift");
        checks.requireProviderIgLead(caller, stored, "subject.lift", target);
        String legalBasis = checks.legalBasis(caller, action, "subject.lift", target, stored);
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
                        .with("rowsReleasedAgain", total)
                        .with("parts", partsDetail(parts))
                        .concerning(concerned)
                        .concerning(stored.organisation()));
        return new ActionResult(stored.id(), "LIFT", total, parts);
    }

    private ActionResult act(
            Caller caller, String id, SubjectAction action, String kind, String auditAction) {
        String target = "subject-request:" + PactumException.shown(id);
        SubjectRequestRepository.StoredRequest stored = checks.visible(caller, id, auditAction);
        checks.requireProviderIgLead(caller, stored, auditAction, target);
        String legalBasis = checks.legalBasis(caller, action, auditAction, target, stored);
        String provider = stored.organisation();
        List<String> idAttributes = fields.identifierAttributes();
        // The (feed, period)s holding the person's rows, each locked against a concurrent push.
        List<String[]> periods = repository.periods(stored.match(), idAttributes, provider);
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
