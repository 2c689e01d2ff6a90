package org.pactum.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pactum.support.AuditTrail;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Administrators register feeds and new versions of them; bad schemas are refused naming the field.
 */
@QuarkusTest
class FeedRegistrationTest {

    private static Map<String, Object> fireFeed(String code) {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(
                new HashMap<>(
                        Map.of(
                                "name",
                                "incident_id",
                                "type",
                                "STRING",
                                "classification",
                                "DI",
                                "role",
                                "RECORD_REFERENCE",
                                "required",
                                true)));
        fields.add(
                new HashMap<>(
                        Map.of(
                                "name",
                                "incident_date",
                                "type",
                                "DATE",
                                "classification",
                                "QI",
                                "role",
                                "EVENT_DATE",
                                "required",
                                true)));
        fields.add(
                new HashMap<>(
                        Map.of(
                                "name",
                                "lsoa",
                                "type",
                                "LSOA",
                                "classification",
                                "QI",
                                "role",
                                "AREA",
                                "required",
                                true)));
        fields.add(
                new HashMap<>(
                        Map.of(
                                "name",
                                "fire_type",
                                "type",
                                "CODE",
                                "classification",
                                "NP",
                                "role",
                                "ATTRIBUTE",
                                "required",
                                true,
                                "codes",
                                List.of(
                                        "deliberate-vehicle",
                                        "deliberate-refuse",
                                        "deliberate-building"))));
        Map<String, Object> feed = new HashMap<>();
        feed.put("code", code);
        feed.put("title", "Deliberate fires");
        feed.put(
                "description",
                "Deliberate fires attended, as a violence-related indicator; monthly.");
        feed.put("providerType", "FIRE_AND_RESCUE");
        feed.put("fields", fields);
        return feed;
    }

    private static Response register(String token, Map<String, Object> feed) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(feed)
                .post("/api/v1/feeds");
    }

    @Test
    void anAdministratorRegistersAFeedAndThenANewVersion() throws Exception {
        String code = "fire-" + UUID.randomUUID().toString().substring(0, 8);
        long before = AuditTrail.head();
        register(Tokens.admin(), fireFeed(code))
                .then()
                .statusCode(201)
                .body("version", equalTo(1))
                .body("builtIn", equalTo(false));
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .get("/api/v1/feeds/" + code)
                .then()
                .statusCode(200)
                .body("fields.name", hasItem("fire_type"));
        Map<String, Object> v2 = fireFeed(code);
        v2.put("title", "Deliberate fires (v2)");
        register(Tokens.admin(), v2).then().statusCode(201).body("version", equalTo(2));
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .get("/api/v1/feeds/" + code)
                .then()
                .body("version", equalTo(2));
        assertThat(AuditTrail.since(before))
                .filteredOn(r -> r.action().equals("feed.register"))
                .hasSize(2);
    }

    @Test
    void onlyAnAdministratorRegisters() {
        register(Tokens.igLead("dudley-mbc"), fireFeed("fire-nope")).then().statusCode(403);
        register(Tokens.analyst("dudley-mbc"), fireFeed("fire-nope")).then().statusCode(403);
    }

    @SuppressWarnings("unchecked")
    @Test
    void schemasThatBreakTheRulesAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        long feeds = TestDatabase.queryLong("SELECT count(*) FROM feed");
        Map<String, Object> directIdentifierAsAttribute = fireFeed("fire-bad-1");
        ((List<Map<String, Object>>) directIdentifierAsAttribute.get("fields"))
                .get(0)
                .put("role", "ATTRIBUTE");
        register(Tokens.admin(), directIdentifierAsAttribute)
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:feed-invalid"))
                .body("errors.field", hasItem("fields[0].role"));

        Map<String, Object> codeWithoutCodes = fireFeed("fire-bad-2");
        ((List<Map<String, Object>>) codeWithoutCodes.get("fields")).get(3).remove("codes");
        register(Tokens.admin(), codeWithoutCodes)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("fields[3].codes"));

        Map<String, Object> healthRecords = fireFeed("ed-bad-3");
        healthRecords.put("providerType", "HEALTH");
        register(Tokens.admin(), healthRecords)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("aggregateOnly"));

        Map<String, Object> badName = fireFeed("fire-bad-4");
        ((List<Map<String, Object>>) badName.get("fields")).get(1).put("name", "Incident Date");
        register(Tokens.admin(), badName)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("fields[1].name"));

        assertThat(TestDatabase.queryLong("SELECT count(*) FROM feed")).isEqualTo(feeds);
    }
}
