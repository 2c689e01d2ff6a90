package org.pactum.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.support.AuditTrail;
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

    /**
     * Verified tokens are remembered by their exact text (VerifiedTokens): after a token has been
     * accepted, the same claims under another key's signature, and changed claims under its own
     * signature, are still refused.
     */
    @Test
    void aRememberedTokenVouchesForNothingButItsOwnText() {
        String good = Tokens.claims("dudley-mbc", "analyst").sign(Tokens.demoKey());
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(good).when().get("/api/v1/feeds").then().statusCode(200);
        }
        String[] parts = good.split("\\.");
        String strangerSigned = Tokens.claims("dudley-mbc", "analyst").sign(Tokens.strangerKey());
        rejected(parts[0] + "." + parts[1] + "." + strangerSigned.split("\\.")[2]);
        String adminClaims = Tokens.claims("dudley-mbc", "admin").sign(Tokens.demoKey());
        rejected(parts[0] + "." + adminClaims.split("\\.")[1] + "." + parts[2]);
        given().auth().oauth2(good).when().get("/api/v1/feeds").then().statusCode(200);
    }

    @Test
    void rejectsGarbage() {
        rejected("not-a-jwt");
    }

    /** Every claim Pactum needs, built here rather than through the support class under change. */
    private static JwtClaimsBuilder complete(String org, String role) {
        Instant now = Instant.now();
        return Jwt.issuer(Tokens.DEMO_ISSUER)
                .subject("test-claims-" + role)
                .audience("pactum")
                .claim("org", org)
                .claim("resource_access", Map.of("pactum", Map.of("roles", List.of(role))))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(600));
    }

    private static String withoutClaim(JwtClaimsBuilder claims, String claim) {
        claims.remove(claim);
        return claims.sign(Tokens.demoKey());
    }

    @Test
    void aTokenCarryingEveryRequiredClaimIsAccepted() {
        given().auth()
                .oauth2(complete("dudley-mbc", "analyst").sign(Tokens.demoKey()))
                .when()
                .get("/api/v1/feeds")
                .then()
                .statusCode(200);
    }

    @Test
    void rejectsATokenWithoutSubjectAndSaysWhichClaim() throws Exception {
        long before = AuditTrail.head();
        // Keycloak tokens carry preferred_username, which SmallRye takes as the name when sub is
        // absent: the token then verifies, and only Pactum's own rule stops it.
        String token =
                withoutClaim(
                        complete("wm-police", "submitter").preferredUserName("police-export"),
                        "sub");
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/feeds")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:unauthenticated"))
                .body("detail", containsString("sub"));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("access.unauthenticated");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.reason()).contains("sub");
                        });
    }

    @Test
    void rejectsATokenWithoutOrganisationWhateverItsRole() {
        for (String role : List.of("submitter", "analyst", "ig-lead", "admin")) {
            String token = withoutClaim(complete("wm-vrp", role), "org");
            given().auth()
                    .oauth2(token)
                    .when()
                    .get("/api/v1/feeds")
                    .then()
                    .statusCode(401)
                    .body("type", equalTo("urn:pactum:problem:unauthenticated"))
                    .body("detail", containsString("org"));
        }
    }

    @Test
    void rejectsABlankSubjectOrOrganisation() {
        rejected(complete("dudley-mbc", "analyst").subject(" ").sign(Tokens.demoKey()));
        rejected(complete(" ", "analyst").sign(Tokens.demoKey()));
    }

    @Test
    void rejectsATokenIssuedInTheFutureBeyondTheSkew() {
        Instant later = Instant.now().plusSeconds(600);
        rejected(
                complete("dudley-mbc", "analyst")
                        .issuedAt(later)
                        .expiresAt(later.plusSeconds(600))
                        .sign(Tokens.demoKey()));
    }

    @Test
    void toleratesASmallClockSkewInIssuedAt() {
        Instant slightlyAhead = Instant.now().plusSeconds(10);
        given().auth()
                .oauth2(
                        complete("dudley-mbc", "analyst")
                                .issuedAt(slightlyAhead)
                                .sign(Tokens.demoKey()))
                .when()
                .get("/api/v1/feeds")
                .then()
                .statusCode(200);
    }

    @Test
    void rejectsATokenForAnotherAudience() {
        rejected(
                complete("dudley-mbc", "analyst")
                        .audience("intranet-portal")
                        .sign(Tokens.demoKey()));
    }

    @Test
    void rejectsATokenWithoutAudience() {
        rejected(withoutClaim(complete("dudley-mbc", "analyst"), "aud"));
    }

    @Test
    void realmRolesAreNotPactumRoles() {
        // Another application of the realm may well have a realm role called "admin".
        JwtClaimsBuilder claims = complete("wm-vrp", "admin");
        claims.remove("resource_access");
        String token =
                claims.claim("realm_access", Map.of("roles", List.of("admin")))
                        .sign(Tokens.demoKey());
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:pactum:problem:forbidden"));
    }

    @Test
    void anotherClientsRolesAreNotPactumRoles() {
        String token =
                complete("wm-vrp", "admin")
                        .claim(
                                "resource_access",
                                Map.of("intranet-portal", Map.of("roles", List.of("admin"))))
                        .sign(Tokens.demoKey());
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:pactum:problem:forbidden"));
    }
}
