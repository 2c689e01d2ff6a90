package org.pactum.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pactum.platform.LongExchange;

/** Token buckets and in-flight bounds, on a clock the test moves. */
class LimitsTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void aBucketAllowsItsBurstThenItsRatePerKey() {
        RateLimiter limiter = new RateLimiter(2, 3, nanos::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).as("burst " + i).isZero();
        }
        assertThat(limiter.acquire("a")).isEqualTo(1);
        assertThat(limiter.acquire("b")).as("another key has its own bucket").isZero();
        nanos.addAndGet(499_000_000L);
        assertThat(limiter.acquire("a")).as("0.998 of a token").isEqualTo(1);
        nanos.addAndGet(2_000_000L);
        assertThat(limiter.acquire("a")).as("one token after 0.5 s at 2/s").isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        nanos.addAndGet(60_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).as("refilled only up to the burst").isZero();
        }
        assertThat(limiter.acquire("a")).isEqualTo(1);
    }

    @Test
    void retryAfterCoversTheWaitForOneToken() {
        RateLimiter slow = new RateLimiter(0.25, 1, nanos::get);
        assertThat(slow.acquire("a")).isZero();
        assertThat(slow.acquire("a")).isEqualTo(4);
    }

    @Test
    void exchangesAreBoundedPerClientAndPerInstanceAndPermitsComeBackOnce() {
        ExchangeGate gate = new ExchangeGate(3, 2, 1, 1);
        ExchangeGate.Outcome a1 = gate.acquire(LongExchange.Kind.UPLOAD, "a");
        ExchangeGate.Outcome a2 = gate.acquire(LongExchange.Kind.UPLOAD, "a");
        assertThat(a1.permit()).isNotNull();
        assertThat(a2.permit()).isNotNull();
        assertThat(gate.acquire(LongExchange.Kind.UPLOAD, "a").refusal())
                .isEqualTo(ExchangeGate.Refusal.CLIENT);
        ExchangeGate.Outcome b1 = gate.acquire(LongExchange.Kind.UPLOAD, "b");
        assertThat(b1.permit()).isNotNull();
        assertThat(gate.acquire(LongExchange.Kind.UPLOAD, "c").refusal())
                .isEqualTo(ExchangeGate.Refusal.INSTANCE);
        assertThat(gate.inFlight(LongExchange.Kind.UPLOAD, "c"))
                .as("a refused client holds nothing")
                .isZero();
        // Extracts are counted apart from uploads.
        assertThat(gate.acquire(LongExchange.Kind.EXTRACT, "a").permit()).isNotNull();
        a1.permit().release();
        a1.permit().release();
        assertThat(gate.inFlight(LongExchange.Kind.UPLOAD, "a")).isEqualTo(1);
        assertThat(gate.acquire(LongExchange.Kind.UPLOAD, "c").permit())
                .as("a released permit frees a place in all, once")
                .isNotNull();
        assertThat(gate.acquire(LongExchange.Kind.UPLOAD, "d").refusal())
                .isEqualTo(ExchangeGate.Refusal.INSTANCE);
    }
}
