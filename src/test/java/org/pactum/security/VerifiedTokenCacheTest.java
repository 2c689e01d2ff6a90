package org.pactum.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** The verified-token cache never outlives a token's expiry or its own time to live. */
class VerifiedTokenCacheTest {

    private static final long T0 = 1_800_000_000_000L; // epoch ms
    private final AtomicLong now = new AtomicLong(T0);

    private static JsonWebToken expiringAt(long epochSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("someone");
        if (epochSeconds > 0) {
            claims.setExpirationTime(NumericDate.fromSeconds(epochSeconds));
        }
        return new DefaultJWTCallerPrincipal(claims);
    }

    @Test
    void aTokenIsReusedUntilItsOwnExpiryAndNotAMomentAfter() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 30_000, now::get);
        JsonWebToken token = expiringAt(T0 / 1_000 + 10);
        cache.put("a.b.c", token);
        now.set(T0 + 9_999);
        assertThat(cache.get("a.b.c")).isSameAs(token);
        now.set(T0 + 10_000);
        assertThat(cache.get("a.b.c")).isNull();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheTimeToLive() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 30_000, now::get);
        JsonWebToken token = expiringAt(T0 / 1_000 + 3_600);
        cache.put("a.b.c", token);
        now.set(T0 + 29_999);
        assertThat(cache.get("a.b.c")).isSameAs(token);
        now.set(T0 + 30_000);
        assertThat(cache.get("a.b.c")).isNull();
    }

    @Test
    void onlyTheExactTextIsRemembered() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 30_000, now::get);
        cache.put("a.b.c", expiringAt(T0 / 1_000 + 60));
        assertThat(cache.get("a.b.d")).isNull();
        assertThat(cache.get("a.b.c ")).isNull();
        assertThat(cache.get("A.b.c")).isNull();
    }

    @Test
    void anExpiredTokenOrAZeroCapacityRemembersNothing() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 30_000, now::get);
        cache.put("old", expiringAt(T0 / 1_000 - 1));
        assertThat(cache.size()).isZero();
        VerifiedTokenCache none = new VerifiedTokenCache(0, 30_000, now::get);
        none.put("a.b.c", expiringAt(T0 / 1_000 + 60));
        assertThat(none.get("a.b.c")).isNull();
    }

    @Test
    void whenFullExpiredEntriesGoFirstAndTheBoundHolds() {
        VerifiedTokenCache cache = new VerifiedTokenCache(3, 30_000, now::get);
        cache.put("short", expiringAt(T0 / 1_000 + 1));
        cache.put("long1", expiringAt(T0 / 1_000 + 60));
        cache.put("long2", expiringAt(T0 / 1_000 + 60));
        now.set(T0 + 2_000);
        cache.put("long3", expiringAt(T0 / 1_000 + 60));
        assertThat(cache.get("long1")).isNotNull();
        assertThat(cache.get("long2")).isNotNull();
        assertThat(cache.get("long3")).isNotNull();
        assertThat(cache.get("short")).isNull();
        for (int i = 0; i < 10; i++) {
            cache.put("more" + i, expiringAt(T0 / 1_000 + 60));
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
    }
}
