package org.pactum.partner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pactum.support.AuditTrail;
import org.pactum.support.Tokens;

@QuarkusTest
class OrganisationResourceTest {

    private static String uniqueCode() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String body(String code) {
        return "{\"code\":\""
                + code
                + "\",\"name\":\"West Midlands Fire Service\",\"type\":\"FIRE_AND_RESCUE\",\"areas\":[\"E23000014\"]}";
    }

    @Test
    void anyRoleListsTheSeededDemoPartnership() {
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .when()
                .get("/api/v1/organisations")
                .then()
                .statusCode(200)
                .body(
                        "code",
                        hasItems(
                                "wm-vrp",
                                "wm-police",
                                "birmingham-cc",
                                "coventry-cc",
                                "dudley-mbc",
                                "sandwell-mbc",
                                "solihull-mbc",
                                "walsall-mbc",
                                "wolverhampton-cc",
                                "bsol-icb",
                                "birmingham-yjs",
                                "wm-probation",
                                "birmingham-education"))
                .body("find { it.code == 'dudley-mbc' }.areas", equalTo(List.of("E08000027")));
    }

    @Test
    void adminRegistersAnOrganisationAndTheChangeIsAudited() throws Exception {
        long before = AuditTrail.head();
        String code = uniqueCode();
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body(code))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/organisations/" + code))
                .body("code", equalTo(code))
                .body("type", equalTo("FIRE_AND_RESCUE"));

        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .when()
                .get("/api/v1/organisations/" + code)
                .then()
                .statusCode(200)
                .body("name", equalTo("West Midlands Fire Service"));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        row -> {
                            assertThat(row.action()).isEqualTo("organisation.create");
                            assertThat(row.target()).isEqualTo("organisation:" + code);
                            assertThat(row.outcome()).isEqualTo("ALLOWED");
                            assertThat(row.actorOrganisation()).isEqualTo("wm-vrp");
                        });
    }

    @Test
    void rejectsADuplicateCode() {
        String code = uniqueCode();
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body(code))
                .post("/api/v1/organisations")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body(code))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:conflict"));
    }

    @Test
    void invalidBodyNamesEachFieldAndStoresNothing() throws Exception {
        long organisations =
                org.pactum.support.TestDatabase.queryLong("SELECT count(*) FROM organisation");
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"code\":\"Not A Code\",\"type\":\"POLICE\",\"areas\":[\"nowhere\"]}")
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:invalid-request"))
                .body("errors.field", hasItems("code", "name", "areas[0]"));
        assertThat(org.pactum.support.TestDatabase.queryLong("SELECT count(*) FROM organisation"))
                .isEqualTo(organisations);
    }

    @Test
    void malformedJsonIsAProblemNotAStackTrace() {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"code\": ")
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:invalid-request"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception")));
    }

    @Test
    void onlyAnAdminMayRegisterAndTheDenialIsAudited() throws Exception {
        long before = AuditTrail.head();
        given().auth()
                .oauth2(Tokens.igLead("dudley-mbc"))
                .contentType(ContentType.JSON)
                .body(body(uniqueCode()))
                .when()
                .post("/api/v1/organisations")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:forbidden"));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        row -> {
                            assertThat(row.action()).isEqualTo("access.forbidden");
                            assertThat(row.outcome()).isEqualTo("DENIED");
                            assertThat(row.actorOrganisation()).isEqualTo("dudley-mbc");
                            assertThat(row.target()).isEqualTo("POST /api/v1/organisations");
                        });
    }

    @Test
    void withoutATokenTheAnswerIs401ProblemAndAudited() throws Exception {
        long before = AuditTrail.head();
        given().when()
                .get("/api/v1/organisations")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:unauthenticated"))
                .body("status", equalTo(401));
        assertThat(AuditTrail.since(before))
                .extracting(AuditTrail.Row::action)
                .contains("access.unauthenticated");
    }

    @Test
    void unknownOrganisationIs404Problem() {
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .when()
                .get("/api/v1/organisations/no-such-org")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:not-found"))
                .body("detail", org.hamcrest.Matchers.containsString("No organisation"))
                // the code asked for is whatever the caller sent: it is not repeated
                .body(
                        org.hamcrest.Matchers.not(
                                org.hamcrest.Matchers.containsString("no-such-org")));
    }

    @Test
    void unknownPathIs404ProblemEvenForAnAdmin() {
        given().auth()
                .oauth2(Tokens.admin())
                .when()
                .get("/api/v1/nowhere")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:not-found"));
    }
}
