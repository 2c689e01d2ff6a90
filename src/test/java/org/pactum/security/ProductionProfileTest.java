package org.pactum.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pactum.support.Tokens;

@QuarkusTest
@TestProfile(ProductionProfile.class)
class ProductionProfileTest {

    @Inject DemoIssuer demoIssuer;

    @Test
    void rejectsATokenFromTheDemoIssuer() {
        given().auth()
                .oauth2(Tokens.admin())
                .when()
                .get("/api/v1/feeds")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:unauthenticated"));
    }

    @Test
    void rejectsADemoSignedTokenEvenWithTheProductionIssuer() {
        String forged =
                Tokens.claims("wm-vrp", "admin")
                        .issuer(ProductionProfile.ISSUER)
                        .sign(Tokens.demoKey());
        given().auth().oauth2(forged).when().get("/api/v1/feeds").then().statusCode(401);
    }

    @Test
    void acceptsATokenFromTheConfiguredIdentityProvider() {
        String token =
                Tokens.claims("dudley-mbc", "analyst")
                        .issuer(ProductionProfile.ISSUER)
                        .sign(ProductionProfile.IDP_KEYS.getPrivate());
        given().auth().oauth2(token).when().get("/api/v1/feeds").then().statusCode(200);
    }

    @Test
    void theDemoIssuerCannotMintInProduction() {
        assertThatThrownBy(
                        () ->
                                demoIssuer.mint(
                                        new DemoIssuer.Identity(
                                                "admin", "x", "wm-vrp", Set.of("admin"))))
                .isInstanceOf(IllegalStateException.class);
    }
}
