package org.pactum.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pactum.demo.SyntheticData;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
import org.pactum.support.Partnerships;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Whatever is wrong with a request (its parameters, its JSON, its media type, a NUL byte that
 * PostgreSQL cannot store), the answer is an RFC 9457 problem naming what to fix, never a 404, a
 * 5xx or an empty body; and the refusal is in the audit trail.
 */
@QuarkusTest
class EveryErrorIsAProblemTest {

    @TestHTTPResource("/")
    URL base;

    private static Partnerships.Provision force;

    private static synchronized Partnerships.Provision force() {
        if (force == null) {
            force = Partnerships.policeProvision();
        }
        return force;
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).urlEncodingEnabled(false);
    }

    /** The refusal is a 400 problem naming {@code field}, and is audited as denied. */
    private static void assertNamed(Response response, String field, String org) throws Exception {
        response.then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:invalid-request"))
                .body("errors.field", hasItem(field));
    }

    private static void assertAuditedRefusal(long before, String org) throws Exception {
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.actorOrganisation()).isEqualTo(org);
                        });
    }

    /** A token whose role may call the endpoint, so the answer is about the input. */
    private static String tokenFor(String url, String org) {
        if (url.startsWith("/api/v1/submissions")) {
            return Tokens.of(org, "submitter");
        }
        if (url.contains("/records")) {
            return Tokens.analyst(org);
        }
        return url.startsWith("/api/v1/organisations") ? Tokens.admin() : Tokens.igLead(org);
    }

    static Stream<Arguments> unparsableQueryParameters() {
        return Stream.of(
                Arguments.of("/api/v1/audit?limit=1%20OR%201=1", "limit"),
                Arguments.of("/api/v1/audit?from=yesterday", "from"),
                Arguments.of("/api/v1/audit?to=2025-13-45T00:00:00Z", "to"),
                Arguments.of("/api/v1/audit?outcome=MAYBE", "outcome"),
                Arguments.of("/api/v1/audit?afterSeq=first", "afterSeq"),
                Arguments.of("/api/v1/audit/verify?fromSeq=one", "fromSeq"),
                Arguments.of("/api/v1/audit/export?toSeq=last", "toSeq"),
                Arguments.of("/api/v1/submissions?limit=lots", "limit"),
                Arguments.of("/api/v1/agreements?status=SIGNED", "status"),
                Arguments.of("/api/v1/agreements?reviewDue=maybe", "reviewDue"),
                Arguments.of(
                        "/api/v1/agreements/dsa-x/records?feed=police-recorded-violence&from=yesterday",
                        "from"),
                Arguments.of(
                        "/api/v1/agreements/dsa-x/records?feed=police-recorded-violence&to=2025-13",
                        "to"));
    }

    @ParameterizedTest(name = "{0} is a 400 naming {1}")
    @MethodSource("unparsableQueryParameters")
    void unparsableTypedQueryParametersAreNamed(String url, String parameter) throws Exception {
        String org = force().provider();
        String token = tokenFor(url, org);
        long before = AuditTrail.head();
        assertNamed(as(token).get(url), parameter, org);
        assertAuditedRefusal(before, url.startsWith("/api/v1/organisations") ? "wm-vrp" : org);
    }

    static Stream<Arguments> nulBytes() {
        return Stream.of(
                Arguments.of("/api/v1/audit?action=submission%00.push", "action"),
                Arguments.of("/api/v1/audit?actorOrganisation=wm%00", "actorOrganisation"),
                Arguments.of("/api/v1/audit?agreementId=%00", "agreementId"),
                Arguments.of("/api/v1/submissions?feed=police%00", "feed"),
                Arguments.of("/api/v1/submissions?period=2025%00", "period"),
                Arguments.of("/api/v1/feeds/police%00recorded-violence", "feed"),
                Arguments.of("/api/v1/agreements/dsa-%00", "id"),
                Arguments.of("/api/v1/organisations/wm%00police", "code"),
                Arguments.of("/api/v1/organisations/wm%00police/systems", "code"));
    }

    @ParameterizedTest(name = "{0} is a 400 naming {1}")
    @MethodSource("nulBytes")
    void aNulByteInAPathSegmentOrQueryParameterIsNamed(String url, String parameter)
            throws Exception {
        String org = force().provider();
        String token = tokenFor(url, org);
        long before = AuditTrail.head();
        assertNamed(as(token).get(url), parameter, org);
        assertAuditedRefusal(before, url.startsWith("/api/v1/organisations") ? "wm-vrp" : org);
    }

    @Test
    void aNulByteInAPushPathOrQueryIsNamed() throws Exception {
        String org = force().provider();
        assertNamed(
                as(force().submitter())
                        .contentType("text/csv")
                        .body("a\n1\n")
                        .post("/api/v1/feeds/police%00/submissions?period=2025-01"),
                "feed",
                org);
        assertNamed(
                as(force().submitter())
                        .contentType("text/csv")
                        .body("a\n1\n")
                        .post(
                                "/api/v1/feeds/police-recorded-violence/submissions?period=2025-01%00"),
                "period",
                org);
    }

    @Test
    void aNulByteInAJsonStringIsNamed() throws Exception {
        Map<String, Object> content = Agreements.recordContent();
        String json =
                new ObjectMapper()
                        .writeValueAsString(content)
                        .replace("Youth violence cohort", "Youth\\u0000cohort");
        long before = AuditTrail.head();
        assertNamed(
                as(Tokens.admin())
                        .contentType("application/json")
                        .body(json)
                        .post("/api/v1/agreements"),
                "title",
                "wm-vrp");
        assertAuditedRefusal(before, "wm-vrp");
    }

    @Test
    void aNulByteInAnAggregateFilterValueIsNamed() throws Exception {
        String body =
                "{\"feed\":\"police-recorded-violence\",\"dimensions\":[\"localAuthority\"],"
                        + "\"filters\":{\"offenceGroup\":[\"robbery\\u0000\"]}}";
        assertNamed(
                as(Tokens.analyst(force().recipient()))
                        .contentType("application/json")
                        .body(body)
                        .post("/api/v1/agreements/" + force().agreementId() + "/aggregates"),
                "filters.*[0]",
                force().recipient());
    }

    @Test
    void aNulByteInAnExtractValueIsARowErrorNotA500() throws Exception {
        String header = SyntheticData.POLICE_HEADER;
        String row =
                "2025/CR/1/77,P1001,S2002,8N,violence-with-injury,true,false,false,2025-06-14T21:00,E01090001,,2007-05-01,,M,W1";
        long rows = TestDatabase.queryLong("SELECT count(*) FROM feed_row");
        as(force().submitter())
                .contentType("text/csv")
                .body(
                        (header + "\n" + row.replace("2025/CR/1/77", "2025/CR\u0000/1/77") + "\n")
                                .getBytes(StandardCharsets.UTF_8))
                .post(
                        "/api/v1/feeds/police-recorded-violence/submissions?period="
                                + Extracts.period(1))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:invalid-rows"))
                .body("errors[0].field", equalTo("crime_reference"));
        String ndjson =
                "{\"crime_reference\":\"2025/CR/9/1\",\"victim_id\":\"P77\",\"offence_code\":\"34B\","
                        + "\"offence_group\":\"robbery\",\"knife_flag\":true,\"firearm_flag\":false,"
                        + "\"domestic_abuse_flag\":false,\"occurred_at\":\"2025-03-02T10:00Z\","
                        + "\"lsoa\":\"E01090002\",\"victim_age\":17,\"victim_sex\":\"F\",\"victim_ethnicity\":\"B1\",\"offence_code\":\"3\\u00004B\"}\n";
        as(force().submitter())
                .contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post(
                        "/api/v1/feeds/police-recorded-violence/submissions?period="
                                + Extracts.period(2))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("offence_code"));
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM feed_row")).isEqualTo(rows);
    }

    @Test
    void aPushWithoutContentTypeIs415() throws Exception {
        long before = AuditTrail.head();
        as(force().submitter())
                .body(Extracts.police(2).getBytes(StandardCharsets.UTF_8))
                .post(
                        "/api/v1/feeds/police-recorded-violence/submissions?period="
                                + Extracts.period(3))
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:unsupported-media-type"));
        assertAuditedRefusal(before, force().provider());
    }

    static Stream<Arguments> badJson() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        return Stream.of(
                Arguments.of("deeply nested", "{\"title\":" + deep + "}", "title"),
                Arguments.of("a bare number", "42", "(body)"),
                Arguments.of("a bare string", "\"x\"", "(body)"),
                Arguments.of("a list for an object", "[]", "(body)"),
                Arguments.of(
                        "a string for a list",
                        "{\"title\":\"t\",\"recipients\":\"dudley-mbc\"}",
                        "recipients"),
                Arguments.of(
                        "a number for an integer field",
                        "{\"retentionMonths\":\"many\"}",
                        "retentionMonths"));
    }

    @ParameterizedTest(name = "an agreement body that is {0} is a 400 naming {2}")
    @MethodSource("badJson")
    void badJsonBodiesAreNamed(String what, String json, String field) throws Exception {
        long before = AuditTrail.head();
        // Sent without REST Assured, whose failure log would pretty-print 10,000 levels of JSON.
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(base.toURI().resolve("/api/v1/agreements"))
                                        .header("Authorization", "Bearer " + Tokens.admin())
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(json))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        JsonPath problem = JsonPath.from(response.body());
        assertThat(problem.getString("type")).isEqualTo("urn:pactum:problem:invalid-request");
        assertThat(problem.getList("errors.field", String.class)).contains(field);
        assertAuditedRefusal(before, "wm-vrp");
    }

    @Test
    void aWrongJsonTypeInAnAggregateRequestIsNamed() throws Exception {
        long before = AuditTrail.head();
        assertNamed(
                as(Tokens.analyst(force().recipient()))
                        .contentType("application/json")
                        .body(
                                "{\"feed\":\"police-recorded-violence\",\"dimensions\":\"localAuthority\"}")
                        .post("/api/v1/agreements/" + force().agreementId() + "/aggregates"),
                "dimensions",
                force().recipient());
        assertAuditedRefusal(before, force().recipient());
    }

    @Test
    void aTokenWithoutAnOrganisationIsRefusedAndAudited() throws Exception {
        long before = AuditTrail.head();
        String noOrg = Tokens.of(null, "submitter");
        as(noOrg)
                .get("/api/v1/submissions")
                .then()
                // An organisation is required of every token, so its absence fails authentication.
                .statusCode(401)
                .contentType("application/problem+json");
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.actorOrganisation()).isNull();
                        });
    }

    @Test
    void aValidationFailureIsAudited() throws Exception {
        long before = AuditTrail.head();
        as(Tokens.admin())
                .contentType("application/json")
                .body(Map.of("title", "only a title"))
                .post("/api/v1/agreements")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertAuditedRefusal(before, "wm-vrp");
    }

    @Test
    void anUnknownPathIsNotEchoed() {
        String secret = "Q9X8Z7SECRETPATH";
        for (String path :
                List.of(
                        "/api/v1/" + secret,
                        "/api/v1/feeds/" + secret,
                        "/api/v1/agreements/" + secret,
                        "/api/v1/organisations/" + secret,
                        "/api/v1/organisations/" + secret + "/systems")) {
            String body =
                    as(tokenFor(path, force().provider()))
                            .get(path)
                            .then()
                            .statusCode(404)
                            .contentType("application/problem+json")
                            .extract()
                            .asString();
            assertThat(body).as(path).doesNotContain(secret);
        }
    }
}
