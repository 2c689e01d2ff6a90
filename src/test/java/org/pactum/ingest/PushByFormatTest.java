package org.pactum.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * One content type per push operation (issue 17): {@code /csv} takes CSV only, {@code /ndjson}
 * NDJSON only, so a client generated from the contract never sends one format as the other.
 */
@QuarkusTest
class PushByFormatTest {

    private static final String POLICE = "police-recorded-violence";
    private static final String ROW =
            "2025/CR/1/%d,P%d,,8N,violence-with-injury,true,false,false,2025-06-14T21:00,E01090001,,2007-05-01,,M,W1";
    private static final String NDJSON_ROW =
            "{\"crime_reference\":\"2025/CR/9/%d\",\"victim_id\":\"P%d\",\"offence_code\":\"34B\",\"offence_group\":\"robbery\","
                    + "\"knife_flag\":true,\"firearm_flag\":false,\"domestic_abuse_flag\":false,\"occurred_at\":\"2025-03-02T10:00Z\","
                    + "\"lsoa\":\"E01090002\",\"victim_age\":17,\"victim_sex\":\"F\",\"victim_ethnicity\":\"B1\"}\n";

    private static Response push(String format, String contentType, String body, String token) {
        Extracts.allFeedsAgreement();
        return given().auth()
                .oauth2(token)
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(
                        "/api/v1/feeds/"
                                + POLICE
                                + "/submissions/"
                                + format
                                + "?period="
                                + Extracts.period(6));
    }

    private static String submitter() {
        return Tokens.of("wm-police", "submitter");
    }

    private static long rowsOf(long submission) throws Exception {
        return TestDatabase.queryLong(
                "SELECT count(*) FROM feed_row WHERE submission_id = ?", submission);
    }

    @Test
    void csvGoesToItsOwnOperation() throws Exception {
        String csv =
                SyntheticData.POLICE_HEADER
                        + "\n"
                        + String.format(ROW, 1, 11)
                        + "\n"
                        + String.format(ROW, 2, 12)
                        + "\n"
                        + String.format(ROW, 3, 13)
                        + "\n";
        long id =
                push("csv", "text/csv", csv, submitter())
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        assertThat(rowsOf(id)).isEqualTo(3);
    }

    @Test
    void ndjsonGoesToItsOwnOperation() throws Exception {
        String ndjson = String.format(NDJSON_ROW, 1, 21) + String.format(NDJSON_ROW, 2, 22);
        long id =
                push("ndjson", "application/x-ndjson", ndjson, submitter())
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        assertThat(rowsOf(id)).isEqualTo(2);
    }

    @Test
    void theOtherFormatIsRefusedWith415AndNothingIsStored() throws Exception {
        long before = TestDatabase.queryLong("SELECT count(*) FROM submission");
        String ndjson = String.format(NDJSON_ROW, 3, 31);
        push("csv", "application/x-ndjson", ndjson, submitter())
                .then()
                .statusCode(415)
                .body("type", equalTo("urn:pactum:problem:unsupported-media-type"));
        push("ndjson", "text/csv", SyntheticData.POLICE_HEADER + "\n", submitter())
                .then()
                .statusCode(415)
                .body("type", equalTo("urn:pactum:problem:unsupported-media-type"));
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM submission")).isEqualTo(before);
    }

    @Test
    void aPushNeedsASubmittersToken() {
        String ndjson = String.format(NDJSON_ROW, 4, 41);
        given().contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/feeds/" + POLICE + "/submissions/ndjson?period=2025-03")
                .then()
                .statusCode(401);
        push("ndjson", "application/x-ndjson", ndjson, Tokens.analyst("dudley-mbc"))
                .then()
                .statusCode(403);
    }
}
