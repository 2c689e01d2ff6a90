package org.pactum.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.platform.CanonicalJson;
import org.pactum.security.Caller;

/**
 * Writes what happened to an agreement: its versions (canonical JSON and hash), its status events
 * and the audit entry that commits with the change.
 */
@ApplicationScoped
class AgreementRecorder {

    @Inject AgreementStore store;

    @Inject AuditLog audit;

    AgreementVersion storeVersion(
            Caller caller, Agreement a, AgreementContent content, Instant now) {
        AgreementVersion v = new AgreementVersion();
        v.agreementId = a.id;
        v.version = a.currentVersion;
        v.content = CanonicalJson.write(content);
        v.contentHash = CanonicalJson.sha256(v.content);
        v.createdAt = now;
        v.createdBy = caller.subject();
        v.createdByOrg = caller.organisation();
        v.persist();
        return v;
    }

    void transition(Caller caller, Agreement a, String action, AgreementStatus to, String reason) {
        AgreementStatus from = a.status;
        a.status = to;
        a.statusReason = reason;
        a.updatedAt = Instant.now();
        event(caller, a, action, from, to, reason);
    }

    void event(
            Caller caller,
            Agreement a,
            String action,
            AgreementStatus from,
            AgreementStatus to,
            String reason) {
        AgreementEvent e = newEvent(a, action, from, to, reason);
        e.actor = caller.subject();
        e.actorOrg = caller.organisation();
        e.persist();
    }

    /** An event with no actor yet: the caller's, or the scheduler's. */
    static AgreementEvent newEvent(
            Agreement a, String action, AgreementStatus from, AgreementStatus to, String reason) {
        AgreementEvent e = new AgreementEvent();
        e.agreementId = a.id;
        e.version = a.currentVersion;
        e.occurredAt = Instant.now();
        e.action = action;
        e.fromStatus = from;
        e.toStatus = to;
        e.reason = reason;
        return e;
    }

    /** Appends the audit entry of a change, in the change's transaction. */
    void record(Caller caller, Agreement a, AuditEvent event) {
        audit.append(
                Actor.of(caller),
                event.underAgreement(a.id, store.currentContent(a).purpose())
                        .concerning(a.parties)
                        .with("status", a.status.name()));
    }
}
