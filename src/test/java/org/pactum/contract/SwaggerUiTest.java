package org.pactum.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The reviewed contract is browsable, with try-it-out, at /q/swagger-ui. */
@QuarkusTest
class SwaggerUiTest {

    @Test
    void swaggerUiServesTheReviewedContractWithTryItOut() {
        given().redirects()
                .follow(true)
                .get("/q/swagger-ui")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("swagger-ui-bundle.js"))
                .body(containsString("url: '/q/openapi'"))
                .body(containsString("tryItOutEnabled: true"));
    }
}
