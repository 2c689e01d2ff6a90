package org.pactum.agreement;

import static org.pactum.agreement.AgreementRefusals.orNone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;
import org.pactum.security.Roles;

/** The checks the lifecycle makes before it changes an agreement; each refusal is audited. */
@ApplicationScoped
class AgreementChecks {

    @Inject AgreementRules rules;

    @Inject AgreementRefusals refusals;

    @Inject AuditLog audit;

    /** Only an administrator or the IG lead of a party may draft, amend or propose. */
    void mayDraft(Caller caller, String action, String id, AgreementContent content) {
        if (caller.isAdmin()) {
            return;
        }
        if (!caller.hasRole(Roles.IG_LEAD)
                || caller.organisation() == null
                || !content.parties().contains(caller.organisation())) {
            audit.appendAlone(
                    Actor.of(caller),
                    AuditEvent.denied(
                                    action,
                                    "agreement:" + id,
                                    "only an administrator or the IG lead of a party may draft or propose")
                            .underAgreement(id, null)
                            .concerning(content.parties())
                            .concerning(caller.organisation()));
            throw new PactumException(
                    AgreementProblems.NOT_A_PARTY,
                    "Only an administrator or the IG lead of a party to the agreement "
                            + "may draft, amend or propose it");
        }
    }

    /** The content must keep every rule of {@link AgreementRules}; all violations are returned. */
    void validate(Caller caller, String action, String id, AgreementContent content) {
        List<AgreementRules.Violation> violations = rules.check(content, AgreementDates.today());
        if (violations.isEmpty()) {
            return;
        }
        String all =
                violations.stream()
                        .map(v -> v.field() + " " + v.reason())
                        .collect(Collectors.joining("; "));
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(action, "agreement:" + id, "invalid: " + all)
                        .underAgreement(id, null)
                        .concerning(content.parties()));
        List<Map<String, Object>> errors =
                violations.stream()
                        .map(v -> Map.<String, Object>of("field", v.field(), "reason", v.reason()))
                        .toList();
        AgreementRules.Violation first = violations.get(0);
        throw new PactumException(
                AgreementProblems.INVALID,
                "The agreement breaks "
                        + violations.size()
                        + (violations.size() == 1 ? " rule" : " rules")
                        + ": "
                        + first.field()
                        + " "
                        + first.reason()
                        + (violations.size() > 1 ? " (and more, see errors)" : ""),
                Map.of("errors", errors));
    }

    void requireIgLeadOfParty(Caller caller, String action, Agreement a) {
        if (!caller.hasRole(Roles.IG_LEAD)
                || caller.organisation() == null
                || !a.parties.contains(caller.organisation())) {
            throw refusals.deny(
                    caller,
                    action,
                    a,
                    AgreementProblems.NOT_A_PARTY,
                    "only the IG lead of a party may do this; "
                            + orNone(caller.organisation())
                            + " is not a party");
        }
    }

    void requireStatus(Caller caller, String action, Agreement a, AgreementStatus... allowed) {
        if (Arrays.asList(allowed).contains(a.status)) {
            return;
        }
        throw refusals.deny(
                caller,
                action,
                a,
                AgreementProblems.WRONG_STATE,
                "the agreement is "
                        + a.status
                        + "; this needs "
                        + Arrays.stream(allowed)
                                .map(Enum::name)
                                .collect(Collectors.joining(" or ")));
    }
}
