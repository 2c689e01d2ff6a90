package org.pactum.agreement;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;

/** Moves agreements whose validity window has ended to EXPIRED, on a schedule. */
@ApplicationScoped
public class AgreementExpiry {

    @Inject AgreementRepository agreements;

    @Inject AgreementStore store;

    @Inject AuditLog audit;

    @Scheduled(
            every = "${pactum.agreements.expiry-check:15m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireOnSchedule() {
        expireEnded(AgreementDates.today());
    }

    /** Moves every live agreement whose window ended before {@code today} to EXPIRED. */
    @Transactional
    public int expireEnded(LocalDate today) {
        int expired = 0;
        for (Agreement candidate : agreements.windowEnded(today)) {
            Agreement a = agreements.lock(candidate.id).orElseThrow();
            if (a.status.isFinal() || !a.validTo.isBefore(today)) {
                continue; // another instance got there first
            }
            expire(a);
            expired++;
        }
        return expired;
    }

    private void expire(Agreement a) {
        AgreementStatus from = a.status;
        a.status = AgreementStatus.EXPIRED;
        a.statusReason = "validity window ended " + a.validTo;
        a.updatedAt = Instant.now();
        AgreementEvent e =
                AgreementRecorder.newEvent(
                        a, "expired", from, AgreementStatus.EXPIRED, a.statusReason);
        e.actor = "pactum:scheduler";
        e.persist();
        audit.append(
                Actor.system("scheduler"),
                AuditEvent.allowed("agreement.expire", "agreement:" + a.id)
                        .underAgreement(a.id, store.currentContent(a).purpose())
                        .concerning(a.parties)
                        .with("validTo", a.validTo.toString()));
    }
}
