package org.pactum.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
import org.pactum.support.Tokens;

/**
 * The console's journeys in Debian's real Chromium: an IG lead approving a proposed agreement and
 * verifying the audit trail; an analyst building the knife-crime table and downloading its CSV; a
 * submitter uploading a CSV with one bad row and reading the error; the administrator's pages. Each
 * page is checked with axe-core, and each user's main page is photographed for the README. What the
 * console shows is compared with what the API answers the same user for the same request.
 */
@QuarkusTest
class ConsoleBrowserTest {

    @TestHTTPResource("/")
    URL base;

    static Browser browser;

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    Browser browser() {
        if (browser == null) {
            browser = new Browser(base);
        }
        return browser;
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** An AGGREGATE agreement of West Midlands Police's violence feed to Dudley, like the SNA. */
    static Map<String, Object> policeToDudley(String title) {
        Map<String, Object> c = Agreements.recordContent();
        c.put("title", title);
        c.put("releaseLevel", "AGGREGATE");
        c.put(
                "providers",
                List.of(
                        Map.of(
                                "organisation",
                                "wm-police",
                                "feeds",
                                List.of("police-recorded-violence"))));
        c.put("recipients", List.of("dudley-mbc"));
        Map<String, Object> police = new LinkedHashMap<>();
        police.put("lsoa", Map.of("action", "GENERALISE", "to", "LOCAL_AUTHORITY"));
        police.put("occurred_at", Map.of("action", "GENERALISE", "to", "MONTH"));
        police.put("victim_date_of_birth", Map.of("action", "GENERALISE", "to", "AGE_BAND"));
        police.put("victim_age", Map.of("action", "GENERALISE", "to", "AGE_BAND"));
        police.put("victim_sex", Map.of("action", "ALLOW"));
        police.put("offence_group", Map.of("action", "ALLOW"));
        police.put("knife_flag", Map.of("action", "ALLOW"));
        c.put("fieldRules", Map.of("police-recorded-violence", police));
        c.put(
                "disclosure",
                Map.of(
                        "minimumCellCount", 8,
                        "roundingBase", 5,
                        "crossableDimensions",
                                List.of(
                                        "localAuthority",
                                        "month",
                                        "quarter",
                                        "ageBand",
                                        "sex",
                                        "offenceGroup",
                                        "knife")));
        return c;
    }

    @Test
    void anIgLeadApprovesAProposedAgreementAndVerifiesTheAuditTrail() throws Exception {
        String title =
                "Knife crime hotspots, Dudley ("
                        + UUID.randomUUID().toString().substring(0, 8)
                        + ")";
        String id = Agreements.create(Tokens.admin(), policeToDudley(title)).getString("id");
        JsonPath proposed = Agreements.propose(Tokens.admin(), id);
        Agreements.approve(
                        "wm-police",
                        id,
                        proposed.getInt("version"),
                        proposed.getString("contentHash"))
                .then()
                .statusCode(200);
        assertThat(Agreements.get(id).getList("awaitingApproval")).containsExactly("dudley-mbc");

        Browser b = browser();
        b.signInAsDemo("dudley-mbc-ig-lead");
        assertThat(b.path()).isEqualTo("/console/agreements");
        WebElement inboxEntry = b.find("#inbox").findElement(By.linkText(title));
        b.checkAccessibility();
        b.screenshot("ig-lead");

        inboxEntry.click();
        b.await("#approve");
        assertThat(b.find("#status").getText()).isEqualTo("Proposed");
        assertThat(b.find("#content-hash").getText()).isEqualTo(proposed.getString("contentHash"));
        assertThat(b.find("#awaiting").getText()).isEqualTo("dudley-mbc");
        b.checkAccessibility();

        long before = AuditTrail.head();
        b.find("#approve").click();
        b.await("#done");
        assertThat(b.find("#status").getText()).isEqualTo("Active");
        b.checkAccessibility();
        JsonPath after = Agreements.get(id);
        assertThat(after.getString("status")).isEqualTo("ACTIVE");
        assertThat(after.getList("approvedBy", String.class)).contains("dudley-mbc", "wm-police");
        assertThat(AuditTrail.since(before))
                .filteredOn(e -> e.action().equals("agreement.approve"))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.outcome()).isEqualTo("ALLOWED");
                            assertThat(e.actorOrganisation()).isEqualTo("dudley-mbc");
                            assertThat(e.target()).isEqualTo("agreement:" + id);
                        });
        List<String> approvalRows = new ArrayList<>();
        b.all("#approvals tbody tr").forEach(r -> approvalRows.add(r.getText()));
        assertThat(approvalRows)
                .anySatisfy(
                        r ->
                                assertThat(r)
                                        .contains("dudley-mbc", proposed.getString("contentHash")));

        b.find("a[href$='/summary']").click();
        b.await("#summary-hash");
        assertThat(b.find("#summary-hash").getText()).isEqualTo(proposed.getString("contentHash"));
        b.checkAccessibility();

        b.open("/console/audit?agreementId=" + id);
        b.await("#entries");
        assertThat(b.all("#entries tbody tr"))
                .anySatisfy(
                        r -> assertThat(r.getText()).contains("agreement.approve", "dudley-mbc"));
        b.checkAccessibility();
        b.find("#verify").click();
        b.await("#verification");
        JsonPath verified =
                given().auth()
                        .oauth2(Tokens.igLead("dudley-mbc"))
                        .get("/api/v1/audit/verify")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(verified.getBoolean("valid")).isTrue();
        assertThat(b.find("#verification").getText()).startsWith("The audit trail is intact");
        b.checkAccessibility();

        b.find("#export").click();
        Path export = b.awaitDownload(".ndjson");
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").contains("\"hash\""));
    }

    @Test
    void anAnalystBuildsTheKnifeCrimeTableAndDownloadsItsCsv() throws Exception {
        String title =
                "Knife crime among under-25s, Dudley ("
                        + UUID.randomUUID().toString().substring(0, 8)
                        + ")";
        String id = Agreements.active(policeToDudley(title));

        Browser b = browser();
        b.signInAsDemo("dudley-mbc-analyst");
        assertThat(b.path()).isEqualTo("/console/agreements");
        assertThat(b.all("#inbox")).as("analysts approve nothing").isEmpty();
        b.checkAccessibility();
        b.find("#agreements").findElement(By.linkText(title)).click();
        b.await("#build-table");
        assertThat(b.all("#approve, #suspend, #revoke")).as("no IG actions for analysts").isEmpty();
        b.checkAccessibility();
        b.find("#build-table").click();
        b.await("#table-form");
        new Select(b.find("#feed")).selectByValue("police-recorded-violence");
        b.find("#choose-feed").click();
        b.await("#dimension-localAuthority");
        b.tick("dimension-localAuthority");
        b.tick("dimension-quarter");
        b.checkAccessibility();
        for (String band : List.of("0-9", "10-14", "15-17", "18-24")) {
            check("ageBand", band);
        }
        check("knife", "true");
        b.tick("chart-line");
        b.find("#build").click();
        b.await("#result");
        b.checkAccessibility();
        b.screenshot("analyst");

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("feed", "police-recorded-violence");
        request.put("dimensions", List.of("localAuthority", "quarter"));
        request.put(
                "filters",
                Map.of(
                        "knife",
                        List.of("true"),
                        "ageBand",
                        List.of("0-9", "10-14", "15-17", "18-24")));
        request.put("includeTotals", true);
        JsonPath api =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .contentType("application/json")
                        .body(request)
                        .post("/api/v1/agreements/" + id + "/aggregates")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<String> expected = new ArrayList<>();
        List<Map<String, Object>> cells = new ArrayList<>(api.getList("cells"));
        cells.addAll(api.getList("totals"));
        assertThat(cells).isNotEmpty();
        for (Map<String, Object> cell : cells) {
            @SuppressWarnings("unchecked")
            Map<String, String> key = (Map<String, String>) cell.get("key");
            String la = key.get("localAuthority") == null ? "(all)" : key.get("localAuthority");
            String q = key.get("quarter") == null ? "(all)" : key.get("quarter");
            // A cell below threshold shows the API's one marker, and a tag saying so.
            String count =
                    cell.get("count") == null
                            ? api.getString("disclosure.marker")
                            : String.valueOf(cell.get("count"));
            String marker = cell.get("count") == null ? "below threshold" : "";
            expected.add(String.join("|", la, q, count, marker));
        }
        List<String> shown = new ArrayList<>();
        for (WebElement row : b.all("#result tbody tr")) {
            List<String> tds = new ArrayList<>();
            row.findElements(By.tagName("td")).forEach(td -> tds.add(td.getText().trim()));
            shown.add(String.join("|", tds));
        }
        assertThat(shown).containsExactlyElementsOf(expected);
        assertThat(b.find("#disclosure-note").getText()).contains(api.getString("disclosure.note"));
        @SuppressWarnings("unchecked")
        long councils =
                api.getList("cells").stream()
                        .map(
                                c ->
                                        ((Map<String, Map<String, String>>) c)
                                                .get("key")
                                                .get("localAuthority"))
                        .distinct()
                        .count();
        assertThat(b.all("#chart svg path")).as("one line per council").hasSize((int) councils);

        b.find("#download-csv").click();
        Path csv = b.awaitDownload(".csv");
        String apiCsv =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .contentType("application/json")
                        .accept("text/csv")
                        .body(request)
                        .post("/api/v1/agreements/" + id + "/aggregates")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(Files.readString(csv)).isEqualTo(apiCsv);
        assertThat(apiCsv).startsWith("localAuthority,localAuthorityName,quarter,count\n");

        b.open(
                "/console/agreements/"
                        + id
                        + "/tables?feed=police-recorded-violence&dimension=lsoa&build=1");
        b.await("#problem");
        assertThat(b.find("#problem-detail").getText()).contains("lsoa");
        b.checkAccessibility();
    }

    private void check(String dimension, String value) {
        WebElement box =
                browser.find("input[name='filter." + dimension + "'][value='" + value + "']");
        WebElement details = box.findElement(By.xpath("ancestor::details"));
        if (details.getAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        browser.tick(box.getAttribute("id"));
        assertThat(box.isSelected()).isTrue();
    }

    @Test
    void aSubmitterUploadsACsvWithOneBadRowAndReadsTheError() throws Exception {
        String period = Extracts.period(3);
        String header =
                "crime_reference,victim_id,suspect_id,offence_code,offence_group,knife_flag,firearm_flag,domestic_abuse_flag,occurred_at,lsoa,local_authority,victim_date_of_birth,victim_age,victim_sex,victim_ethnicity\n";
        String good1 =
                "2026/CR/C/1,P800001,S600001,8N,violence-with-injury,true,false,false,2026-11-02T22:00,E01092010,,2008-04-17,,M,W1\n";
        String bad =
                "2026/CR/C/2,P800002,,34B,robbery,true,false,false,2026-11-03T17:00,E01090123,,,19,Q,B1\n";
        String good2 =
                "2026/CR/C/3,P800003,,34B,robbery,false,false,false,2026-11-04T17:00,E01090123,,,30,F,B1\n";
        Path dir = Files.createDirectories(Path.of("target", "browser").toAbsolutePath());
        Path broken = dir.resolve("extract-" + UUID.randomUUID() + ".csv");
        Files.writeString(broken, header + good1 + bad + good2);

        Browser b = browser();
        b.signInAsDemo("wm-police-submitter");
        assertThat(b.path()).isEqualTo("/console/submissions");
        b.checkAccessibility();
        b.screenshot("submitter");

        long before = AuditTrail.head();
        new Select(b.find("#feed")).selectByValue("police-recorded-violence");
        b.find("#period").sendKeys(period);
        b.find("#file").sendKeys(broken.toString());
        b.find("#upload").click();
        b.await("#problem");
        List<String> errors = new ArrayList<>();
        b.all("#problem-errors li").forEach(li -> errors.add(li.getText()));

        JsonPath api =
                given().auth()
                        .oauth2(Tokens.of("wm-police", "submitter"))
                        .contentType("text/csv")
                        .body(Files.readAllBytes(broken))
                        .post("/api/v1/feeds/police-recorded-violence/submissions?period=" + period)
                        .then()
                        .statusCode(422)
                        .extract()
                        .jsonPath();
        assertThat(api.getList("errors")).hasSize(1);
        assertThat(api.getInt("errors[0].line")).isEqualTo(3);
        assertThat(api.getString("errors[0].field")).isEqualTo("victim_sex");
        assertThat(errors)
                .containsExactly("Line 3: victim_sex " + api.getString("errors[0].reason"));
        assertThat(b.driver.getPageSource()).doesNotContain("P800002");
        b.checkAccessibility();
        assertThat(
                        given().auth()
                                .oauth2(Tokens.of("wm-police", "submitter"))
                                .get("/api/v1/submissions?period=" + period)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("$"))
                .isEmpty();
        // Two refusals of the same extract, each audited once: the console's and the API's.
        assertThat(AuditTrail.since(before))
                .filteredOn(e -> "DENIED".equals(e.outcome()))
                .filteredOn(e -> "wm-police".equals(e.actorOrganisation()))
                .extracting(AuditTrail.Row::action)
                .containsExactly("submission.push", "submission.push");

        Path fixed = dir.resolve("extract-" + UUID.randomUUID() + ".csv");
        Files.writeString(fixed, header + good1 + good2);
        b.open("/console/submissions");
        new Select(b.find("#feed")).selectByValue("police-recorded-violence");
        b.find("#period").sendKeys(period);
        b.find("#file").sendKeys(fixed.toString());
        b.find("#upload").click();
        b.await("#uploaded");
        assertThat(b.find("#submission-status").getText()).isEqualTo("ACCEPTED");
        assertThat(b.find("#uploaded").getText()).contains("2 rows stored");
        b.checkAccessibility();
    }

    @Test
    void theAdministratorSeesOrganisationsSystemsAndFeeds() {
        Browser b = browser();
        b.signInAsDemo("admin");
        assertThat(b.path()).isEqualTo("/console/admin/organisations");
        List<String> codes =
                given().auth()
                        .oauth2(Tokens.admin())
                        .get("/api/v1/organisations")
                        .jsonPath()
                        .getList("code");
        List<String> shown = new ArrayList<>();
        b.all("#organisations tbody tr td:first-child").forEach(td -> shown.add(td.getText()));
        assertThat(shown).containsExactlyElementsOf(codes);
        b.checkAccessibility();
        b.screenshot("admin");

        b.find("#organisations").findElement(By.linkText("wm-police")).click();
        b.await("#systems");
        b.checkAccessibility();

        b.open("/console/admin/feeds");
        b.await("#feeds");
        b.checkAccessibility();
        b.find("#feeds").findElement(By.partialLinkText("violence")).click();
        b.await("#fields");
        List<String> fields =
                given().auth()
                        .oauth2(Tokens.admin())
                        .get("/api/v1/feeds/police-recorded-violence")
                        .jsonPath()
                        .getList("fields.name");
        List<String> rows = new ArrayList<>();
        b.all("#fields tbody tr td:first-child").forEach(td -> rows.add(td.getText()));
        assertThat(rows).containsExactlyElementsOf(fields);
        b.checkAccessibility();

        b.open("/console/sign-in/demo");
        b.await("#demo-identities");
        b.checkAccessibility();
        b.open("/console/sign-in");
        b.checkAccessibility();
    }
}
