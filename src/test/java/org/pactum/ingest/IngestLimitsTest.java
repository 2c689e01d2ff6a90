package org.pactum.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pactum.feed.FeedService;
import org.pactum.support.AuditTrail;
import org.pactum.support.CubeTruth;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * The limits on a push (body size, row length) and an upload cut off half way: nothing is left
 * behind.
 */
@QuarkusTest
@TestProfile(SmallLimitsProfile.class)
class IngestLimitsTest {

    @TestHTTPResource("/")
    URL base;

    private static long rows() throws Exception {
        return TestDatabase.queryLong("SELECT count(*) FROM feed_row");
    }

    private static long submissions() throws Exception {
        return TestDatabase.queryLong("SELECT count(*) FROM submission");
    }

    @Inject AgroalDataSource dataSource;

    @Inject FeedService feeds;

    @Test
    void aPushWithMoreCubeCellsThanTheLimitGetsThemFromItsStoredRows() throws Exception {
        long id =
                Extracts.push("police-recorded-violence", Extracts.period(8), Extracts.police(120))
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM release_cube WHERE submission_id = ?", id))
                .as("more cells than the in-memory limit of 20")
                .isGreaterThan(20);
        CubeTruth.assertCubeMatchesRows(dataSource, feeds);
    }

    @Test
    void anOversizedBodyIsRefusedWith413AndNothingIsStored() throws Exception {
        String big = Extracts.police(12_000); // about 1.3 MB, over the 1,000,000-byte limit
        long before = rows();
        Extracts.push("police-recorded-violence", Extracts.period(1), big)
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:payload-too-large"));
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void anOversizedStreamWithoutContentLengthIsCutOffToo() throws Exception {
        byte[] big = Extracts.police(12_000).getBytes(StandardCharsets.UTF_8);
        long before = rows();
        Extracts.allFeedsAgreement();
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .contentType("text/csv")
                .body(new ByteArrayInputStream(big))
                .post(
                        "/api/v1/feeds/police-recorded-violence/submissions?period="
                                + Extracts.period(2))
                .then()
                .statusCode(413);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aRowOverTheLengthLimitIsRefused() throws Exception {
        String header = org.pactum.demo.SyntheticData.POLICE_HEADER;
        String longRow =
                "2025/CR/1/1,P1,"
                        + "S".repeat(500)
                        + ",8N,violence-with-injury,true,false,false,2025-06-14T21:00,E01090001,,,20,M,W1";
        long before = rows();
        Extracts.push(
                        "police-recorded-violence",
                        Extracts.period(3),
                        header + "\n" + longRow + "\n")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:unreadable-body"))
                .body("errors[0].line", equalTo(2));
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aRowWithMoreFieldsThanTheLimitIsRefused() throws Exception {
        String header = org.pactum.demo.SyntheticData.POLICE_HEADER;
        String wide =
                "2025/CR/1/1,P1,,8N,violence-with-injury,true,false,false,2025-06-14T21:00,E01090001,,,20,M,W1"
                        + ",x".repeat(10);
        long before = rows();
        Extracts.push("police-recorded-violence", Extracts.period(5), header + "\n" + wide + "\n")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:unreadable-body"))
                .body("detail", org.hamcrest.Matchers.containsString("more than 20 fields"));
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void anUploadCutOffHalfWayLeavesNothingBehind() throws Exception {
        Extracts.allFeedsAgreement();
        long rowsBefore = rows();
        long subsBefore = submissions();
        long auditBefore = AuditTrail.head();
        byte[] part = Extracts.police(60).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            String head =
                    "POST /api/v1/feeds/police-recorded-violence/submissions?period="
                            + Extracts.period(4)
                            + " HTTP/1.1\r\n"
                            + "Host: "
                            + base.getHost()
                            + "\r\nAuthorization: Bearer "
                            + Tokens.of("wm-police", "submitter")
                            + "\r\n"
                            + "Content-Type: text/csv\r\nContent-Length: "
                            + (part.length * 2)
                            + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.flush();
            Thread.sleep(500);
        } // closed with half the promised body sent
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline
                && AuditTrail.since(auditBefore).stream()
                        .noneMatch(r -> "submission.push".equals(r.action()))) {
            Thread.sleep(200);
        }
        assertThat(AuditTrail.since(auditBefore))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("submission.push");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.reason()).contains("upload interrupted");
                        });
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(submissions()).isEqualTo(subsBefore);
    }
}
