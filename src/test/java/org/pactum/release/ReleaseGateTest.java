package org.pactum.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pactum.security.Caller;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
import org.pactum.support.Tokens;

/**
 * Graceful load (issue 14): with every place of a client or of the instance taken by releases in
 * flight, the next aggregate waits the queue wait, then gets a 429 (its client) or a 503 (the
 * instance) problem with Retry-After, recorded as a refusal; once the places are given back, it is
 * released.
 */
@QuarkusTest
class ReleaseGateTest {

    private static final String ANALYST = "test-dudley-mbc-analyst";
    private static String agreement;

    @Inject ReleaseGate gate;

    @Inject ReleaseConfig config;

    @BeforeEach
    void setUp() {
        if (agreement == null) {
            Extracts.push("police-recorded-violence", Extracts.period(2), Extracts.police(600))
                    .then()
                    .statusCode(201);
            agreement = Agreements.active(ReleaseTest.aggregateContent());
        }
    }

    @Test
    void aClientWithEveryPlaceTakenGetsA429WithRetryAfterAndTheRefusalIsAudited() throws Exception {
        List<ReleaseGate.Permit> held = new ArrayList<>();
        for (int i = 0; i < config.perClient(); i++) {
            held.add(gate.enter(caller(ANALYST), "agreement:" + agreement));
        }
        long before = AuditTrail.head();
        long started = System.nanoTime();
        Response refused = aggregate(Tokens.analyst("dudley-mbc"));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        refused.then().statusCode(429).contentType("application/problem+json");
        assertThat(refused.jsonPath().getString("type"))
                .isEqualTo("urn:pactum:problem:too-many-requests");
        long retry = config.retryAfter().toSeconds();
        assertThat(refused.header("Retry-After")).isEqualTo(String.valueOf(retry));
        assertThat(refused.jsonPath().getLong("retryAfterSeconds")).isEqualTo(retry);
        assertThat(waitedMillis)
                .as("waited in the queue first")
                .isGreaterThanOrEqualTo(config.queueWait().toMillis() - 50);
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("release.aggregate");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.reason()).contains("client already has");
                        });
        // Another client of the same organisation is not held back by this one.
        aggregate(Tokens.of("dudley-mbc", "analyst", "ig-lead")).then().statusCode(200);

        held.forEach(ReleaseGate.Permit::close);
        aggregate(Tokens.analyst("dudley-mbc")).then().statusCode(200);
    }

    @Test
    void anInstanceWithEveryPlaceTakenGetsA503WithRetryAfterAndTheRefusalIsAudited()
            throws Exception {
        List<ReleaseGate.Permit> held = new ArrayList<>();
        for (int i = 0; i < config.concurrent(); i++) {
            held.add(gate.enter(caller("load-" + i), "agreement:" + agreement));
        }
        long before = AuditTrail.head();
        Response refused = aggregate(Tokens.analyst("dudley-mbc"));
        refused.then().statusCode(503).contentType("application/problem+json");
        assertThat(refused.jsonPath().getString("type"))
                .isEqualTo("urn:pactum:problem:release-capacity-reached");
        assertThat(refused.header("Retry-After"))
                .isEqualTo(String.valueOf(config.retryAfter().toSeconds()));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("release.aggregate");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.reason()).contains("instance already runs");
                        });

        // A place given back while a request waits lets it through.
        held.get(0).close();
        aggregate(Tokens.analyst("dudley-mbc")).then().statusCode(200);
        held.forEach(ReleaseGate.Permit::close);
    }

    @Test
    void withoutATokenTheGateIsNeverReached() {
        given().contentType(ContentType.JSON)
                .body(request())
                .post("/api/v1/agreements/" + agreement + "/aggregates")
                .then()
                .statusCode(401);
    }

    private static Caller caller(String subject) {
        return new Caller(subject, "dudley-mbc", Set.of("analyst"), "127.0.0.1", "gate-test");
    }

    private static Response aggregate(String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(request())
                .post("/api/v1/agreements/" + agreement + "/aggregates");
    }

    private static Map<String, Object> request() {
        return Map.of("feed", "police-recorded-violence", "dimensions", List.of("sex"));
    }
}
