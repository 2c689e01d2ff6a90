package org.pactum.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.pactum.agreement.AgreementService;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.ingest.CorrectionWriter;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;
import org.pactum.subject.SubjectRequestRepository.ActiveHold;
import org.pactum.subject.SubjectRequestRepository.StoredRequest;
import org.pactum.subject.SubjectRowRepository.Correction;
import org.pactum.subject.SubjectRowRepository.Scope;

/**
 * Rectification (UK GDPR Art 16) by the providing organisation's IG lead: a small correction
 * submission through the door replaces the person's rows of one feed and period.
 */
@ApplicationScoped
public class RectificationService {

    @Inject SubjectRequestRepository repository;

    @Inject SubjectRowRepository personRows;

    @Inject SubjectChecks checks;

    @Inject PersonFields fields;

    @Inject CorrectionWriter corrections;

    @Inject AgreementService agreements;

    @Inject AuditLog audit;

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
        StoredRequest stored = checks.visible(caller, id, "subject.rectify");
        checks.requireProviderIgLead(caller, stored, "subject.rectify", target);
        String legalBasis = checks.legalBasis(caller, action, "subject.rectify", target, stored);
        String provider = stored.organisation();
        List<ActiveHold> holds =
                feed == null || period == null
                        ? List.of()
                        : repository.activeHolds(provider, feed, period);
        requireNotErased(caller, target, stored, holds);
        if (feed == null || period == null) {
            throw checks.refuse(
                    caller,
                    "subject.rectify",
                    target,
                    stored,
                    "feed or period missing",
                    PactumException.invalid(
                            "Give the feed and period of the rows to correct: ?feed=...&period=..."));
        }
        CorrectionWriter.Appended appended =
                append(caller, target, stored, new Sent(feed, period, mediaType, body));
        Scope scope = new Scope(provider, feed, period, appended.submissionId());
        Applied applied = apply(caller, target, stored, scope, appended, holds);
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed("subject.rectify", "subject-request:" + stored.id())
                        .with("reference", stored.reference())
                        .with("legalBasis", legalBasis)
                        .with("feed", feed)
                        .with("period", period)
                        .with("submission", appended.submissionId())
                        .with("rowsReplaced", applied.replaced())
                        .with("rowsAdded", appended.rows())
                        .with("rowsRestricted", applied.restricted())
                        .concerning(agreements.concernedWith(provider, feed))
                        .concerning(provider));
        return new ActionResult(
                stored.id(),
                "RECTIFY",
                appended.rows(),
                List.of(new ActionResult.Part(feed, period, appended.rows())));
    }

    /** The corrected rows as sent: the feed and period they replace, and the body. */
    private record Sent(String feed, String period, String mediaType, InputStream body) {}

    /** How many of the person's rows the correction replaced, and how many it kept restricted. */
    private record Applied(long replaced, long restricted) {}

    /** An erased period takes no correction under the request that erased it. */
    private void requireNotErased(
            Caller caller, String target, StoredRequest stored, List<ActiveHold> holds) {
        if (holds.stream()
                .noneMatch(
                        h ->
                                h.action().equals(SubjectActionService.ERASE)
                                        && h.requestId().equals(stored.id()))) {
            return;
        }
        throw checks.refuse(
                caller,
                "subject.rectify",
                target,
                stored,
                "the person's rows of the period were erased",
                PactumException.conflict(
                        "The person's rows of this feed and period were erased under this request; "
                                + "there is nothing to correct"));
    }

    /** Appends the corrected rows through the door, which validates them as any push. */
    private CorrectionWriter.Appended append(
            Caller caller, String target, StoredRequest stored, Sent correction) {
        try {
            return corrections.append(
                    caller,
                    correction.feed(),
                    correction.period(),
                    correction.mediaType(),
                    correction.body());
        } catch (PactumException refused) {
            // The door refused the correction (invalid rows, no current submission, too large).
            throw checks.refuse(
                    caller,
                    "subject.rectify",
                    target,
                    stored,
                    "correction refused: " + refused.problemType().slug(),
                    refused);
        }
    }

    /**
     * Replaces the person's earlier rows by the appended ones, which must all be about the person,
     * and keeps the corrected rows restricted where a restriction holds.
     */
    private Applied apply(
            Caller caller,
            String target,
            StoredRequest stored,
            Scope scope,
            CorrectionWriter.Appended appended,
            List<ActiveHold> holds) {
        List<String> idAttributes = fields.identifierAttributes();
        Correction k = new Correction(appended.submissionId(), appended.firstLine());
        try (Connection c = repository.connection()) {
            if (personRows.countNotMatching(c, k, stored.match(), idAttributes) > 0) {
                throw notThePerson(caller, target, stored);
            }
            long replaced = personRows.deleteCorrected(c, k, stored.match(), idAttributes);
            personRows.recount(c, scope.provider(), scope.feed(), scope.period());
            long restricted = 0;
            for (ActiveHold hold : holds) {
                if (hold.action().equals(SubjectActionService.RESTRICT)) {
                    restricted +=
                            personRows.setRestricted(c, true, scope, hold.match(), idAttributes);
                }
            }
            return new Applied(replaced, restricted);
        } catch (SQLException e) {
            throw new IllegalStateException("The correction could not be applied", e);
        }
    }

    private PactumException notThePerson(Caller caller, String target, StoredRequest stored) {
        return checks.refuse(
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
}
