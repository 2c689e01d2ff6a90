package org.pactum.partner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.support.Tokens;

/** The onboarding endpoint's refusals; the real Keycloak flow is KeycloakIT's. */
@QuarkusTest
class PartnerSystemResourceTest {

    @Test
    void withoutKeycloakOnboardingSaysWhatToConfigure() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "records-export"))
                .post("/api/v1/organisations/wm-police/systems")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:keycloak-not-configured"))
                .body("detail", containsString("PACTUM_KEYCLOAK_SERVER_URL"));
    }

    @Test
    void onlyAnAdministratorOnboards() {
        given().auth()
                .oauth2(Tokens.igLead("wm-police"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "records-export"))
                .post("/api/v1/organisations/wm-police/systems")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "records-export"))
                .post("/api/v1/organisations/wm-police/systems")
                .then()
                .statusCode(401);
    }

    @Test
    void badNamesAndUnknownOrganisationsAreRefused() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Records Export!"))
                .post("/api/v1/organisations/wm-police/systems")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("name"));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/organisations/no-such-org/systems")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/organisations/wm-police/systems")
                .then()
                .statusCode(200);
    }
}
