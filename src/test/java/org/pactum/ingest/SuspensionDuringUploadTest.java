package org.pactum.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
import org.pactum.support.Partnerships;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * The agreement is checked when a push starts and again before it commits: an agreement suspended
 * while an extract is being uploaded stops that upload, and nothing is stored.
 */
@QuarkusTest
class SuspensionDuringUploadTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void anAgreementSuspendedDuringAnUploadStopsIt() throws Exception {
        Partnerships.Provision p = Partnerships.policeProvision();
        byte[] body = Extracts.police(400).getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        long before = AuditTrail.head();
        long idsBefore = lastSubmissionId();
        String response;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            String head =
                    "POST /api/v1/feeds/police-recorded-violence/submissions?period="
                            + Extracts.period(1)
                            + " HTTP/1.1\r\nHost: "
                            + base.getHost()
                            + "\r\nAuthorization: Bearer "
                            + p.submitter()
                            + "\r\nContent-Type: text/csv\r\nContent-Length: "
                            + body.length
                            + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            waitUntilThePushIsUnderWay(idsBefore);
            given().auth()
                    .oauth2(Tokens.igLead(p.provider()))
                    .contentType("application/json")
                    .body(Map.of("reason", "breach under investigation"))
                    .post("/api/v1/agreements/" + p.agreementId() + "/suspend")
                    .then()
                    .statusCode(200);
            out.write(body, half, body.length - half);
            out.flush();
            response = readAll(socket.getInputStream());
        }
        assertThat(response).startsWith("HTTP/1.1 409");
        assertThat(response).contains("urn:pactum:problem:no-covering-agreement");
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM submission WHERE provider = ?", p.provider()))
                .isZero();
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM feed_row WHERE provider = ?", p.provider()))
                .isZero();
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("submission.push");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.actorOrganisation()).isEqualTo(p.provider());
                            assertThat(r.reason()).contains("no ACTIVE agreement");
                        });
    }

    private static long lastSubmissionId() throws Exception {
        return TestDatabase.queryLong("SELECT last_value FROM submission_id_seq");
    }

    /**
     * A push draws its submission id (a sequence, visible at once) only after its first agreement
     * check, when it starts streaming the body: the suspension must come after that.
     */
    private static void waitUntilThePushIsUnderWay(long idsBefore) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (lastSubmissionId() == idsBefore) {
            assertThat(System.currentTimeMillis()).as("the push started").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
