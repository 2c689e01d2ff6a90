package org.pactum.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Refusals that anyone can cause without a valid token (401s, rate limits, malformed framing),
 * recorded cheaply: the first from a source in an interval is chained at once, with its request id;
 * the rest are counted in memory and chained as one entry per source, action and reason with the
 * count when the interval ends (and at shutdown). A flood then costs a counter increment, not a
 * chained append under the global lock, and no refusal goes unrecorded. An interval of zero chains
 * every refusal on its own.
 */
@ApplicationScoped
public class CoalescedDenials {

    private static final Logger LOG = Logger.getLogger(CoalescedDenials.class);

    /** Beyond this many open windows, further sources share one, so memory stays bounded. */
    private static final int MAX_WINDOWS = 10_000;

    private static final String OTHER_SOURCES = "(other sources)";

    @Inject AuditLog log;

    @Inject AuditConfig config;

    private final Map<Key, Window> windows = new ConcurrentHashMap<>();

    private record Key(String source, String action, String reason) {}

    private static final class Window {
        final Instant start;
        final String target;
        final AtomicLong repeats = new AtomicLong();

        Window(Instant start, String target) {
            this.start = start;
            this.target = target;
        }
    }

    /**
     * Records one refusal of an unidentified caller.
     *
     * @param source the client address (or another key for the caller), never a submitted value
     * @param target what was asked for, e.g. "GET /api/v1/audit"
     * @throws AuditUnavailableException if the first refusal of a window cannot be chained
     */
    public void record(Actor actor, String action, String target, String reason) {
        if (config.denialInterval().isZero() || config.denialInterval().isNegative()) {
            log.appendAlone(actor, AuditEvent.denied(action, target, reason));
            return;
        }
        String source = actor.clientAddress() == null ? "(unknown)" : actor.clientAddress();
        if (windows.size() >= MAX_WINDOWS) {
            source = OTHER_SOURCES;
        }
        Key key = new Key(source, action, reason);
        Instant now = Instant.now();
        Window fresh = new Window(now, target);
        Window open = windows.putIfAbsent(key, fresh);
        if (open == null) {
            try {
                log.appendAlone(
                        actor,
                        AuditEvent.denied(action, target, reason)
                                .with("coalescedFor", config.denialInterval().toString()));
            } catch (RuntimeException e) {
                windows.remove(key, fresh);
                throw e;
            }
            return;
        }
        open.repeats.incrementAndGet();
    }

    /** Chains the counts of every window that has ended. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushEnded() {
        flush(Instant.now().minus(config.denialInterval()));
    }

    void flushAll(@Observes ShutdownEvent shutdown) {
        flush(Instant.MAX);
    }

    private void flush(Instant endedBefore) {
        Iterator<Map.Entry<Key, Window>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Window> e = it.next();
            Window w = e.getValue();
            if (!w.start.isBefore(endedBefore) && endedBefore != Instant.MAX) {
                continue;
            }
            it.remove();
            long repeats = w.repeats.get();
            if (repeats == 0) {
                continue;
            }
            Key k = e.getKey();
            try {
                log.appendAlone(
                        new Actor(null, null, Set.of(), k.source(), null),
                        AuditEvent.denied(k.action(), w.target, k.reason() + " (repeated)")
                                .with("count", repeats)
                                .with("from", w.start.toString())
                                .with("to", Instant.now().toString()));
            } catch (RuntimeException failure) {
                // Keep the count: the next flush tries again, so the fact is not lost.
                Window retry = new Window(w.start, w.target);
                retry.repeats.set(repeats);
                windows.merge(
                        k,
                        retry,
                        (a, b) -> {
                            a.repeats.addAndGet(b.repeats.get());
                            return a;
                        });
                LOG.warnf("Could not chain %d coalesced refusals yet; will retry", repeats);
            }
        }
    }
}
