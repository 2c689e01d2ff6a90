package org.pactum.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

@QuarkusTest
class IngestTest {

    private static final String POLICE = "police-recorded-violence";
    private static final String HEADER = org.pactum.demo.SyntheticData.POLICE_HEADER;

    /** A valid police row; tests break one field at a time. */
    private static final String GOOD =
            "2025/CR/1/77,P1001,S2002,8N,violence-with-injury,true,false,false,2025-06-14T21:00,E01090001,,2007-05-01,,M,W1";

    private static long rowsOf(long submissionId) throws Exception {
        return TestDatabase.queryLong(
                "SELECT count(*) FROM feed_row WHERE submission_id = ?", submissionId);
    }

    private static long allRows() throws Exception {
        return TestDatabase.queryLong("SELECT count(*) FROM feed_row");
    }

    private static long submissions() throws Exception {
        return TestDatabase.queryLong("SELECT count(*) FROM submission");
    }

    @ParameterizedTest(name = "accepts a synthetic {0} extract")
    @ValueSource(
            strings = {
                "police-recorded-violence",
                "ed-assault-attendances",
                "youth-justice-disposals",
                "school-exclusions",
                "probation-caseload"
            })
    void acceptsAHappyPushForEachFeed(String feed) throws Exception {
        long before = AuditTrail.head();
        JsonPath s =
                Extracts.push(feed, Extracts.period(1), Extracts.csv(feed, 300))
                        .then()
                        .statusCode(201)
                        .header("Location", containsString("/api/v1/submissions/"))
                        .extract()
                        .jsonPath();
        assertThat(s.getString("status")).isEqualTo("ACCEPTED");
        assertThat(s.getLong("rowsReceived")).isEqualTo(300);
        assertThat(s.getLong("rowsStored")).isEqualTo(300);
        assertThat(s.getString("sha256")).matches("[0-9a-f]{64}");
        assertThat(rowsOf(s.getLong("id"))).isEqualTo(300);
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("submission.accept");
                            assertThat(r.target()).isEqualTo("submission:" + s.getLong("id"));
                        });
    }

    @Test
    void derivesAgeBandMonthAndLocalAuthorityAndDropsTheDateOfBirth() throws Exception {
        long id =
                Extracts.push(POLICE, Extracts.period(2), HEADER + "\n" + GOOD + "\n")
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        try (var c = TestDatabase.superuser();
                var rs =
                        c.createStatement()
                                .executeQuery(
                                        "SELECT age_band, event_month, local_authority, person_id, attrs::text FROM feed_row WHERE submission_id = "
                                                + id)) {
            rs.next();
            assertThat(rs.getString(1))
                    .isEqualTo("18-24"); // born 2007-05-01, offence 2025-06-14: 18
            assertThat(rs.getString(2)).isEqualTo("2025-06-01");
            assertThat(rs.getString(3)).isEqualTo(Extracts.DATA.lsoaLookup().get("E01090001"));
            assertThat(rs.getString(4)).matches("[A-Za-z0-9_-]{22}").isNotEqualTo("P1001");
            assertThat(rs.getString(5))
                    .contains("\"knife_flag\": true")
                    .doesNotContain("2007-05-01")
                    .doesNotContain("S2002");
        }
    }

    @Test
    void acceptsNdjson() throws Exception {
        String ndjson =
                "{\"crime_reference\":\"2025/CR/9/1\",\"victim_id\":\"P77\",\"offence_code\":\"34B\",\"offence_group\":\"robbery\","
                        + "\"knife_flag\":true,\"firearm_flag\":false,\"domestic_abuse_flag\":false,\"occurred_at\":\"2025-03-02T10:00Z\","
                        + "\"lsoa\":\"E01090002\",\"victim_age\":17,\"victim_sex\":\"F\",\"victim_ethnicity\":\"B1\"}\n";
        JsonPath s =
                Extracts.push(
                                Tokens.of("wm-police", "submitter"),
                                POLICE,
                                Extracts.period(3),
                                "application/x-ndjson",
                                ndjson + ndjson)
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath();
        assertThat(s.getLong("rowsStored")).isEqualTo(2);
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                Arguments.of(
                        "an unknown code",
                        GOOD.replace("violence-with-injury", "fisticuffs"),
                        "offence_group",
                        "is not one of the allowed codes"),
                Arguments.of(
                        "a bad boolean",
                        GOOD.replace(",true,false,false,", ",maybe,false,false,"),
                        "knife_flag",
                        "must be true or false"),
                Arguments.of(
                        "an impossible date",
                        GOOD.replace("2025-06-14T21:00", "2025-02-30T21:00"),
                        "occurred_at",
                        "must be a date and time"),
                Arguments.of(
                        "a malformed LSOA",
                        GOOD.replace("E01090001", "E1234"),
                        "lsoa",
                        "must be an LSOA 2021 code"),
                Arguments.of(
                        "an LSOA not in the lookup",
                        GOOD.replace("E01090001", "E01000001"),
                        "lsoa",
                        "not an LSOA 2021 code in the geography lookup"),
                Arguments.of(
                        "a local authority that does not hold the LSOA",
                        GOOD.replace("E01090001,,", "E01090001,E08000031,"),
                        "local_authority",
                        "does not contain the row's LSOA"),
                Arguments.of(
                        "an age out of range",
                        GOOD.replace("2007-05-01,,", ",130,"),
                        "victim_age",
                        "must be between 0 and 120"),
                Arguments.of(
                        "a date of birth after the event",
                        GOOD.replace("2007-05-01", "2026-01-01"),
                        "victim_date_of_birth",
                        "is after the event date"),
                Arguments.of(
                        "a missing required value",
                        GOOD.replace(",M,W1", ",,W1"),
                        "victim_sex",
                        "is required"),
                Arguments.of(
                        "an identifier in the wrong format",
                        GOOD.replace("P1001", "P 1001!"),
                        "victim_id",
                        "is not in the identifier's format"),
                Arguments.of(
                        "a short row",
                        "2025/CR/1/77,P1001",
                        "(row)",
                        "has 2 fields but the header has 15"));
    }

    @ParameterizedTest(name = "rejects {0} and stores nothing")
    @MethodSource("badRows")
    void rejectsAnInvalidRowAndStoresNothing(
            String what, String badRow, String field, String reason) throws Exception {
        long rows = allRows();
        long subs = submissions();
        long before = AuditTrail.head();
        Extracts.push(
                        POLICE,
                        Extracts.period(4),
                        HEADER + "\n" + GOOD + "\n" + badRow + "\n" + GOOD + "\n")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:invalid-rows"))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].reason", containsString(reason))
                .body("invalidRowCount", equalTo(1));
        assertThat(allRows()).isEqualTo(rows);
        assertThat(submissions()).isEqualTo(subs);
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("submission.push");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.reason()).contains("1 invalid rows");
                        });
    }

    @Test
    void headerProblemsAreNamedAndNothingIsStored() throws Exception {
        long rows = allRows();
        Extracts.push(
                        POLICE,
                        Extracts.period(5),
                        HEADER.replace("victim_sex,", "shoe_size,") + "\n" + GOOD + "\n")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:invalid-header"))
                // the unknown column by its position, never by what the extract called it
                .body(
                        "errors.field",
                        hasItem("column " + (List.of(HEADER.split(",")).indexOf("victim_sex") + 1)))
                .body(not(containsString("shoe_size")))
                .body("errors.field", hasItem("victim_sex"));
        assertThat(allRows()).isEqualTo(rows);
    }

    @Test
    void errorsNeverEchoTheRawIdentifier() {
        String secret = "Q9X8Z7-NOT-ALLOWED!";
        String body =
                Extracts.push(
                                POLICE,
                                Extracts.period(6),
                                HEADER + "\n" + GOOD.replace("P1001", secret) + "\n")
                        .then()
                        .statusCode(422)
                        .extract()
                        .asString();
        assertThat(body).doesNotContain(secret).doesNotContain("Q9X8Z7");
    }

    @Test
    void listsTheFirstThousandErrorsAndCountsThemAll() {
        int badRows = 1_500;
        int goodRows = 0;
        StringBuilder body = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < badRows; i++) {
            // every bad row breaks two fields: two errors, one invalid row
            body.append(GOOD.replace(",M,W1", ",Q,W1").replace(",true,", ",maybe,")).append('\n');
            if (i % 37 == 0) {
                body.append(GOOD).append('\n');
                goodRows++;
            }
        }
        JsonPath problem =
                Extracts.push(POLICE, Extracts.period(7), body.toString())
                        .then()
                        .statusCode(422)
                        .extract()
                        .jsonPath();
        assertThat(problem.getList("errors")).hasSize(1_000);
        assertThat(problem.getInt("errorCount")).isEqualTo(2 * badRows);
        assertThat(problem.getInt("invalidRowCount")).isEqualTo(badRows);
        assertThat(problem.getInt("rowsReceived")).isEqualTo(badRows + goodRows);
    }

    @Test
    void skipModeStoresTheValidRowsAndRecordsTheRejects() throws Exception {
        String body =
                HEADER + "\n" + GOOD + "\n" + GOOD.replace(",M,W1", ",Q,W1") + "\n" + GOOD + "\n";
        JsonPath s =
                given().auth()
                        .oauth2(Tokens.of("wm-police", "submitter"))
                        .contentType("text/csv")
                        .body(body)
                        .post(
                                "/api/v1/feeds/"
                                        + POLICE
                                        + "/submissions?invalidRows=skip&period="
                                        + Extracts.period(8))
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath();
        assertThat(s.getLong("rowsStored")).isEqualTo(2);
        assertThat(s.getLong("rowsRejected")).isEqualTo(1);
        assertThat(s.getList("rowErrors.line", Integer.class)).containsExactly(3);
        assertThat(rowsOf(s.getLong("id"))).isEqualTo(2);
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .get("/api/v1/submissions/" + s.getLong("id"))
                .then()
                .statusCode(200)
                .body("rowErrors[0].field", equalTo("victim_sex"));
    }

    @Test
    void theSameIdempotencyKeyAndBodyReplayTheOriginalAndADifferentBodyConflicts()
            throws Exception {
        String key = "extract-" + UUID.randomUUID();
        String period = Extracts.period(9);
        String body = Extracts.police(50);
        Response first =
                given().auth()
                        .oauth2(Tokens.of("wm-police", "submitter"))
                        .contentType("text/csv")
                        .header("Idempotency-Key", key)
                        .body(body)
                        .post("/api/v1/feeds/" + POLICE + "/submissions?period=" + period);
        first.then().statusCode(201);
        long id = first.jsonPath().getLong("id");
        long rows = allRows();
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .contentType("text/csv")
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/feeds/" + POLICE + "/submissions?period=" + period)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo((int) id));
        assertThat(allRows()).isEqualTo(rows);
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .contentType("text/csv")
                .header("Idempotency-Key", key)
                .body(Extracts.police(51))
                .post("/api/v1/feeds/" + POLICE + "/submissions?period=" + period)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:pactum:problem:idempotency-key-reused"));
        assertThat(allRows()).isEqualTo(rows);
        // The same body under the same key for another period is another request, not a replay.
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .contentType("text/csv")
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/feeds/" + POLICE + "/submissions?period=" + Extracts.period(10))
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:pactum:problem:idempotency-key-reused"));
        assertThat(allRows()).isEqualTo(rows);
    }

    @Test
    void aLaterPushForTheSamePeriodReplacesTheEarlierOne() throws Exception {
        String period = Extracts.period(10);
        long first =
                Extracts.push(POLICE, period, Extracts.police(40))
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        JsonPath second =
                Extracts.push(POLICE, period, Extracts.police(25))
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath();
        assertThat(second.getList("replaced", Long.class)).containsExactly(first);
        assertThat(rowsOf(first)).isZero();
        assertThat(rowsOf(second.getLong("id"))).isEqualTo(25);
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .get("/api/v1/submissions/" + first)
                .then()
                .statusCode(200)
                .body("status", equalTo("REPLACED"))
                .body("replacedBy", equalTo(second.getInt("id")));
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM submission WHERE provider = 'wm-police' AND feed = ? AND period = ? "
                                        + "AND status = 'ACCEPTED'",
                                POLICE,
                                period))
                .isEqualTo(1);
    }

    @Test
    void anotherOrganisationCannotPushThisFeed() throws Exception {
        long before = AuditTrail.head();
        Extracts.push(
                        Tokens.of("dudley-mbc", "submitter"),
                        POLICE,
                        Extracts.period(11),
                        "text/csv",
                        Extracts.police(5))
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:pactum:problem:not-the-provider"));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.reason())
                                    .contains(
                                            "dudley-mbc does not provide police-recorded-violence");
                        });
    }

    @Test
    void withoutACoveringAgreementAPushIsRefused() throws Exception {
        String org = "pol-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body(
                        Map.of(
                                "code",
                                org,
                                "name",
                                "Another force",
                                "type",
                                "POLICE",
                                "areas",
                                List.of("E23000008")))
                .post("/api/v1/organisations")
                .then()
                .statusCode(201);
        long before = AuditTrail.head();
        Extracts.push(
                        Tokens.of(org, "submitter"),
                        POLICE,
                        Extracts.period(12),
                        "text/csv",
                        Extracts.police(5))
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:pactum:problem:no-covering-agreement"));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> assertThat(r.reason()).contains("no ACTIVE agreement covers " + org));
    }

    @Test
    void onlySubmittersMayPushAndATokenIsRequired() {
        Extracts.push(
                        Tokens.analyst("wm-police"),
                        POLICE,
                        Extracts.period(1),
                        "text/csv",
                        Extracts.police(2))
                .then()
                .statusCode(403);
        given().contentType("text/csv")
                .body(Extracts.police(2))
                .post("/api/v1/feeds/" + POLICE + "/submissions?period=2025-01")
                .then()
                .statusCode(401);
    }

    @Test
    void badParametersAreNamed() {
        Extracts.push(
                        Tokens.of("wm-police", "submitter"),
                        POLICE,
                        "last-month",
                        "text/csv",
                        Extracts.police(2))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("period"));
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/feeds/" + POLICE + "/submissions?period=2025-01")
                .then()
                .statusCode(415)
                .body("type", equalTo("urn:pactum:problem:unsupported-media-type"));
        Extracts.push(
                        Tokens.of("wm-police", "submitter"),
                        "no-such-feed",
                        "2025-01",
                        "text/csv",
                        "a\n1\n")
                .then()
                .statusCode(404);
    }

    @Test
    void theProviderWithdrawsASubmissionAndItsRowsGo() throws Exception {
        long id =
                Extracts.push(POLICE, Extracts.period(3), Extracts.police(20))
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        given().auth()
                .oauth2(Tokens.igLead("dudley-mbc"))
                .delete("/api/v1/submissions/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.igLead("dudley-mbc"))
                .get("/api/v1/submissions/" + id)
                .then()
                .statusCode(403);
        long before = AuditTrail.head();
        given().auth()
                .oauth2(Tokens.igLead("wm-police"))
                .delete("/api/v1/submissions/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        assertThat(rowsOf(id)).isZero();
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("submission.withdraw");
                            assertThat(r.target()).isEqualTo("submission:" + id);
                        });
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .delete("/api/v1/submissions/" + id)
                .then()
                .statusCode(409);
        assertThat(
                        given().auth()
                                .oauth2(Tokens.of("wm-police", "submitter"))
                                .get("/api/v1/submissions?status=WITHDRAWN")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("id", Long.class))
                .contains(id);
    }

    @Test
    void theBearerTokenAndRawValuesNeverReachTheResponse() {
        String token = Tokens.of("wm-police", "submitter");
        String body =
                Extracts.push(token, POLICE, "bad", "text/csv", Extracts.police(2))
                        .then()
                        .statusCode(400)
                        .extract()
                        .asString();
        assertThat(body).doesNotContain(token);
        Extracts.push(
                        token,
                        POLICE,
                        Extracts.period(2),
                        "text/csv",
                        HEADER + "\n" + GOOD.replace("2007-05-01", "1850-01-01") + "\n")
                .then()
                .body(not(containsString("1850-01-01")));
    }
}
