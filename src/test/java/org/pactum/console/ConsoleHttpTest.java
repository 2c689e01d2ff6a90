package org.pactum.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
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
                .header("Location", Matchers.endsWith("/console/agreements"));
    }

    @Test
    void anUnknownDemoIdentityIsRefusedWithAPage() {
        String page =
                given().formParam("identity", "nobody")
                        .post("/console/sign-in/demo")
                        .then()
                        .statusCode(400)
                        .contentType(Matchers.startsWith("text/html"))
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
                    .header("Location", Matchers.endsWith("/console/sign-in"));
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
                .header("Location", Matchers.endsWith("/console/sign-in"))
                .header("Set-Cookie", Matchers.containsString("Max-Age=0"));
    }

    @Test
    void aFormWithoutTheSessionsTokenIsRefusedAndAudited() throws Exception {
        String id = Agreements.active(ConsoleBrowserTest.policeToDudley("Console refusals"));
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
        String id = Agreements.active(ConsoleBrowserTest.policeToDudley("Console refusals"));
        String session = demoSession("walsall-mbc-ig-lead");
        long before = AuditTrail.head();
        String page =
                given().cookie(ConsoleSession.COOKIE, session)
                        .formParam("csrf", formToken(session))
                        .formParam("reason", "Not a party")
                        .post("/console/agreements/" + id + "/suspend")
                        .then()
                        .statusCode(Matchers.greaterThanOrEqualTo(400))
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
                .header("Set-Cookie", Matchers.containsString("Max-Age=0"));
    }

    private static String page(String session, String path, int status) {
        return given().cookie(ConsoleSession.COOKIE, session)
                .get(path)
                .then()
                .statusCode(status)
                .extract()
                .asString();
    }

    @Test
    void theAuditTrailDownloadsAsCsvToo() {
        String session = demoSession("admin");
        String page = page(session, "/console/audit", 200);
        assertThat(page).contains("/console/audit/export?format=csv");
        String csv =
                given().cookie(ConsoleSession.COOKIE, session)
                        .get("/console/audit/export?format=csv&fromSeq=1&toSeq=3")
                        .then()
                        .statusCode(200)
                        .contentType("text/csv")
                        .header("Content-Disposition", "attachment; filename=\"pactum-audit.csv\"")
                        .extract()
                        .asString();
        List<String> rows = csv.lines().toList();
        assertThat(rows.get(0)).startsWith("seq,time,actorSubject,");
        assertThat(rows.subList(1, rows.size()))
                .extracting(r -> r.substring(0, r.indexOf(',')))
                .containsExactly("1", "2", "3");
    }

    @Test
    void recordExtractsDownloadAsTheApisCsv() {
        // Dudley alone receives it, so no other organisation's view of its agreements changes.
        var content = Agreements.recordContent();
        content.put("recipients", List.of("dudley-mbc"));
        String id = Agreements.active(content);
        String session = demoSession("dudley-mbc-analyst");
        var download =
                given().cookie(ConsoleSession.COOKIE, session)
                        .get("/console/agreements/" + id + "/records?feed=youth-justice-disposals")
                        .then()
                        .statusCode(200)
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"youth-justice-disposals-records.csv\"")
                        .extract()
                        .asString();
        String api =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .accept("text/csv")
                        .get("/api/v1/agreements/" + id + "/records?feed=youth-justice-disposals")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(download.lines().sorted().toList()).isEqualTo(api.lines().sorted().toList());
        assertThat(download.lines().findFirst().orElseThrow())
                .isEqualTo(api.lines().findFirst().orElseThrow());
    }

    @Test
    void anAnalystOfAnotherOrganisationIsRefusedTheTableAndTheRefusalIsAudited() throws Exception {
        String id =
                Agreements.active(
                        ConsoleBrowserTest.policeToDudley("Another organisation's table"));
        String session = demoSession("walsall-mbc-analyst");
        long before = AuditTrail.head();
        var apiAnswer =
                given().auth()
                        .oauth2(Tokens.analyst("walsall-mbc"))
                        .get("/api/v1/agreements/" + id);
        assertThat(apiAnswer.statusCode()).isEqualTo(403);
        var api = apiAnswer.jsonPath();
        String refused =
                page(
                        session,
                        "/console/agreements/"
                                + id
                                + "/tables?feed=police-recorded-violence&dimension=localAuthority&build=1",
                        apiAnswer.statusCode());
        assertThat(refused).contains(api.getString("title"), api.getString("detail"));
        assertThat(AuditTrail.since(before))
                .filteredOn(
                        e ->
                                "walsall-mbc".equals(e.actorOrganisation())
                                        && "DENIED".equals(e.outcome()))
                .hasSize(2);
    }

    @Test
    void aTableUnderASuspendedAgreementIsRefusedWithTheReason() {
        String id = Agreements.active(ConsoleBrowserTest.policeToDudley("Suspended table"));
        given().auth()
                .oauth2(Tokens.igLead("dudley-mbc"))
                .contentType("application/json")
                .body("{\"reason\":\"Console check of suspension\"}")
                .post("/api/v1/agreements/" + id + "/suspend")
                .then()
                .statusCode(200);
        String refused =
                page(
                        demoSession("dudley-mbc-analyst"),
                        "/console/agreements/"
                                + id
                                + "/tables?feed=police-recorded-violence&dimension=localAuthority&build=1",
                        403);
        assertThat(refused).contains("SUSPENDED", "Console check of suspension");
    }

    @Test
    void aMalformedPeriodIsRefusedNamingTheField() {
        String id = Agreements.active(ConsoleBrowserTest.policeToDudley("Malformed period"));
        String refused =
                given().cookie(ConsoleSession.COOKIE, demoSession("dudley-mbc-analyst"))
                        .get(
                                "/console/agreements/"
                                        + id
                                        + "/tables?feed=police-recorded-violence&dimension=localAuthority&from=2025-13&build=1")
                        .then()
                        .statusCode(400)
                        .extract()
                        .asString();
        assertThat(refused).contains("from", "must be a month").doesNotContain("2025-13");
    }

    @Test
    void suppressedCellsAreMarkedAsTheApiMarksThemInTableAndChart() {
        String id = Agreements.active(ConsoleBrowserTest.policeToDudley("Fine-grained table"));
        String month = YearMonth.now().minusMonths(1).toString();
        var api =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .contentType("application/json")
                        .body(
                                Map.of(
                                        "feed",
                                        "police-recorded-violence",
                                        "dimensions",
                                        List.of("localAuthority", "sex"),
                                        "from",
                                        month,
                                        "to",
                                        month))
                        .post("/api/v1/agreements/" + id + "/aggregates")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        // The API marks a cell below threshold by a null count (one marker for 0 and 1..7).
        List<String> markers =
                api.getList("cells.count").stream()
                        .filter(Objects::isNull)
                        .map(n -> "below threshold")
                        .toList();
        assertThat(markers).as("the fine table has suppressed cells").isNotEmpty();
        String html =
                page(
                        demoSession("dudley-mbc-analyst"),
                        "/console/agreements/"
                                + id
                                + "/tables?feed=police-recorded-violence&dimension=localAuthority&dimension=sex&from="
                                + month
                                + "&to="
                                + month
                                + "&build=1",
                        200);
        var shown =
                Pattern.compile("govuk-tag--grey\">([a-z ]+)</strong>")
                        .matcher(html)
                        .results()
                        .map(m -> m.group(1))
                        .toList();
        assertThat(shown).containsExactlyElementsOf(markers);
        long crosses = html.chars().filter(ch -> ch == '\u00d7').count();
        // One cross per withheld bar, and one in the note that explains it.
        assertThat(crosses).isEqualTo(markers.size() + 1);
    }

    private static final String POLICE_HEADER =
            "crime_reference,victim_id,suspect_id,offence_code,offence_group,knife_flag,firearm_flag,domestic_abuse_flag,occurred_at,lsoa,local_authority,victim_date_of_birth,victim_age,victim_sex,victim_ethnicity\n";
    private static final String POLICE_ROW =
            "2026/CR/H/1,P810001,S610001,8N,violence-with-injury,true,false,false,2026-11-02T22:00,E01092010,,2008-04-17,,M,W1\n";

    private static List<Object> submissions(String period) {
        return given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .get("/api/v1/submissions?period=" + period)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    @Test
    void theUploadFormWorksWithoutScripts() throws Exception {
        String period = Extracts.period(5);
        String session = demoSession("wm-police-submitter");
        var answer =
                given().redirects()
                        .follow(false)
                        .cookie(ConsoleSession.COOKIE, session)
                        .multiPart("csrf", formToken(session))
                        .multiPart("feed", "police-recorded-violence")
                        .multiPart("period", period)
                        .multiPart("idempotencyKey", "")
                        .multiPart(
                                "file",
                                "extract.csv",
                                (POLICE_HEADER + POLICE_ROW).getBytes(StandardCharsets.UTF_8),
                                "text/csv")
                        .post("/console/submissions");
        assertThat(answer.statusCode()).isEqualTo(303);
        var stored = submissions(period);
        assertThat(stored).hasSize(1);
        @SuppressWarnings("unchecked")
        var submission = (Map<String, Object>) stored.get(0);
        assertThat(answer.header("Location"))
                .endsWith("/console/submissions/" + submission.get("id") + "?done=uploaded");
        assertThat(submission.get("rowsStored")).isEqualTo(1);
    }

    @Test
    void aScriptedUploadWithoutTheFormTokenIsRefusedAuditedAndStoresNothing() throws Exception {
        String period = Extracts.period(6);
        String session = demoSession("wm-police-submitter");
        long before = AuditTrail.head();
        String page =
                given().cookie(ConsoleSession.COOKIE, session)
                        .header(ConsoleSubmissionResource.FORM_HEADER, "forged")
                        .contentType("text/csv")
                        .body((POLICE_HEADER + POLICE_ROW).getBytes(StandardCharsets.UTF_8))
                        .post(
                                "/console/submissions/stream?feed=police-recorded-violence&period="
                                        + period)
                        .then()
                        .statusCode(403)
                        .extract()
                        .asString();
        assertThat(page).contains("This form has expired").doesNotContain("P810001");
        assertThat(submissions(period)).isEmpty();
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        e -> assertThat(e.target()).isEqualTo("POST /console/submissions/stream"));
    }

    @Test
    void noPageCarriesTheSessionToken() {
        String session = demoSession("dudley-mbc-ig-lead");
        for (String path : List.of("/console/agreements", "/console/audit", "/console/sign-in")) {
            String html = page(session, path, 200);
            assertThat(html).as(path).doesNotContain(session).contains("dudley-mbc-ig-lead");
        }
        String analyst = demoSession("dudley-mbc-analyst");
        String refused = page(analyst, "/console/audit", 403);
        var api =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .get("/api/v1/audit")
                        .then()
                        .statusCode(403)
                        .extract()
                        .jsonPath();
        assertThat(refused)
                .doesNotContain(analyst)
                .contains(api.getString("title"), api.getString("detail"));
    }
}
