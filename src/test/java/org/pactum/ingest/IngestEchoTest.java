package org.pactum.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.support.Extracts;
import org.pactum.support.Partnerships;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * No error body, stored row error, log line or audit entry repeats a submitted value: columns, keys
 * and dimensions are named by position or by the schema's own vocabulary.
 */
@QuarkusTest
class IngestEchoTest {

    private static final String POLICE = "police-recorded-violence";

    private static Partnerships.Provision force;

    private static synchronized Partnerships.Provision force() {
        if (force == null) {
            force = Partnerships.policeProvision();
        }
        return force;
    }

    /** Where a value turned up: every table of the database, and the application log. */
    private static List<String> whereFound(String value) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = TestDatabase.superuser();
                ResultSet tables =
                        c.createStatement()
                                .executeQuery(
                                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertThat(names).contains("submission", "audit_entry");
            for (String table : names) {
                try (var ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM " + table + " t WHERE t::text ILIKE ?")) {
                    ps.setString(1, "%" + value + "%");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add("table " + table);
                        }
                    }
                }
            }
        }
        String log = Files.readString(Path.of("target", "pactum-test.log"));
        assertThat(log).as("the application log is being written").isNotEmpty();
        if (log.toUpperCase().contains(value.toUpperCase())) {
            found.add("the log");
        }
        return found;
    }

    @Test
    void aCsvWithoutItsHeaderRowIsRefusedNamingColumnsByPosition() throws Exception {
        String victim = "Q9LEAKVICTIMHDR";
        String suspect = "Q9LEAKSUSPECTHDR";
        String row =
                "2025/CR/1/77,"
                        + victim
                        + ","
                        + suspect
                        + ",8N,violence-with-injury,true,false,false,2025-06-14T21:00,E01090001,,1999-12-31,,M,W1";
        int columns = row.split(",", -1).length;
        String body =
                Extracts.push(
                                force().submitter(),
                                POLICE,
                                Extracts.period(1),
                                "text/csv",
                                row + "\n" + row.replace("77", "78") + "\n")
                        .then()
                        .statusCode(422)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:pactum:problem:invalid-header"))
                        .extract()
                        .asString();
        JsonPath problem = JsonPath.from(body);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            expected.add("column " + i);
        }
        assertThat(
                        problem.getList(
                                "errors.findAll { it.reason.startsWith('is not a column') }.field",
                                String.class))
                .containsExactlyElementsOf(expected);
        for (String value : List.of(victim, suspect, "1999-12-31", "2025/CR/1/77")) {
            assertThat(body).doesNotContain(value);
        }
        assertThat(whereFound(victim)).isEmpty();
        assertThat(whereFound(suspect)).isEmpty();
        assertThat(whereFound("1999-12-31")).isEmpty();
    }

    @Test
    void anNdjsonKeyIsNeitherEchoedNorStoredInRowErrors() throws Exception {
        String key = "Q9LEAKKEYNDJSON";
        String good =
                "{\"crime_reference\":\"2025/CR/9/1\",\"victim_id\":\"P77\",\"offence_code\":\"34B\",\"offence_group\":\"robbery\","
                        + "\"knife_flag\":true,\"firearm_flag\":false,\"domestic_abuse_flag\":false,\"occurred_at\":\"2025-03-02T10:00Z\","
                        + "\"lsoa\":\"E01090002\",\"victim_age\":17,\"victim_sex\":\"F\",\"victim_ethnicity\":\"B1\"}";
        String keyed = good.replace("{", "{\"" + key + "\":\"x\",");
        String body =
                given().auth()
                        .oauth2(force().submitter())
                        .contentType("application/x-ndjson")
                        .body(
                                (good + "\n" + keyed + "\n")
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .post(
                                "/api/v1/feeds/"
                                        + POLICE
                                        + "/submissions?invalidRows=skip&period="
                                        + Extracts.period(2))
                        .then()
                        .statusCode(201)
                        .body("rowsStored", equalTo(1))
                        .body("rowsRejected", equalTo(1))
                        .body("rowErrors[0].line", equalTo(2))
                        .body("rowErrors[0].field", equalTo("(row)"))
                        .extract()
                        .asString();
        assertThat(body).doesNotContain(key);
        // all or nothing: the 422 does not echo it either
        String refused =
                Extracts.push(
                                force().submitter(),
                                POLICE,
                                Extracts.period(3),
                                "application/x-ndjson",
                                keyed + "\n")
                        .then()
                        .statusCode(422)
                        .extract()
                        .asString();
        assertThat(refused).doesNotContain(key);
        assertThat(whereFound(key)).isEmpty();
    }

    @Test
    void aRepeatedOrUnknownDimensionIsNotEchoed() throws Exception {
        String secret = "Q9LEAKDIMENSION";
        String url = "/api/v1/agreements/" + force().agreementId() + "/aggregates";
        String analyst = Tokens.analyst(force().recipient());
        String repeated =
                given().auth()
                        .oauth2(analyst)
                        .contentType("application/json")
                        .body(Map.of("feed", POLICE, "dimensions", List.of(secret, secret)))
                        .post(url)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors[0].field", equalTo("dimensions[1]"))
                        .extract()
                        .asString();
        assertThat(repeated).doesNotContain(secret);
        String unknown =
                given().auth()
                        .oauth2(analyst)
                        .contentType("application/json")
                        .body(
                                Map.of(
                                        "feed",
                                        POLICE,
                                        "dimensions",
                                        List.of("offence_group"),
                                        "filters",
                                        Map.of(secret, List.of("x"))))
                        .post(url)
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .extract()
                        .asString();
        assertThat(unknown).doesNotContain(secret);
        assertThat(whereFound(secret)).isEmpty();
    }

    @Test
    void aHeaderProblemAndABodyThatIsNotUtf8AreAuditedRefusals() throws Exception {
        long before = org.pactum.support.AuditTrail.head();
        Extracts.push(
                        force().submitter(),
                        POLICE,
                        Extracts.period(4),
                        "text/csv",
                        SyntheticData.POLICE_HEADER.replace("victim_sex", "shoe_size") + "\n")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:invalid-header"));
        byte[] latin1 =
                (SyntheticData.POLICE_HEADER
                                + "\n2025/CR/1/77,P1001,S2002,8N,violence-with-injury,true,false,false,"
                                + "2025-06-14T21:00,E01090001,,2007-05-01,,M,W1 caf\u00e9\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        given().auth()
                .oauth2(force().submitter())
                .contentType("text/csv")
                .body(latin1)
                .post("/api/v1/feeds/" + POLICE + "/submissions?period=" + Extracts.period(5))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:unreadable-body"));
        List<org.pactum.support.AuditTrail.Row> denied =
                org.pactum.support.AuditTrail.since(before).stream()
                        .filter(r -> "DENIED".equals(r.outcome()))
                        .filter(r -> force().provider().equals(r.actorOrganisation()))
                        .toList();
        assertThat(denied).hasSize(2);
        assertThat(denied.get(0).reason()).contains("header");
        assertThat(denied.get(1).reason()).contains("UTF-8");
    }

    @Test
    void anAuditSearchTermThatIsNotACodeIsNotRecorded() throws Exception {
        String secret = "Q9LEAKAUDITSEARCH";
        given().auth()
                .oauth2(Tokens.igLead(force().provider()))
                .get("/api/v1/audit?action=" + secret + "&agreementId=9434765919")
                .then()
                .statusCode(200);
        assertThat(whereFound(secret)).isEmpty();
        assertThat(whereFound("9434765919")).isEmpty();
        given().auth()
                .oauth2(Tokens.igLead(force().provider()))
                .get("/api/v1/audit?action=submission.accept")
                .then()
                .statusCode(200);
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE action = 'audit.read' "
                                        + "AND actor_organisation = ? AND detail->'filter'->>'action' = ?",
                                force().provider(),
                                "submission.accept"))
                .isEqualTo(1);
    }
}
