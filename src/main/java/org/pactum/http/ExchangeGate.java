package org.pactum.http;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.pactum.platform.LongExchange;

/** Counts long exchanges in flight, per client and in all; refuses beyond either bound. */
final class ExchangeGate {

    private final Map<LongExchange.Kind, Semaphore> inFlight =
            new EnumMap<>(LongExchange.Kind.class);
    private final Map<LongExchange.Kind, Integer> perClient =
            new EnumMap<>(LongExchange.Kind.class);
    private final Map<String, AtomicInteger> byClient = new ConcurrentHashMap<>();

    ExchangeGate(
            int uploadsInFlight,
            int uploadsPerClient,
            int extractsInFlight,
            int extractsPerClient) {
        inFlight.put(LongExchange.Kind.UPLOAD, new Semaphore(uploadsInFlight));
        inFlight.put(LongExchange.Kind.EXTRACT, new Semaphore(extractsInFlight));
        perClient.put(LongExchange.Kind.UPLOAD, uploadsPerClient);
        perClient.put(LongExchange.Kind.EXTRACT, extractsPerClient);
    }

    /** Why a permit was refused, for the problem and the audit entry. */
    enum Refusal {
        CLIENT,
        INSTANCE
    }

    /** Held for the length of one exchange; releasing twice is harmless. */
    final class Permit {
        private final LongExchange.Kind kind;
        private final String key;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Permit(LongExchange.Kind kind, String key) {
            this.kind = kind;
            this.key = key;
        }

        void release() {
            if (held.compareAndSet(true, false)) {
                inFlight.get(kind).release();
                byClient.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
            }
        }
    }

    /** A permit, or the refusal. */
    record Outcome(Permit permit, Refusal refusal) {}

    Outcome acquire(LongExchange.Kind kind, String client) {
        String key = kind + ":" + client;
        int limit = perClient.get(kind);
        AtomicInteger[] counted = new AtomicInteger[1];
        byClient.compute(
                key,
                (k, n) -> {
                    AtomicInteger c = n == null ? new AtomicInteger() : n;
                    if (c.get() < limit) {
                        c.incrementAndGet();
                        counted[0] = c;
                    }
                    return c.get() == 0 ? null : c;
                });
        if (counted[0] == null) {
            return new Outcome(null, Refusal.CLIENT);
        }
        if (!inFlight.get(kind).tryAcquire()) {
            byClient.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
            return new Outcome(null, Refusal.INSTANCE);
        }
        return new Outcome(new Permit(kind, key), null);
    }

    int inFlight(LongExchange.Kind kind, String client) {
        AtomicInteger n = byClient.get(kind + ":" + client);
        return n == null ? 0 : n.get();
    }
}
