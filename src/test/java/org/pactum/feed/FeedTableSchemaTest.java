package org.pactum.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pactum.support.AuditTrail;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Feeds over the API in the Frictionless Table Schema format of the built-in feed files: read back
 * by Accept, registered by Content-Type, refused with a problem naming the field.
 */
@QuarkusTest
class FeedTableSchemaTest {

    static final String TABLE_SCHEMA = "application/vnd.frictionless.table-schema+json";
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode resource(String name) throws Exception {
        try (InputStream in = FeedTableSchemaTest.class.getResourceAsStream("/feeds/" + name)) {
            return JSON.readTree(in);
        }
    }

    /** Each field by name, as the test reads the Table Schema spec: absent required is false. */
    static Map<String, Map<String, Object>> fieldsOf(JsonNode doc) throws Exception {
        Map<String, JsonNode> shared = new HashMap<>();
        resource("shared-fields.json")
                .path("fields")
                .forEach(f -> shared.put(f.path("name").asText(), f));
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (JsonNode f : doc.path("fields")) {
            JsonNode d = f.has("pactum:use") ? shared.get(f.path("pactum:use").asText()) : f;
            Map<String, Object> m = new TreeMap<>();
            for (String p :
                    List.of(
                            "type",
                            "description",
                            "pactum:type",
                            "pactum:classification",
                            "pactum:role",
                            "pactum:idScheme")) {
                m.put(p, d.path(p).asText(null));
            }
            JsonNode c = d.path("constraints");
            m.put("required", c.path("required").asBoolean(false));
            m.put("enum", c.has("enum") ? c.get("enum").toString() : null);
            m.put("minimum", c.has("minimum") ? c.get("minimum").asInt() : null);
            m.put("maximum", c.has("maximum") ? c.get("maximum").asInt() : null);
            m.put("pattern", c.path("pattern").asText(null));
            out.put(d.path("name").asText(), m);
        }
        return out;
    }

    static Response getTableSchema(String feed) {
        return given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .accept(TABLE_SCHEMA)
                .get("/api/v1/feeds/" + feed);
    }

    static Response post(String token, JsonNode doc) {
        return given().auth()
                .oauth2(token)
                .contentType(TABLE_SCHEMA)
                .body(doc.toString())
                .post("/api/v1/feeds");
    }

    /** A knife-referral feed of its own code: one own field and two shared ones. */
    static ObjectNode knifeReferrals(String code) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("pactum:code", code);
        doc.put("pactum:title", "Knife crime referrals");
        doc.put("pactum:description", "Referrals to the knife crime programme; monthly.");
        doc.put("pactum:providerType", "POLICE");
        ArrayNode fields = doc.putArray("fields");
        ObjectNode ref = fields.addObject();
        ref.put("name", "referral_id");
        ref.put("type", "string");
        ref.putObject("constraints").put("required", true);
        ref.put("pactum:type", "STRING");
        ref.put("pactum:classification", "DI");
        ref.put("pactum:role", "RECORD_REFERENCE");
        fields.addObject().put("pactum:use", "sex");
        fields.addObject().put("pactum:use", "ethnicity");
        return doc;
    }

    @Test
    void aBuiltInFeedReadsBackAsItsResourceFile() throws Exception {
        Response r = getTableSchema("probation-caseload");
        r.then().statusCode(200).contentType(containsString(TABLE_SCHEMA));
        JsonNode doc = JSON.readTree(r.asString());
        JsonNode file = resource("probation-caseload.v1.json");
        for (String p :
                List.of(
                        "pactum:code",
                        "pactum:title",
                        "pactum:description",
                        "pactum:providerType")) {
            assertThat(doc.path(p).asText()).as(p).isEqualTo(file.path(p).asText());
        }
        assertThat(doc.path("pactum:version").asInt()).isEqualTo(1);
        assertThat(doc.path("fields")).allMatch(f -> !f.has("pactum:use"));
        assertThat(fieldsOf(doc)).isEqualTo(fieldsOf(file));
    }

    @Test
    void anAdministratorRegistersATableSchemaAndReadsItBack() throws Exception {
        String code = "knife-" + UUID.randomUUID().toString().substring(0, 8);
        long before = AuditTrail.head();
        ObjectNode sent = knifeReferrals(code);
        post(Tokens.admin(), sent)
                .then()
                .statusCode(201)
                .body("code", equalTo(code))
                .body("version", equalTo(1))
                .body("fields.name", equalTo(List.of("referral_id", "sex", "ethnicity")));
        JsonNode back =
                JSON.readTree(getTableSchema(code).then().statusCode(200).extract().asString());
        assertThat(fieldsOf(back)).isEqualTo(fieldsOf(sent));
        assertThat(AuditTrail.since(before))
                .filteredOn(e -> e.action().equals("feed.register"))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo("ALLOWED"));
        // What was read back registers again as the next version, unchanged.
        post(Tokens.admin(), back).then().statusCode(201).body("version", equalTo(2));
    }

    @Test
    void unreadableDocumentsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        long feeds = TestDatabase.queryLong("SELECT count(*) FROM feed");
        long before = AuditTrail.head();
        ObjectNode noSuchShared = knifeReferrals("knife-bad-1");
        ((ObjectNode) noSuchShared.path("fields").get(1)).put("pactum:use", "shoe_size");
        post(Tokens.admin(), noSuchShared)
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("fields[1]"))
                .body("detail", containsString("pactum:use"));

        ObjectNode contradiction = knifeReferrals("knife-bad-2");
        ((ObjectNode) contradiction.path("fields").get(0)).put("type", "integer");
        post(Tokens.admin(), contradiction)
                .then()
                .statusCode(400)
                .body("detail", containsString("fields[0].type contradicts pactum:type STRING"));

        ObjectNode unknownRole = knifeReferrals("knife-bad-3");
        ((ObjectNode) unknownRole.path("fields").get(0)).put("pactum:role", "FAVOURITE");
        post(Tokens.admin(), unknownRole)
                .then()
                .statusCode(400)
                .body("detail", containsString("fields[0].pactum:role must be one of"))
                .body("detail", not(containsString("FAVOURITE")));

        ObjectNode noCode = knifeReferrals("knife-bad-4");
        noCode.remove("pactum:code");
        post(Tokens.admin(), noCode)
                .then()
                .statusCode(400)
                .body("detail", containsString("code must not be null"));

        post(Tokens.igLead("dudley-mbc"), knifeReferrals("knife-bad-5")).then().statusCode(403);

        assertThat(TestDatabase.queryLong("SELECT count(*) FROM feed")).isEqualTo(feeds);
        assertThat(AuditTrail.since(before))
                .filteredOn(e -> e.action().equals("feed.register"))
                .extracting(AuditTrail.Row::outcome)
                .containsExactly("DENIED", "DENIED", "DENIED", "DENIED");
    }
}
