package org.pactum.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * The database going away, as the application sees it: its role can no longer log in and its
 * sessions are cut. Readiness goes DOWN, requests get a 503 problem carrying only an error id, and
 * everything comes back once the database does.
 */
@QuarkusTest
class DatabaseDownTest {

    private static void cutOff() throws Exception {
        TestDatabase.execute("ALTER ROLE pactum_app NOLOGIN");
        TestDatabase.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'pactum_app'");
    }

    private static void restore() throws Exception {
        TestDatabase.execute("ALTER ROLE pactum_app LOGIN");
    }

    @Test
    void readinessIsDownAndRequestsGetA503ProblemWhileTheDatabaseIsUnreachable() throws Exception {
        given().when().get("/q/health/ready").then().statusCode(200);
        cutOff();
        try {
            // A pooled connection cut by the server may fail once before the pool notices; then
            // every answer is 503.
            for (int i = 0; i < 3; i++) {
                given().auth().oauth2(Tokens.analyst("dudley-mbc")).get("/api/v1/organisations");
            }
            given().auth()
                    .oauth2(Tokens.analyst("dudley-mbc"))
                    .when()
                    .get("/api/v1/organisations")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:pactum:problem:unavailable"))
                    .body("errorId", not(nullValue()))
                    .body(not(containsString("PSQLException")))
                    .body(not(containsString("pactum_app")));
            given().when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"));
        } finally {
            restore();
        }
        // Back within seconds: the pool validates connections on borrow and replaces the ones that
        // were cut.
        long deadline = System.currentTimeMillis() + 10_000;
        while (given().when().get("/q/health/ready").statusCode() != 200
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .when()
                .get("/api/v1/organisations")
                .then()
                .statusCode(200);
    }
}
