package org.pactum.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditLog;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;

/**
 * Data subject requests (UK GDPR Articles 15 to 18; ICO Data Sharing Code: parties must be able to
 * answer within a month): filing one, reading it and exporting its findings. An IG lead finds the
 * person's rows their organisation provided; an administrator learns only who holds them. Each
 * method checks, acts and records, in one transaction; no identifier, and no pseudonym, reaches an
 * audit entry.
 */
@ApplicationScoped
public class SubjectRequestService {

    @Inject SubjectRequestRepository repository;

    @Inject SubjectPseudonyms pseudonyms;

    @Inject SubjectChecks checks;

    @Inject SubjectFindings findings;

    @Inject AuditLog audit;

    /**
     * Files a request and finds the person's rows. An IG lead's request sees only rows their
     * organisation provided, so a person held only by another provider and a person held by nobody
     * give the same answer (no probing).
     */
    @Transactional
    public SubjectRequestView create(Caller caller, NewSubjectRequest request) {
        String scope = checks.scope(caller, "subject.find", "subject-request:new");
        List<Map<String, String>> errors = new ArrayList<>();
        String reference = request == null ? null : request.reference();
        if (reference == null || !SubjectChecks.REFERENCE.matcher(reference).matches()) {
            errors.add(
                    SubjectChecks.error(
                            "reference",
                            "is required: 1-64 letters, digits or . _ / : - (your own reference for the request)"));
        }
        SubjectMatch match =
                pseudonyms.of(
                        request == null ? null : request.identifiers(), caller, scope, errors);
        if (!errors.isEmpty()) {
            throw checks.invalid(caller, "subject.find", "subject-request:new", errors);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String id = "sr-" + UUID.randomUUID();
        SubjectRequestRepository.StoredRequest stored =
                new SubjectRequestRepository.StoredRequest(
                        id, reference, scope, caller.subject(), now, match);
        repository.insert(stored);
        SubjectRequestView view = findings.view(stored);
        audit.append(
                Actor.of(caller),
                SubjectFindings.found("subject.find", stored, view)
                        .with("identifiers", pseudonyms.kinds(request.identifiers())));
        return view;
    }

    /** The request and what Pactum holds now. */
    @Transactional
    public SubjectRequestView get(Caller caller, String id) {
        SubjectRequestRepository.StoredRequest stored = checks.visible(caller, id, "subject.read");
        SubjectRequestView view = findings.view(stored);
        audit.append(Actor.of(caller), SubjectFindings.found("subject.read", stored, view));
        return view;
    }

    /** The findings for the requester, audited as an export (Art 15(3): a copy of the data). */
    @Transactional
    public SubjectRequestView export(Caller caller, String id, String format) {
        SubjectRequestRepository.StoredRequest stored =
                checks.visible(caller, id, "subject.export");
        if (!"json".equals(format) && !"csv".equals(format)) {
            throw checks.refuse(
                    caller,
                    "subject.export",
                    "subject-request:" + stored.id(),
                    stored,
                    "format not json or csv",
                    new PactumException(
                            ProblemType.INVALID_REQUEST,
                            "format must be json or csv",
                            Map.of(
                                    "errors",
                                    List.of(
                                            SubjectChecks.error(
                                                    "format", "must be json or csv")))));
        }
        SubjectRequestView view = findings.view(stored);
        audit.append(
                Actor.of(caller),
                SubjectFindings.found("subject.export", stored, view).with("format", format));
        return view;
    }
}
