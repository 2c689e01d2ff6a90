package org.pactum.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pactum.support.Tokens;

@QuarkusTest
class TokenVerificationTest {

    private static void rejected(String token) {
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/feeds")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:unauthenticated"))
                .body(not(containsString(token)));
    }

    @Test
    void aValidDemoSignedTokenIsAccepted() {
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .when()
                .get("/api/v1/feeds")
                .then()
                .statusCode(200);
    }

    @Test
    void rejectsAnExpiredToken() {
        Instant past = Instant.now().minusSeconds(3_600);
        rejected(
                Tokens.claims("dudley-mbc", "analyst")
                        .issuedAt(past.minusSeconds(600))
                        .expiresAt(past)
                        .sign(Tokens.demoKey()));
    }

    @Test
    void rejectsATokenSignedByAnotherKey() {
        rejected(Tokens.claims("dudley-mbc", "analyst").sign(Tokens.strangerKey()));
    }

    @Test
    void rejectsATokenFromAnotherIssuer() {
        rejected(
                Tokens.claims("dudley-mbc", "analyst")
                        .issuer("https://evil.example/realms/x")
                        .sign(Tokens.demoKey()));
    }

    @Test
    void rejectsAnUnsignedAlgNoneToken() {
        rejected(Tokens.unsignedAdmin());
    }

    @Test
    void rejectsGarbage() {
        rejected("not-a-jwt");
    }
}
