package org.pactum.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens whose signature, issuer, audience and expiry were verified, remembered by their exact text
 * for a short time so that a client's next requests skip the RSA verification and JSON parsing
 * (about a quarter of an audited request's CPU). An entry lives until the earlier of the token's
 * own expiry and {@code ttl} after it was verified, so a cached token is never accepted after it
 * expires, and a key withdrawn from the issuer's JWKS stops its tokens within {@code ttl} (SmallRye
 * JWT itself re-reads the JWKS far less often). Only verified tokens are remembered: a token that
 * failed is verified again each time. Bounded: when full, expired entries are dropped, and if none
 * had expired the cache starts again empty.
 */
final class VerifiedTokenCache {

    private record Entry(JsonWebToken token, long until) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final long ttlMillis;
    private final LongSupplier clock;

    /**
     * @param capacity at most this many tokens (0 remembers none)
     * @param ttlMillis how long after verification a token may be reused
     * @param clock epoch milliseconds
     */
    VerifiedTokenCache(int capacity, long ttlMillis, LongSupplier clock) {
        this.capacity = capacity;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    /** The verified token of exactly this text, if remembered and not yet expired. */
    JsonWebToken get(String text) {
        Entry e = entries.get(text);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() >= e.until()) {
            entries.remove(text, e);
            return null;
        }
        return e.token();
    }

    /** Remembers a token that was just verified. */
    void put(String text, JsonWebToken token) {
        if (capacity <= 0) {
            return;
        }
        long now = clock.getAsLong();
        long until = now + ttlMillis;
        long exp = token.getExpirationTime();
        if (exp > 0) {
            until = Math.min(until, exp * 1_000);
        }
        if (until <= now) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.values().removeIf(e -> now >= e.until());
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
        entries.put(text, new Entry(token, until));
    }

    int size() {
        return entries.size();
    }
}
