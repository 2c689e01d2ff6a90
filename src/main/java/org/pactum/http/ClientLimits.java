package org.pactum.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The per-client rate and the in-flight bounds, built from configuration once, at first use. */
@ApplicationScoped
public class ClientLimits {

    @Inject HttpConfig config;

    private RateLimiter rate;
    private ExchangeGate exchanges;

    @PostConstruct
    void init() {
        rate =
                new RateLimiter(
                        config.callerRequestsPerSecond(),
                        config.callerRequestBurst(),
                        System::nanoTime);
        exchanges =
                new ExchangeGate(
                        config.uploadsInFlight(),
                        config.uploadsPerClient(),
                        config.extractsInFlight(),
                        config.extractsPerClient());
    }

    HttpConfig config() {
        return config;
    }

    RateLimiter rate() {
        return rate;
    }

    ExchangeGate exchanges() {
        return exchanges;
    }
}
