package org.pactum.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
import org.pactum.support.Partnerships;
import org.pactum.support.TestDatabase;

/**
 * An extract that would store no rows never silently replaces a period's data: it is refused (422)
 * unless the provider says, with an audited parameter, that the period really is empty.
 */
@QuarkusTest
class EmptyExtractTest {

    private static final String POLICE = "police-recorded-violence";
    private static final String HEADER = SyntheticData.POLICE_HEADER;

    private static Partnerships.Provision force;

    private static synchronized Partnerships.Provision force() {
        if (force == null) {
            force = Partnerships.policeProvision();
        }
        return force;
    }

    private static Response push(String query, String contentType, String body) {
        return given().auth()
                .oauth2(force().submitter())
                .contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/feeds/" + POLICE + "/submissions?" + query);
    }

    /** Pushes {@code rows} good rows for the period and returns the submission's id. */
    private static long goodSubmission(String period, int rows) {
        return push("period=" + period, "text/csv", Extracts.police(rows))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static long rowsOf(long id) throws Exception {
        return TestDatabase.queryLong("SELECT count(*) FROM feed_row WHERE submission_id = ?", id);
    }

    private static long acceptedOf(long id) throws Exception {
        return TestDatabase.queryLong(
                "SELECT count(*) FROM submission WHERE id = ? AND status = 'ACCEPTED'", id);
    }

    private static long submissionsOf(String period) throws Exception {
        return TestDatabase.queryLong(
                "SELECT count(*) FROM submission WHERE provider = ? AND period = ?",
                force().provider(),
                period);
    }

    private void assertRefusedAsEmpty(String period, String query, String type, String body)
            throws Exception {
        long earlier = goodSubmission(period, 7);
        long before = AuditTrail.head();
        push("period=" + period + query, type, body)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:empty-extract"));
        assertThat(rowsOf(earlier)).isEqualTo(7);
        assertThat(acceptedOf(earlier)).isEqualTo(1);
        assertThat(submissionsOf(period)).isEqualTo(1);
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("submission.push");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.actorOrganisation()).isEqualTo(force().provider());
                            assertThat(r.reason()).contains("no rows");
                        });
    }

    @Test
    void aHeaderOnlyCsvIsRefusedAndTheEarlierSubmissionKeepsItsRows() throws Exception {
        assertRefusedAsEmpty(Extracts.period(1), "", "text/csv", HEADER + "\n");
    }

    @Test
    void anEmptyNdjsonBodyIsRefusedAndTheEarlierSubmissionKeepsItsRows() throws Exception {
        assertRefusedAsEmpty(Extracts.period(2), "", "application/x-ndjson", "");
    }

    @Test
    void blankLinesOnlyAreAnEmptyExtractToo() throws Exception {
        assertRefusedAsEmpty(Extracts.period(3), "", "application/x-ndjson", "\n\n  \n");
    }

    @Test
    void skipModeWithEveryRowInvalidIsRefusedAndTheEarlierSubmissionKeepsItsRows()
            throws Exception {
        String bad = Extracts.police(3).replace(",M,", ",Q,").replace(",F,", ",Q,");
        assertRefusedAsEmpty(Extracts.period(4), "&invalidRows=skip", "text/csv", bad);
    }

    @Test
    void aPeriodDeclaredEmptyReplacesTheEarlierSubmissionAndTheDeclarationIsAudited()
            throws Exception {
        String period = Extracts.period(5);
        long earlier = goodSubmission(period, 4);
        long id =
                push("period=" + period + "&emptyPeriod=true", "text/csv", HEADER + "\n")
                        .then()
                        .statusCode(201)
                        .body("rowsStored", equalTo(0))
                        .body("rowsReceived", equalTo(0))
                        .body("replaced[0]", equalTo((int) earlier))
                        .extract()
                        .jsonPath()
                        .getLong("id");
        assertThat(rowsOf(earlier)).isZero();
        assertThat(acceptedOf(earlier)).isZero();
        assertThat(acceptedOf(id)).isEqualTo(1);
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE action = 'submission.accept' "
                                        + "AND target = ? AND (detail->>'emptyPeriod')::boolean",
                                "submission:" + id))
                .isEqualTo(1);
    }

    @Test
    void aPeriodDeclaredEmptyMustHoldNoRows() throws Exception {
        String period = Extracts.period(6);
        long earlier = goodSubmission(period, 3);
        long before = AuditTrail.head();
        push("period=" + period + "&emptyPeriod=true", "text/csv", Extracts.police(2))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:not-an-empty-extract"));
        assertThat(rowsOf(earlier)).isEqualTo(3);
        assertThat(acceptedOf(earlier)).isEqualTo(1);
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("submission.push");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                        });
    }

    @Test
    void emptyPeriodTakesOnlyTrueOrFalse() throws Exception {
        long before = AuditTrail.head();
        push("period=" + Extracts.period(7) + "&emptyPeriod=maybe", "text/csv", HEADER + "\n")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("emptyPeriod"));
        assertThat(AuditTrail.since(before))
                .anySatisfy(r -> assertThat(r.outcome()).isEqualTo("DENIED"));
    }
}
