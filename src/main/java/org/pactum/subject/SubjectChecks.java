package org.pactum.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;
import org.pactum.security.Roles;

/**
 * The checks every data subject request action makes first, each refusal audited: whose rows the
 * caller may see, whether the request is theirs (absent and not-yours answer alike, so ids cannot
 * be probed), who may act, and the legal basis given.
 */
@ApplicationScoped
public class SubjectChecks {

    static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,63}");
    private static final Pattern LEGAL_BASIS =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ().,;:/'&-]{2,199}");

    @Inject SubjectRequestRepository repository;

    @Inject AuditLog audit;

    /**
     * Whose rows the caller may see: their organisation's (IG lead), or every provider's (admin,
     * null).
     */
    String scope(Caller caller, String action, String target) {
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
    SubjectRequestRepository.StoredRequest visible(Caller caller, String id, String action) {
        String scope = scope(caller, action, "subject-request:" + PactumException.shown(id));
        var found =
                id == null
                        ? Optional.<SubjectRequestRepository.StoredRequest>empty()
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
    void requireProviderIgLead(
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

    String legalBasis(
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
                            ProblemType.INVALID_REQUEST,
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

    PactumException refuse(
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

    PactumException invalid(
            Caller caller, String action, String target, List<Map<String, String>> errors) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(action, target, "invalid request")
                        .with("fields", errors.stream().map(e -> e.get("field")).toList())
                        .concerning(caller.organisation()));
        return new PactumException(
                ProblemType.INVALID_REQUEST,
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
}
