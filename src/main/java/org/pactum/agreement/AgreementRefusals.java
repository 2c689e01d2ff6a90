package org.pactum.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;

/**
 * Refusals about one agreement: each is audited in its own transaction (the refused action's rolls
 * back) and returned as the problem to throw.
 */
@ApplicationScoped
class AgreementRefusals {

    @Inject AgreementRepository agreements;

    @Inject AgreementStore store;

    @Inject AuditLog audit;

    Agreement found(Caller caller, String action, String id) {
        return agreements.findByIdOptional(id).orElseThrow(() -> notFound(caller, action, id));
    }

    /** The agreement, locked FOR UPDATE until the transaction ends. */
    Agreement locked(Caller caller, String action, String id) {
        return agreements.lock(id).orElseThrow(() -> notFound(caller, action, id));
    }

    PactumException notFound(Caller caller, String action, String id) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(
                                action,
                                "agreement:" + PactumException.shown(id),
                                "no such agreement")
                        .concerning(caller.organisation()));
        return PactumException.notFound("Agreement", id);
    }

    PactumException deny(
            Caller caller, String action, Agreement a, ProblemType type, String reason) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(action, "agreement:" + a.id, reason)
                        .underAgreement(a.id, store.currentContent(a).purpose())
                        .concerning(a.parties)
                        .concerning(caller.organisation()));
        return new PactumException(type, capitalised(reason));
    }

    static String requireOrganisation(Caller caller) {
        if (caller.organisation() == null) {
            throw PactumException.forbidden("Your token carries no organisation");
        }
        return caller.organisation();
    }

    static String orNone(String organisation) {
        return organisation == null ? "(none)" : organisation;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
