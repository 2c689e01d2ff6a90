package org.pactum.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.Tokens;

/**
 * The console's sign-in, session and refusals over plain HTTP (the browser journeys are
 * ConsoleBrowserTest).
 */
@QuarkusTest
class ConsoleHttpTest {

    static String demoSession(String identity) {
        Response r =
                given().redirects()
                        .follow(false)
                        .formParam("identity", identity)
                        .post("/console/sign-in/demo");
        assertThat(r.statusCode()).isEqualTo(303);
        return r.getCookie(ConsoleSession.COOKIE);
    }

    /** The form token, computed independently of the console: SHA-256 of the session, base64url. */
    static String formToken(String session) throws Exception {
        byte[] d =
                MessageDigest.getInstance("SHA-256")
                        .digest(("console-form:" + session).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    }

    @Test
    void theSignInPageOffersTheDemoIdentitiesInTheEmbeddedDefault() {
        String page = given().get("/console/sign-in").then().statusCode(200).extract().asString();
        assertThat(page).contains("href=\"/console/sign-in/demo\"").doesNotContain("sign-in-oidc");
        String list =
                given().get("/console/sign-in/demo").then().statusCode(200).extract().asString();
        assertThat(list).contains("dudley-mbc-ig-lead", "wm-police-submitter", ">admin<");
    }

    @Test
    void demoSignInSetsAnHttpOnlyConsoleCookieAndLandsOnTheRolesPage() {
        Response r =
                given().redirects()
                        .follow(false)
                        .formParam("identity", "dudley-mbc-analyst")
                        .post("/console/sign-in/demo");
        assertThat(r.statusCode()).isEqualTo(303);
        var cookie = r.getDetailedCookie(ConsoleSession.COOKIE);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/console");
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Lax");
        given().redirects()
                .follow(false)
                .cookie(ConsoleSession.COOKIE, cookie.getValue())
                .get("/console")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/agreements"));
    }

    @Test
    void anUnknownDemoIdentityIsRefusedWithAPage() {
        String page =
                given().formParam("identity", "nobody")
                        .post("/console/sign-in/demo")
                        .then()
                        .statusCode(400)
                        .contentType(org.hamcrest.Matchers.startsWith("text/html"))
                        .extract()
                        .asString();
        assertThat(page).contains("Choose a demo identity").doesNotContain("nobody");
    }

    @Test
    void pagesWithoutASessionGoToSignIn() {
        for (String path :
                List.of(
                        "/console/agreements",
                        "/console/audit",
                        "/console/submissions",
                        "/console/admin/feeds")) {
            given().redirects()
                    .follow(false)
                    .get(path)
                    .then()
                    .statusCode(303)
                    .header("Location", org.hamcrest.Matchers.endsWith("/console/sign-in"));
        }
    }

    @Test
    void aRejectedTokenEndsTheSessionAndGoesToSignIn() {
        given().redirects()
                .follow(false)
                .cookie(ConsoleSession.COOKIE, Tokens.unsignedAdmin())
                .get("/console/admin/organisations")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/sign-in"))
                .header("Set-Cookie", org.hamcrest.Matchers.containsString("Max-Age=0"));
    }

    @Test
    void aFormWithoutTheSessionsTokenIsRefusedAndAudited() throws Exception {
        String id = Agreements.active(Agreements.recordContent());
        String session = demoSession("dudley-mbc-ig-lead");
        long before = AuditTrail.head();
        String page =
                given().cookie(ConsoleSession.COOKIE, session)
                        .formParam("csrf", "forged")
                        .formParam("reason", "Forged suspension")
                        .post("/console/agreements/" + id + "/suspend")
                        .then()
                        .statusCode(403)
                        .extract()
                        .asString();
        assertThat(page).contains("This form has expired").doesNotContain("Forged suspension");
        assertThat(Agreements.get(id).getString("status")).isEqualTo("ACTIVE");
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        e -> {
                            assertThat(e.action()).isEqualTo("access.forbidden");
                            assertThat(e.outcome()).isEqualTo("DENIED");
                            assertThat(e.target())
                                    .isEqualTo("POST /console/agreements/" + id + "/suspend");
                        });
    }

    @Test
    void theApisRefusalIsShownWithItsTitleAndDetailAndAuditedByTheApi() throws Exception {
        String id = Agreements.active(Agreements.recordContent());
        String session = demoSession("walsall-mbc-ig-lead");
        long before = AuditTrail.head();
        String page =
                given().cookie(ConsoleSession.COOKIE, session)
                        .formParam("csrf", formToken(session))
                        .formParam("reason", "Not a party")
                        .post("/console/agreements/" + id + "/suspend")
                        .then()
                        .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                        .extract()
                        .asString();
        var api =
                given().auth()
                        .oauth2(Tokens.igLead("walsall-mbc"))
                        .contentType("application/json")
                        .body("{\"reason\":\"Not a party\"}")
                        .post("/api/v1/agreements/" + id + "/suspend")
                        .then()
                        .extract()
                        .jsonPath();
        assertThat(page).contains(api.getString("title"), api.getString("detail"));
        assertThat(Agreements.get(id).getString("status")).isEqualTo("ACTIVE");
        assertThat(AuditTrail.since(before))
                .filteredOn(
                        e ->
                                "agreement.suspend".equals(e.action())
                                        || e.action().startsWith("agreement"))
                .filteredOn(e -> "DENIED".equals(e.outcome()))
                .hasSize(2);
    }

    @Test
    void signingOutClearsTheCookie() throws Exception {
        String session = demoSession("admin");
        given().redirects()
                .follow(false)
                .cookie(ConsoleSession.COOKIE, session)
                .formParam("csrf", formToken(session))
                .post("/console/sign-out")
                .then()
                .statusCode(303)
                .header("Set-Cookie", org.hamcrest.Matchers.containsString("Max-Age=0"));
    }
}
