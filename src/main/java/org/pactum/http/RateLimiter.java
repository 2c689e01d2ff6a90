package org.pactum.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by client: each key may spend {@code burst} requests at once and regains
 * {@code perSecond} a second. Idle keys are forgotten, so a flood of distinct keys cannot grow the
 * map without bound.
 */
final class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("A rate limit needs a positive rate and burst");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /**
     * Takes one request from the key's bucket.
     *
     * @return 0 if allowed, otherwise how many seconds until the next request would be allowed (at
     *     least 1)
     */
    long acquire(String key) {
        long now = nanoClock.getAsLong();
        if (buckets.size() > MAX_KEYS) {
            forgetIdle(now);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.updated) / 1e9 * perSecond);
            b.updated = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
        }
    }

    private void forgetIdle(long now) {
        // A bucket refilled to its burst carries no state worth keeping.
        buckets.entrySet().removeIf(e -> (now - e.getValue().updated) / 1e9 * perSecond >= burst);
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
