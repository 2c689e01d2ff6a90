package org.pactum.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.pactum.support.Tokens;

@QuarkusTest
class FeedResourceTest {

    @Test
    void anAnalystListsTheFiveBuiltInFeeds() {
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .when()
                .get("/api/v1/feeds")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.builtIn }.code",
                        containsInAnyOrder(
                                "police-recorded-violence",
                                "ed-assault-attendances",
                                "youth-justice-disposals",
                                "school-exclusions",
                                "probation-caseload"))
                // One entry per feed: its current version only (administrators may have registered
                // more).
                .body(
                        "code.size()",
                        equalTo(
                                Integer.parseInt(
                                        given().auth()
                                                .oauth2(Tokens.admin())
                                                .get("/api/v1/feeds")
                                                .then()
                                                .extract()
                                                .path("code.unique().size()")
                                                .toString())));
    }

    @Test
    void aFeedShowsItsVersionedSchemaWithClassificationsAndRoles() {
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .when()
                .get("/api/v1/feeds/police-recorded-violence")
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("providerType", equalTo("POLICE"))
                .body("fields.classification", everyItem(in(List.of("DI", "QI", "S", "NP"))))
                .body("fields.find { it.name == 'victim_id' }.classification", equalTo("DI"))
                .body("fields.find { it.name == 'victim_id' }.role", equalTo("PERSON_IDENTIFIER"))
                .body(
                        "fields.find { it.name == 'offence_group' }.codes",
                        hasItem("violence-with-injury"))
                .body("fields.find { it.name == 'victim_age' }.min", equalTo(0))
                .body("fields.find { it.name == 'victim_age' }.max", equalTo(120))
                .body("fields.find { it.name == 'lsoa' }.type", equalTo("LSOA"));
    }

    @Test
    void theHealthFeedIsAggregateOnlyAndCarriesNoPersonIdentifier() {
        given().auth()
                .oauth2(Tokens.igLead("bsol-icb"))
                .when()
                .get("/api/v1/feeds/ed-assault-attendances")
                .then()
                .statusCode(200)
                .body("aggregateOnly", equalTo(true))
                .body("fields.classification", Matchers.not(hasItem("DI")));
    }

    @Test
    void unknownFeedIs404Problem() {
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .when()
                .get("/api/v1/feeds/no-such-feed")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:not-found"));
    }

    @Test
    void aTokenWithoutAPactumRoleIsForbidden() {
        given().auth()
                .oauth2(Tokens.of("dudley-mbc", "offline_access"))
                .when()
                .get("/api/v1/feeds")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:forbidden"));
    }
}
