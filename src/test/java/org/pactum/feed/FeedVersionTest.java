package org.pactum.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Issue 11, "Feed versions": a new version may keep or tighten each field's classification and
 * role, never loosen it; an agreement stays bound to the feed versions its parties approved.
 */
@QuarkusTest
class FeedVersionTest {

    private static Map<String, Object> field(
            String name, String type, String classification, String role) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("type", type);
        f.put("classification", classification);
        f.put("role", role);
        f.put("required", true);
        return f;
    }

    private static Map<String, Object> feed(String code) {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("incident_id", "STRING", "DI", "RECORD_REFERENCE"));
        fields.add(field("person_id", "STRING", "DI", "PERSON_IDENTIFIER"));
        fields.add(field("incident_date", "DATE", "QI", "EVENT_DATE"));
        fields.add(field("lsoa", "LSOA", "QI", "AREA"));
        fields.add(field("injury_flag", "BOOLEAN", "S", "ATTRIBUTE"));
        fields.add(field("crew_count", "INTEGER", "NP", "ATTRIBUTE"));
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("code", code);
        feed.put("title", "Deliberate fires");
        feed.put("description", "Deliberate fires attended; monthly.");
        feed.put("providerType", "FIRE_AND_RESCUE");
        feed.put("fields", fields);
        return feed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldOf(Map<String, Object> feed, int i) {
        return ((List<Map<String, Object>>) feed.get("fields")).get(i);
    }

    private static Response register(Map<String, Object> feed) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(feed)
                .post("/api/v1/feeds");
    }

    private static String code() {
        return "fire-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewVersionCannotTurnADirectIdentifierIntoAnAttribute() throws Exception {
        String code = code();
        register(feed(code)).then().statusCode(201).body("version", equalTo(1));
        long before = AuditTrail.head();
        Map<String, Object> v2 = feed(code);
        fieldOf(v2, 1).put("classification", "NP");
        fieldOf(v2, 1).put("role", "ATTRIBUTE");
        register(v2)
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:feed-invalid"))
                .body("errors.field", hasItems("fields[1].classification", "fields[1].role"));
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM feed WHERE code = ?", code))
                .isEqualTo(1);
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        e -> {
                            assertThat(e.action()).isEqualTo("feed.register");
                            assertThat(e.outcome()).isEqualTo("DENIED");
                        });
    }

    @Test
    void aSensitiveFieldNeverBecomesNonPersonalButANonPersonalOneMayBeTightened() {
        String code = code();
        register(feed(code)).then().statusCode(201);
        Map<String, Object> loosened = feed(code);
        fieldOf(loosened, 4).put("classification", "NP");
        register(loosened)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("fields[4].classification"));
        Map<String, Object> quasiToSensitive = feed(code);
        fieldOf(quasiToSensitive, 3).put("classification", "S");
        register(quasiToSensitive)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("fields[3].classification"));
        Map<String, Object> retyped = feed(code);
        fieldOf(retyped, 5).put("type", "STRING");
        register(retyped).then().statusCode(422).body("errors.field", hasItem("fields[5].type"));

        Map<String, Object> tightened = feed(code);
        fieldOf(tightened, 5).put("classification", "S");
        register(tightened).then().statusCode(201).body("version", equalTo(2));
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .get("/api/v1/feeds/" + code)
                .then()
                .body("fields.find { it.name == 'crew_count' }.classification", equalTo("S"));
    }

    @Test
    void healthStaysAggregateOnlyAndTheProviderCannotChange() {
        String code = code();
        register(feed(code)).then().statusCode(201);
        Map<String, Object> moved = feed(code);
        moved.put("providerType", "POLICE");
        register(moved).then().statusCode(422).body("errors.field", hasItem("providerType"));
    }

    @Test
    void aPushUnderANewerVersionIsNotCoveredUntilAnAgreementNamingItIsApproved() {
        String code = code();
        String org = "fire-" + UUID.randomUUID().toString().substring(0, 6);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "code",
                                org,
                                "name",
                                "Fire " + org,
                                "type",
                                "FIRE_AND_RESCUE",
                                "areas",
                                List.of("E08000027")))
                .post("/api/v1/organisations")
                .then()
                .statusCode(201);
        register(feed(code)).then().statusCode(201);
        Map<String, Object> content = Agreements.recordContent();
        content.put("releaseLevel", "AGGREGATE");
        content.put("providers", List.of(Map.of("organisation", org, "feeds", List.of(code))));
        content.put("recipients", List.of("dudley-mbc"));
        content.put("fieldRules", Map.of(code, Map.of("injury_flag", Map.of("action", "ALLOW"))));
        String id = Agreements.active(content);
        JsonPath agreement = Agreements.get(id);
        assertThat(agreement.getInt("content.feedVersions.'" + code + "'")).isEqualTo(1);

        Map<String, Object> v2 = feed(code);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fields = (List<Map<String, Object>>) v2.get("fields");
        Map<String, Object> added = field("fire_cause", "CODE", "S", "ATTRIBUTE");
        added.put("codes", List.of("arson", "unknown"));
        added.put("required", false);
        fields.add(added);
        register(v2).then().statusCode(201).body("version", equalTo(2));

        String submitter = Tokens.of(org, "submitter");
        String v1Body =
                "incident_id,person_id,incident_date,lsoa,injury_flag,crew_count\n"
                        + "INC-0001,P1,2026-01-03,E01090003,false,4\n";
        String v2Body =
                "incident_id,person_id,incident_date,lsoa,injury_flag,crew_count,fire_cause\n"
                        + "INC-0002,P2,2026-01-04,E01090003,true,2,arson\n";
        push(submitter, code, v2Body)
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:invalid-header"));
        push(submitter, code, v1Body).then().statusCode(201).body("feedVersion", equalTo(1));

        Map<String, Object> amended = new LinkedHashMap<>(agreement.getMap("content"));
        amended.put("feedVersions", Map.of(code, 2));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(amended)
                .put("/api/v1/agreements/" + id)
                .then()
                .statusCode(200);
        JsonPath proposed = Agreements.propose(Tokens.admin(), id);
        // Not yet approved: still not covered.
        push(submitter, code, v2Body).then().statusCode(409);
        for (Object party : proposed.getList("awaitingApproval")) {
            Agreements.approve(
                            (String) party,
                            id,
                            proposed.getInt("version"),
                            proposed.getString("contentHash"))
                    .then()
                    .statusCode(200);
        }
        push(submitter, code, v2Body).then().statusCode(201).body("feedVersion", equalTo(2));
    }

    @Test
    void anAgreementNamingAFeedVersionThatDoesNotExistIsRefused() {
        String code = code();
        register(feed(code)).then().statusCode(201);
        Map<String, Object> content = Agreements.recordContent();
        content.put("releaseLevel", "AGGREGATE");
        content.put(
                "providers", List.of(Map.of("organisation", "wm-police", "feeds", List.of(code))));
        content.put("fieldRules", Map.of());
        content.put("feedVersions", Map.of(code, 7));
        // wm-police is not a fire service either; the version is named on its own.
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(content)
                .post("/api/v1/agreements")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("feedVersions." + code));
    }

    private static Response push(String token, String feed, String body) {
        return given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .body(body)
                .post("/api/v1/feeds/" + feed + "/submissions?period=2026-01");
    }
}
