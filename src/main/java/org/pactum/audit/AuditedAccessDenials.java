package org.pactum.audit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.pactum.security.AccessDenials;
import org.pactum.security.CurrentCaller;
import org.pactum.security.RequestIds;

/**
 * 401s and 403s in the chain, each in a transaction of its own (there is no action to commit with).
 */
@RequestScoped
public class AuditedAccessDenials implements AccessDenials {

    private static final int MAX_TARGET = 200;

    @Inject AuditLog log;

    @Inject RequestIds requestIds;

    @Inject CurrentCaller caller;

    @Inject CoalescedDenials unauthenticated;
    @Inject RequestDenials alreadyRecorded;

    @Override
    public void record(int status, String method, String path, String reason) {
        Actor actor =
                status == 401
                        ? new Actor(
                                null,
                                null,
                                Set.of(),
                                requestIds.clientAddress(),
                                requestIds.current())
                        : Actor.of(caller.get());
        String action = status == 401 ? "access.unauthenticated" : "access.forbidden";
        String target = method + " " + path;
        if (target.length() > MAX_TARGET) {
            target = target.substring(0, MAX_TARGET);
        }
        if (status == 401) {
            // Anyone can cause these, as fast as they can send: one chained entry per source and
            // interval, with a count (issue 11, floods).
            unauthenticated.record(actor, action, target, reason);
            return;
        }
        log.appendAlone(
                actor, AuditEvent.denied(action, target, reason).concerning(actor.organisation()));
    }

    @Override
    public boolean alreadyRecorded() {
        return alreadyRecorded.any();
    }

    @Override
    public void refused(int status, String method, String route, String reason) {
        if (alreadyRecorded.any()) {
            return;
        }
        String target = method + " " + route;
        if (target.length() > MAX_TARGET) {
            target = target.substring(0, MAX_TARGET);
        }
        Actor actor;
        try {
            actor = Actor.of(caller.get());
        } catch (RuntimeException noIdentity) {
            // refused before the token was checked (or the token itself is bad): who is unknown
            actor =
                    new Actor(
                            null, null, Set.of(), requestIds.clientAddress(), requestIds.current());
        }
        log.appendAlone(
                actor,
                AuditEvent.denied("request.refused", target, reason)
                        .concerning(actor.organisation()));
    }
}
