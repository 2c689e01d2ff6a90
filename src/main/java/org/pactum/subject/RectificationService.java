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

/**
 * Rectification (UK GDPR Art 16) by the providing organisation's IG lead: a small correction
 * submission through the door replaces the person's rows of one feed and period.
 */
@ApplicationScoped
public class RectificationService {

    @Inject SubjectRequestRepository repository;

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
        SubjectRequestRepository.StoredRequest stored =
                checks.visible(caller, id, "subject.rectify");
        checks.requireProviderIgLead(caller, stored, "subject.rectify", target);
        String legalBasis = checks.legalBasis(caller, action, "subject.rectify", target, stored);
        String provider = stored.organisation();
        List<SubjectRequestRepository.ActiveHold> holds =
                feed == null || period == null
                        ? List.of()
                        : repository.activeHolds(provider, feed, period);
        if (holds.stream()
                .anyMatch(
                        h ->
                                h.action().equals(SubjectActionService.ERASE)
                                        && h.requestId().equals(stored.id()))) {
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
        List<String> idAttributes = fields.identifierAttributes();
        CorrectionWriter.Appended appended;
        try {
            appended = corrections.append(caller, feed, period, mediaType, body);
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
                throw checks.refuse(
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
                if (hold.action().equals(SubjectActionService.RESTRICT)) {
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
}
