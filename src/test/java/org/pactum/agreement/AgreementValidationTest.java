package org.pactum.agreement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pactum.support.Agreements;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Each rule of AgreementRules, broken one at a time, gives a 422 naming the field and stores
 * nothing.
 */
@QuarkusTest
class AgreementValidationTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rules(Map<String, Object> c, String feed) {
        return (Map<String, Object>) ((Map<String, Object>) c.get("fieldRules")).get(feed);
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of(
                        "a feed not of its provider's type",
                        "providers[0].feeds[0]",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        c.put(
                                                "providers",
                                                List.of(
                                                        Map.of(
                                                                "organisation",
                                                                "wm-police",
                                                                "feeds",
                                                                List.of("school-exclusions")),
                                                        Map.of(
                                                                "organisation",
                                                                "birmingham-yjs",
                                                                "feeds",
                                                                List.of(
                                                                        "youth-justice-disposals"))))),
                Arguments.of(
                        "an unknown feed",
                        "providers[1].feeds[0]",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        c.put(
                                                "providers",
                                                List.of(
                                                        Map.of(
                                                                "organisation",
                                                                "wm-police",
                                                                "feeds",
                                                                List.of(
                                                                        "police-recorded-violence")),
                                                        Map.of(
                                                                "organisation",
                                                                "birmingham-yjs",
                                                                "feeds",
                                                                List.of("no-such-feed"))))),
                Arguments.of(
                        "an unknown organisation",
                        "recipients[1]",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        c.put(
                                                "recipients",
                                                List.of("birmingham-yjs", "atlantis-council"))),
                Arguments.of(
                        "a field not in the schema",
                        "fieldRules.police-recorded-violence.shoe_size",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        rules(c, "police-recorded-violence")
                                                .put("shoe_size", Map.of("action", "ALLOW"))),
                Arguments.of(
                        "rules for a feed not covered",
                        "fieldRules.probation-caseload",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        ((Map<String, Object>) c.get("fieldRules"))
                                                .put(
                                                        "probation-caseload",
                                                        Map.of("crn", Map.of("action", "DROP")))),
                Arguments.of(
                        "a direct identifier ALLOWed",
                        "fieldRules.police-recorded-violence.victim_id",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        rules(c, "police-recorded-violence")
                                                .put("victim_id", Map.of("action", "ALLOW"))),
                Arguments.of(
                        "a direct identifier that is not a person id pseudonymised",
                        "fieldRules.police-recorded-violence.crime_reference",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        rules(c, "police-recorded-violence")
                                                .put(
                                                        "crime_reference",
                                                        Map.of("action", "PSEUDONYMISE"))),
                Arguments.of(
                        "a generalisation that does not fit",
                        "fieldRules.police-recorded-violence.victim_sex.to",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        rules(c, "police-recorded-violence")
                                                .put(
                                                        "victim_sex",
                                                        Map.of(
                                                                "action",
                                                                "GENERALISE",
                                                                "to",
                                                                "QUARTER"))),
                Arguments.of(
                        "GENERALISE without a target",
                        "fieldRules.police-recorded-violence.occurred_at.to",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        rules(c, "police-recorded-violence")
                                                .put(
                                                        "occurred_at",
                                                        Map.of("action", "GENERALISE"))),
                Arguments.of(
                        "a health feed at record level",
                        "providers[2].feeds[0]",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        c.put(
                                                "providers",
                                                List.of(
                                                        Map.of(
                                                                "organisation",
                                                                "wm-police",
                                                                "feeds",
                                                                List.of(
                                                                        "police-recorded-violence")),
                                                        Map.of(
                                                                "organisation",
                                                                "birmingham-yjs",
                                                                "feeds",
                                                                List.of("youth-justice-disposals")),
                                                        Map.of(
                                                                "organisation",
                                                                "bsol-icb",
                                                                "feeds",
                                                                List.of(
                                                                        "ed-assault-attendances"))))),
                Arguments.of(
                        "a threshold below 8",
                        "disclosure.minimumCellCount",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        ((Map<String, Object>) c.get("disclosure"))
                                                .put("minimumCellCount", 7)),
                Arguments.of(
                        "rounding below 5",
                        "disclosure.roundingBase",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        ((Map<String, Object>) c.get("disclosure"))
                                                .put("roundingBase", 3)),
                Arguments.of(
                        "rounding not a multiple of 5",
                        "disclosure.roundingBase",
                        (Consumer<Map<String, Object>>)
                                c ->
                                        ((Map<String, Object>) c.get("disclosure"))
                                                .put("roundingBase", 12)),
                Arguments.of(
                        "a window that ends before it starts",
                        "validTo",
                        (Consumer<Map<String, Object>>)
                                c -> {
                                    c.put("validFrom", LocalDate.now().plusYears(2).toString());
                                    c.put("reviewDate", LocalDate.now().plusYears(2).toString());
                                }),
                Arguments.of(
                        "a window already over",
                        "validTo",
                        (Consumer<Map<String, Object>>)
                                c -> {
                                    c.put("validFrom", LocalDate.now().minusYears(2).toString());
                                    c.put("validTo", LocalDate.now().minusDays(1).toString());
                                    c.put("reviewDate", LocalDate.now().minusYears(1).toString());
                                }),
                Arguments.of(
                        "a review date outside the window",
                        "reviewDate",
                        (Consumer<Map<String, Object>>)
                                c -> c.put("reviewDate", LocalDate.now().plusYears(5).toString())));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("brokenRules")
    void refusesContentThatBreaksARule(
            String rule, String field, Consumer<Map<String, Object>> breakIt) throws Exception {
        Map<String, Object> content = Agreements.recordContent();
        content.put("fieldRules", deepCopy(content.get("fieldRules")));
        content.put(
                "disclosure", new LinkedHashMap<>((Map<String, Object>) content.get("disclosure")));
        breakIt.accept(content);
        long agreements = TestDatabase.queryLong("SELECT count(*) FROM agreement");
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(content)
                .when()
                .post("/api/v1/agreements")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:agreement-invalid"))
                .body("errors.field", hasItem(field));
        Assertions.assertThat(TestDatabase.queryLong("SELECT count(*) FROM agreement"))
                .isEqualTo(agreements);
    }

    @ParameterizedTest(name = "requires {0}")
    @ValueSource(
            strings = {
                "title",
                "purpose",
                "legalBases",
                "providers",
                "recipients",
                "validFrom",
                "validTo",
                "reviewDate",
                "retentionMonths",
                "releaseLevel",
                "fieldRules",
                "disclosure",
                "contacts"
            })
    void requiresEveryPart(String missing) {
        Map<String, Object> content = Agreements.recordContent();
        content.remove(missing);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(content)
                .when()
                .post("/api/v1/agreements")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:pactum:problem:invalid-request"))
                .body("errors.field", hasItem(missing));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Object rules) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<String, Object>) rules)
                .forEach(
                        (feed, fields) ->
                                out.put(feed, new LinkedHashMap<>((Map<String, Object>) fields)));
        return out;
    }
}
