package org.pactum.release;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pactum.audit.Actor;
import org.pactum.audit.CoalescedDenials;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;

/**
 * Bounds the aggregate releases in flight, per client and per instance (issue 14): a request waits
 * briefly in a bounded queue for a place, then is refused with a 429 (this client has too many in
 * flight) or a 503 (this instance is busy) and {@code Retry-After}, recorded as a coalesced
 * refusal. The instance bound stays below the connection pool, so no release ever waits on it.
 */
@ApplicationScoped
public class ReleaseGate {

    static final ProblemType CLIENT_BUSY =
            new ProblemType(429, "too-many-requests", "Too many requests");
    static final ProblemType INSTANCE_BUSY =
            new ProblemType(503, "release-capacity-reached", "Every release place is taken");

    /** The most pooled connections one aggregate release holds at once. */
    static final int CONNECTIONS_PER_RELEASE = 2;

    @Inject ReleaseConfig config;

    @Inject CoalescedDenials denials;

    @Inject AgroalDataSource dataSource;

    private final Map<String, Semaphore> clients = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile Semaphore instance;

    /** A place taken; closing it gives it back (once). */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** A refusal: the problem to answer and the seconds for Retry-After. */
    static final class Busy extends RuntimeException {
        final ProblemType type;
        final long retryAfterSeconds;

        Busy(ProblemType type, String detail, long retryAfterSeconds) {
            super(detail, null, false, false);
            this.type = type;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    void check(@Observes StartupEvent start) {
        int pool = dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
        if (config.concurrent() * CONNECTIONS_PER_RELEASE > pool / 2) {
            throw new IllegalStateException(
                    "pactum.release.concurrent ("
                            + config.concurrent()
                            + ") lets releases hold more than half of quarkus.datasource.jdbc.max-size ("
                            + pool
                            + "); lower it to at most "
                            + Math.max(1, pool / 2 / CONNECTIONS_PER_RELEASE));
        }
    }

    /** Takes a place for {@code caller}, waiting at most the queue wait; refused otherwise. */
    public Permit enter(Caller caller, String target) {
        String client = caller.organisation() + "/" + caller.subject();
        Semaphore mine =
                clients.computeIfAbsent(client, k -> new Semaphore(config.perClient(), true));
        long retry = Math.max(1, config.retryAfter().toSeconds());
        if (!take(mine)) {
            throw refuse(
                    caller,
                    target,
                    "client already has " + config.perClient() + " releases in flight",
                    new Busy(
                            CLIENT_BUSY,
                            "This client already has "
                                    + config.perClient()
                                    + " aggregate releases in flight; retry when one has finished"
                                    + " (after "
                                    + retry
                                    + " s).",
                            retry));
        }
        Semaphore all = instance();
        if (!take(all)) {
            mine.release();
            throw refuse(
                    caller,
                    target,
                    "instance already runs " + config.concurrent() + " releases",
                    new Busy(
                            INSTANCE_BUSY,
                            "Pactum is already running "
                                    + config.concurrent()
                                    + " aggregate releases and its queue is full; retry"
                                    + " (after "
                                    + retry
                                    + " s).",
                            retry));
        }
        return new Permit() {
            private boolean open = true;

            @Override
            public synchronized void close() {
                if (open) {
                    open = false;
                    all.release();
                    mine.release();
                }
            }
        };
    }

    private boolean take(Semaphore s) {
        // A timed tryAcquire, even of zero: the untimed one takes a free place ahead of those
        // already queued for it (Semaphore's fairness does not apply to it), which under load gave
        // early waiters the longest waits.
        try {
            if (s.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (waiting.incrementAndGet() > config.queueLength()) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            return s.tryAcquire(config.queueWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    private Semaphore instance() {
        Semaphore s = instance;
        if (s == null) {
            synchronized (this) {
                if (instance == null) {
                    instance = new Semaphore(config.concurrent(), true);
                }
                s = instance;
            }
        }
        return s;
    }

    private Busy refuse(Caller caller, String target, String reason, Busy busy) {
        denials.record(Actor.of(caller), "release.aggregate", target, reason);
        return busy;
    }
}
