package org.pactum.subject;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.feed.FeedService;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.CubeTruth;
import org.pactum.support.Extracts;
import org.pactum.support.PerturbedValues;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Issue 19: one person pushed by three providers (police, youth justice, education); each
 * provider's IG lead finds, restricts and erases only its own rows, nobody can probe, refreshes
 * respect the requests, and no identifier given to a request is stored, logged or audited.
 */
@QuarkusTest
class SubjectRequestTest {

    @Inject AgroalDataSource dataSource;

    @Inject FeedService feeds;

    /** The release cube still equals an independent GROUP BY over the rows (issue 14). */
    private void cubeMatchesRows() {
        CubeTruth.assertCubeMatchesRows(dataSource, feeds);
    }

    private static final String POLICE = "police-recorded-violence";
    private static final String YJS = "youth-justice-disposals";
    private static final String EDUCATION = "school-exclusions";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static String recordAgreement;

    /** One invented person, unique to a test, and the months their events fall in. */
    private record Person(
            String victimId,
            String childId,
            String upn,
            String surname,
            String forename,
            String dateOfBirth,
            String month) {

        static Person fresh() {
            String letters = letters(10);
            int year = 2100 + RANDOM.nextInt(800);
            return new Person(
                    "SUBJV" + digits(9),
                    "SUBJC" + digits(9),
                    "S" + digits(11) + "K",
                    "ZQ" + letters,
                    "YQ" + letters(6),
                    (year - 15) + "-03-04",
                    year + "-" + String.format("%02d", 1 + RANDOM.nextInt(12)));
        }

        Map<String, Object> composite() {
            return Map.of(
                    "surname",
                    surname.toLowerCase(),
                    "forename",
                    " " + forename,
                    "dateOfBirth",
                    dateOfBirth,
                    "sex",
                    "F");
        }

        List<String> raw() {
            return List.of(victimId, childId, upn, surname, forename);
        }
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(RANDOM.nextInt(10));
        }
        return s.toString();
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('A' + RANDOM.nextInt(26)));
        }
        return s.toString();
    }

    /** {@code mine} police rows about the person and {@code others} about other victims. */
    private static String policeExtract(Person p, int mine, int others) {
        StringBuilder csv = new StringBuilder(SyntheticData.POLICE_HEADER).append('\n');
        for (int i = 0; i < mine + others; i++) {
            String victim = i < mine ? p.victimId() : "OTHERV" + digits(9);
            csv.append("SUBJ/CR/")
                    .append(digits(8))
                    .append(',')
                    .append(victim)
                    .append(",,34B,robbery,true,false,false,")
                    .append(p.month())
                    .append("-1")
                    .append(i % 9)
                    .append("T21:00,E01090001,,")
                    .append(p.dateOfBirth())
                    .append(",,F,W1\n");
        }
        return csv.toString();
    }

    private static String youthExtract(Person p) {
        return SyntheticData.YJ_HEADER
                + "\n"
                + p.childId()
                + ","
                + p.surname()
                + ","
                + p.forename()
                + ","
                + p.dateOfBirth()
                + ",F,W1,E01090001,,weapons,true,referral-order,true,"
                + p.month()
                + "-01,\n"
                + "OTHERC"
                + digits(9)
                + ",ZQOTHER,YQOTHER,"
                + p.dateOfBirth()
                + ",M,W1,E01090001,,weapons,true,referral-order,true,"
                + p.month()
                + "-02,\n";
    }

    private static String educationExtract(Person p) {
        return SyntheticData.EXCLUSIONS_HEADER
                + "\n"
                + p.upn()
                + ","
                + p.surname()
                + ","
                + p.forename()
                + ","
                + p.dateOfBirth()
                + ",F,W1,123456,E08000025,2024/25,spring,9,suspension,US,"
                + p.month()
                + "-03,2,true,none,E01090001\n";
    }

    /** The person in all three feeds: 10 police rows (beside 10 of others), 1 YJS, 1 education. */
    private static Map<String, String> pushEverywhere(Person p) {
        Map<String, String> periods = new HashMap<>();
        periods.put(POLICE, Extracts.period(1));
        periods.put(YJS, Extracts.period(2));
        periods.put(EDUCATION, Extracts.period(3));
        Extracts.push(POLICE, periods.get(POLICE), policeExtract(p, 10, 10)).then().statusCode(201);
        Extracts.push(YJS, periods.get(YJS), youthExtract(p)).then().statusCode(201);
        Extracts.push(EDUCATION, periods.get(EDUCATION), educationExtract(p))
                .then()
                .statusCode(201);
        return periods;
    }

    private static Response find(String token, Map<String, Object> identifiers) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("reference", "SAR-" + digits(6), "identifiers", identifiers))
                .post("/api/v1/subject-requests");
    }

    private static JsonPath found(String org, Map<String, Object> identifiers) {
        return find(Tokens.igLead(org), identifiers).then().statusCode(201).extract().jsonPath();
    }

    private static Response act(String token, String id, String what) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("legalBasis", "UK GDPR Art 17(1)(d)"))
                .post("/api/v1/subject-requests/" + id + "/" + what);
    }

    private static long storedRows(String provider, String feed, String period) throws Exception {
        return TestDatabase.queryLong(
                "SELECT count(*) FROM feed_row r JOIN submission s ON s.id = r.submission_id "
                        + "WHERE s.provider = ? AND s.feed = ? AND s.period = ? AND s.status = 'ACCEPTED'",
                provider,
                feed,
                period);
    }

    /** What the period's current submission says it stores. */
    private static long recordedRows(String provider, String feed, String period) throws Exception {
        return TestDatabase.queryLong(
                "SELECT rows_stored FROM submission WHERE provider = ? AND feed = ? AND period = ? AND status = 'ACCEPTED'",
                provider,
                feed,
                period);
    }

    private static Map<String, Object> policeId(Person p) {
        return Map.of(
                "personIds",
                List.of(Map.of("feed", POLICE, "id", " " + p.victimId().toLowerCase())));
    }

    // ----- find ----------------------------------------------------------------------------

    @Test
    void eachProvidersIgLeadFindsOnlyItsOwnRows() {
        Person p = Person.fresh();
        Map<String, String> periods = pushEverywhere(p);
        Map<String, Object> all = new LinkedHashMap<>(policeId(p));
        all.put("composite", p.composite());

        JsonPath police = found("wm-police", all);
        assertThat(police.getList("rows.provider")).hasSize(10).containsOnly("wm-police");
        assertThat(police.getList("rows.feed")).containsOnly(POLICE);
        assertThat(police.getList("rows.period")).containsOnly(periods.get(POLICE));
        assertThat(police.getList("rows.eventMonth")).containsOnly(p.month());
        assertThat(police.getList("rows.personId").stream().distinct()).hasSize(1);
        assertThat(police.getString("organisation")).isEqualTo("wm-police");

        JsonPath yjs = found("birmingham-yjs", all);
        assertThat(yjs.getList("rows.provider")).containsExactly("birmingham-yjs");
        assertThat(yjs.getList("rows.feed")).containsExactly(YJS);
        assertThat(yjs.getList("rows.sex")).containsExactly("F");
        assertThat(yjs.getString("rows[0].linkageKey")).isNotBlank();

        JsonPath education = found("birmingham-education", Map.of("composite", p.composite()));
        assertThat(education.getList("rows.provider")).containsExactly("birmingham-education");
        assertThat(education.getList("rows.feed")).containsExactly(EDUCATION);
        // The same composite key links the person across the two feeds that carry it.
        assertThat(education.getString("rows[0].linkageKey"))
                .isEqualTo(yjs.getString("rows[0].linkageKey"));

        assertThat(police.getList("holders.provider")).containsExactly("wm-police");
        assertThat(police.getList("holders.rows")).containsExactly(10);

        // An administrator learns who holds the person, to route the request, but reads no rows
        // (separation of duties).
        JsonPath admin = find(Tokens.admin(), all).then().statusCode(201).extract().jsonPath();
        assertThat(admin.getList("rows")).isEmpty();
        assertThat(admin.getList("holders.provider"))
                .containsExactly("birmingham-education", "birmingham-yjs", "wm-police");
        assertThat(admin.getList("holders.feed")).containsExactly(EDUCATION, YJS, POLICE);
        assertThat(admin.getList("holders.rows")).containsExactly(1, 1, 10);
        assertThat(admin.getString("organisation")).isNull();
    }

    @Test
    void anotherOrganisationCannotProbeWhetherAPersonIsHeld() throws Exception {
        Person p = Person.fresh();
        pushEverywhere(p);
        Person absent = Person.fresh();
        long before = AuditTrail.head();
        // YJS asks about a person only the police hold, and about a person nobody holds.
        JsonPath notYours = found("birmingham-yjs", policeId(p));
        JsonPath nobody = found("birmingham-yjs", policeId(absent));
        Map<String, Object> a = new HashMap<>(notYours.getMap("$"));
        Map<String, Object> b = new HashMap<>(nobody.getMap("$"));
        for (String varying : List.of("id", "createdAt", "reference")) {
            assertThat(a.remove(varying)).isNotNull();
            assertThat(b.remove(varying)).isNotNull();
        }
        assertThat(a).isEqualTo(b);
        assertThat(notYours.getList("rows")).isEmpty();
        // Both are audited, and the entries say the same thing.
        List<Map<String, Object>> entries = details(before, "subject.find");
        assertThat(entries).hasSize(2);
        entries.forEach(e -> e.remove("reference"));
        assertThat(entries.get(0)).isEqualTo(entries.get(1)).containsEntry("rowsFound", 0);

        // A request id of another organisation answers exactly as one that does not exist.
        String policeRequest = found("wm-police", policeId(p)).getString("id");
        long mid = AuditTrail.head();
        Response other =
                given().auth()
                        .oauth2(Tokens.igLead("birmingham-yjs"))
                        .get("/api/v1/subject-requests/" + policeRequest);
        Response missing =
                given().auth()
                        .oauth2(Tokens.igLead("birmingham-yjs"))
                        .get("/api/v1/subject-requests/sr-00000000-0000-0000-0000-000000000000");
        assertThat(other.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(other.jsonPath().getString("type"))
                .isEqualTo("urn:pactum:problem:not-found")
                .isEqualTo(missing.jsonPath().getString("type"));
        assertThat(other.jsonPath().getString("detail").replace(policeRequest, "ID"))
                .isEqualTo(
                        missing.jsonPath()
                                .getString("detail")
                                .replace("sr-00000000-0000-0000-0000-000000000000", "ID"));
        List<AuditTrail.Row> denials = AuditTrail.since(mid);
        assertThat(denials)
                .filteredOn(r -> r.action().equals("subject.read"))
                .hasSize(2)
                .allMatch(r -> r.outcome().equals("DENIED"))
                .extracting(AuditTrail.Row::reason)
                .containsOnly("no such request for this organisation");
    }

    // ----- restrict ------------------------------------------------------------------------

    @Test
    void restrictionRemovesThePersonFromAggregatesAndRecordsAtOnceAndAfterARefresh()
            throws Exception {
        Person p = Person.fresh();
        String period = Extracts.period(4);
        String extract = policeExtract(p, 10, 10);
        Extracts.push(POLICE, period, extract).then().statusCode(201);
        String records = recordAgreement();
        assertThat(robberies(p.month())).isEqualTo(20);
        assertThat(records(records, p.month())).hasSize(20);
        assertThat(maxRowsPerVictim(records(records, p.month()))).isEqualTo(10);

        String id = found("wm-police", policeId(p)).getString("id");
        long before = AuditTrail.head();
        JsonPath restricted =
                act(Tokens.igLead("wm-police"), id, "restriction")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(restricted.getLong("rowsAffected")).isEqualTo(10);
        cubeMatchesRows();
        assertThat(restricted.getString("parts[0].period")).isEqualTo(period);
        // The rows stay stored, but no release selects them.
        assertThat(storedRows("wm-police", POLICE, period)).isEqualTo(20);
        assertThat(robberies(p.month())).isEqualTo(10);
        List<Map<String, Object>> after = records(records, p.month());
        assertThat(after).hasSize(10);
        assertThat(maxRowsPerVictim(after)).isEqualTo(1);
        // Audited with the legal basis and the reference, never the identifier.
        List<Map<String, Object>> entries = details(before, "subject.restrict");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0))
                .containsEntry("legalBasis", "UK GDPR Art 17(1)(d)")
                .containsEntry("rowsRestricted", 10)
                .containsKey("reference");

        // The provider's next extract for the period brings the person back: held back.
        JsonPath refresh =
                Extracts.push(POLICE, period, extract).then().statusCode(201).extract().jsonPath();
        assertThat(refresh.getLong("rowsHeldBack")).isEqualTo(10);
        assertThat(refresh.getLong("rowsStored")).isEqualTo(20);
        cubeMatchesRows();
        assertThat(robberies(p.month())).isEqualTo(10);
        assertThat(records(records, p.month())).hasSize(10);
        JsonPath view =
                given().auth()
                        .oauth2(Tokens.igLead("wm-police"))
                        .get("/api/v1/subject-requests/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(view.getList("rows.restricted")).hasSize(10).containsOnly(true);
        assertThat(view.getList("holds.action")).containsExactly("RESTRICT");

        // Lifting the restriction releases the rows again.
        act(Tokens.igLead("wm-police"), id, "restriction/lift")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(records(records, p.month())).hasSize(20);
        cubeMatchesRows();
        JsonPath lifted =
                Extracts.push(POLICE, period, extract).then().statusCode(201).extract().jsonPath();
        assertThat(lifted.getLong("rowsHeldBack")).isZero();
    }

    @Test
    void liftingOneRequestsRestrictionKeepsAnotherRequestsRestriction() throws Exception {
        Person p = Person.fresh();
        Extracts.push(POLICE, Extracts.period(7), policeExtract(p, 3, 6)).then().statusCode(201);
        String records = recordAgreement();
        String first = found("wm-police", policeId(p)).getString("id");
        String second = found("wm-police", policeId(p)).getString("id");
        act(Tokens.igLead("wm-police"), first, "restriction").then().statusCode(200);
        JsonPath again =
                act(Tokens.igLead("wm-police"), second, "restriction")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(again.getLong("rowsAffected")).isZero();
        assertThat(records(records, p.month())).hasSize(6);

        JsonPath lifted =
                act(Tokens.igLead("wm-police"), first, "restriction/lift")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(lifted.getLong("rowsAffected")).isZero();
        assertThat(records(records, p.month())).hasSize(6);
        // Nothing left to lift under the first request.
        act(Tokens.igLead("wm-police"), first, "restriction/lift").then().statusCode(409);

        act(Tokens.igLead("wm-police"), second, "restriction/lift").then().statusCode(200);
        assertThat(records(records, p.month())).hasSize(9);
    }

    // ----- erase ---------------------------------------------------------------------------

    @Test
    void erasureDeletesTheRowsAndSurvivesTheNextRefresh() throws Exception {
        Person p = Person.fresh();
        Map<String, String> periods = pushEverywhere(p);
        String police = found("wm-police", policeId(p)).getString("id");
        JsonPath erased =
                act(Tokens.igLead("wm-police"), police, "erasure")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(erased.getLong("rowsAffected")).isEqualTo(10);
        cubeMatchesRows();
        assertThat(storedRows("wm-police", POLICE, periods.get(POLICE))).isEqualTo(10);
        assertThat(recordedRows("wm-police", POLICE, periods.get(POLICE))).isEqualTo(10);
        assertThat(robberies(p.month())).isEqualTo(10);
        // Only the police rows: the other providers' rows about the person are theirs to handle.
        assertThat(storedRows("birmingham-yjs", YJS, periods.get(YJS))).isEqualTo(2);
        assertThat(storedRows("birmingham-education", EDUCATION, periods.get(EDUCATION)))
                .isEqualTo(1);

        JsonPath refresh =
                Extracts.push(POLICE, periods.get(POLICE), policeExtract(p, 10, 10))
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath();
        assertThat(refresh.getLong("rowsHeldBack")).isEqualTo(10);
        assertThat(refresh.getLong("rowsStored")).isEqualTo(10);
        assertThat(storedRows("wm-police", POLICE, periods.get(POLICE))).isEqualTo(10);
        assertThat(found("wm-police", policeId(p)).getList("rows")).isEmpty();
        assertThat(
                        given().auth()
                                .oauth2(Tokens.of("wm-police", "submitter"))
                                .get("/api/v1/submissions/" + refresh.getLong("id"))
                                .jsonPath()
                                .getLong("rowsHeldBack"))
                .isEqualTo(10);

        // Youth justice erases its own row by the composite key.
        String yjs = found("birmingham-yjs", Map.of("composite", p.composite())).getString("id");
        act(Tokens.igLead("birmingham-yjs"), yjs, "erasure").then().statusCode(200);
        assertThat(storedRows("birmingham-yjs", YJS, periods.get(YJS))).isEqualTo(1);
        // Nothing left to erase: a conflict, audited.
        act(Tokens.igLead("birmingham-yjs"), yjs, "erasure").then().statusCode(409);
    }

    // ----- rectify -------------------------------------------------------------------------

    private static Response rectify(String token, String id, String period, String body) {
        return given().auth()
                .oauth2(token)
                .contentType("text/csv")
                .body(body)
                .post(
                        "/api/v1/subject-requests/"
                                + id
                                + "/rectifications?feed="
                                + POLICE
                                + "&period="
                                + period
                                + "&legalBasis=UK GDPR Art 16");
    }

    @Test
    void rectificationReplacesThePersonsRowsWithTheProvidersCorrection() throws Exception {
        Person p = Person.fresh();
        String period = Extracts.period(6);
        Extracts.push(POLICE, period, policeExtract(p, 10, 10)).then().statusCode(201);
        String id = found("wm-police", policeId(p)).getString("id");
        String corrected = policeExtract(p, 1, 0).replace(",34B,robbery,", ",10A,weapons,");

        long before = AuditTrail.head();
        // A correction carrying someone else's row changes nothing.
        Response foreign = rectify(Tokens.igLead("wm-police"), id, period, policeExtract(p, 1, 1));
        foreign.then().statusCode(422).contentType("application/problem+json");
        assertThat(foreign.jsonPath().getString("type"))
                .isEqualTo("urn:pactum:problem:rows-not-about-the-person");
        assertThat(storedRows("wm-police", POLICE, period)).isEqualTo(20);
        // Invalid rows are named by their line in the correction.
        Response invalid =
                rectify(
                        Tokens.igLead("wm-police"),
                        id,
                        period,
                        corrected.replace(",F,W1", ",Q,W1"));
        invalid.then().statusCode(422);
        assertThat(invalid.jsonPath().getLong("errors[0].line")).isEqualTo(2);
        assertThat(invalid.jsonPath().getString("errors[0].field")).isEqualTo("victim_sex");
        // Only the providing organisation's IG lead corrects.
        rectify(Tokens.igLead("birmingham-yjs"), id, period, corrected).then().statusCode(404);
        assertThat(AuditTrail.since(before))
                .extracting(r -> r.action() + " " + r.outcome() + " " + r.reason())
                .containsExactly(
                        "subject.rectify DENIED a corrected row is not about the request's person",
                        "subject.rectify DENIED correction refused: invalid-rows",
                        "subject.rectify DENIED no such request for this organisation");

        JsonPath done =
                rectify(Tokens.igLead("wm-police"), id, period, corrected)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(done.getLong("rowsAffected")).isEqualTo(1);
        assertThat(storedRows("wm-police", POLICE, period)).isEqualTo(11);
        assertThat(recordedRows("wm-police", POLICE, period)).isEqualTo(11);
        JsonPath after = found("wm-police", policeId(p));
        assertThat(after.getList("rows")).hasSize(1);
        assertThat(after.getString("rows[0].attributes.offence_group")).isEqualTo("weapons");
        assertThat(after.getString("rows[0].attributes.offence_code")).isEqualTo("10A");
        cubeMatchesRows();

        // Once erased, there is nothing to correct.
        act(Tokens.igLead("wm-police"), id, "erasure").then().statusCode(200);
        rectify(Tokens.igLead("wm-police"), id, period, corrected).then().statusCode(409);
    }

    // ----- refusals ------------------------------------------------------------------------

    @Test
    void refusesWithoutATokenForTheWrongRoleAndForAnAdministratorActing() throws Exception {
        Person p = Person.fresh();
        given().contentType(ContentType.JSON)
                .body(Map.of("reference", "SAR-1", "identifiers", policeId(p)))
                .post("/api/v1/subject-requests")
                .then()
                .statusCode(401);
        find(Tokens.analyst("wm-police"), policeId(p)).then().statusCode(403);
        find(Tokens.of("wm-police", "submitter"), policeId(p)).then().statusCode(403);

        Extracts.push(POLICE, Extracts.period(5), policeExtract(p, 2, 0)).then().statusCode(201);
        String adminRequest =
                find(Tokens.admin(), policeId(p)).then().statusCode(201).extract().path("id");
        String police = found("wm-police", policeId(p)).getString("id");
        long before = AuditTrail.head();
        // Separation of duties: the administrator finds, but only the provider's IG lead acts.
        act(Tokens.admin(), adminRequest, "erasure").then().statusCode(403);
        given().auth()
                .oauth2(Tokens.of("wm-police", "ig-lead", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("legalBasis", "UK GDPR Art 17"))
                .post("/api/v1/subject-requests/" + adminRequest + "/erasure")
                .then()
                .statusCode(404);
        // Another organisation's IG lead cannot act on the police request either.
        act(Tokens.igLead("birmingham-yjs"), police, "restriction").then().statusCode(404);
        // No legal basis: 400 naming the field.
        Response noBasis =
                given().auth()
                        .oauth2(Tokens.igLead("wm-police"))
                        .contentType(ContentType.JSON)
                        .body(Map.of())
                        .post("/api/v1/subject-requests/" + police + "/erasure");
        noBasis.then().statusCode(400).contentType("application/problem+json");
        assertThat(noBasis.jsonPath().getString("errors[0].field")).isEqualTo("legalBasis");
        // Every refusal is audited, in order: the role check, then the service's own checks.
        assertThat(AuditTrail.since(before))
                .extracting(r -> r.action() + " " + r.outcome())
                .containsExactly(
                        "access.forbidden DENIED",
                        "subject.erase DENIED",
                        "subject.restrict DENIED",
                        "subject.erase DENIED");
    }

    @Test
    void malformedIdentifiersAreRefusedNamingTheFieldWithoutEchoingTheValue() throws Exception {
        long before = AuditTrail.head();
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("personIds", List.of(Map.of("feed", POLICE, "id", "BAD VALUE$$SECRET")));
        bad.put("nhsNumber", "9434765918");
        bad.put(
                "composite",
                Map.of(
                        "surname",
                        "Smith",
                        "forename",
                        "Ann",
                        "dateOfBirth",
                        "04/03/2010",
                        "sex",
                        "F"));
        Response r = find(Tokens.igLead("wm-police"), bad);
        r.then().statusCode(400).contentType("application/problem+json");
        assertThat(r.jsonPath().getString("type")).isEqualTo("urn:pactum:problem:invalid-request");
        assertThat(r.jsonPath().getList("errors.field"))
                .containsExactly(
                        "identifiers.personIds[0].id",
                        "identifiers.nhsNumber",
                        "identifiers.composite");
        assertThat(r.asString()).doesNotContain("SECRET", "9434765918", "Smith", "04/03/2010");
        find(Tokens.igLead("wm-police"), Map.of()).then().statusCode(400);
        given().auth()
                .oauth2(Tokens.igLead("wm-police"))
                .contentType(ContentType.JSON)
                .body("{\"reference\": \"SAR-1\", \"identifiers\": {")
                .post("/api/v1/subject-requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.igLead("wm-police"))
                .contentType(ContentType.JSON)
                .body(Map.of("identifiers", policeId(Person.fresh())))
                .post("/api/v1/subject-requests")
                .then()
                .statusCode(400);
        List<AuditTrail.Row> denied =
                AuditTrail.since(before).stream()
                        .filter(e -> e.action().equals("subject.find"))
                        .toList();
        assertThat(denied).hasSize(3).allMatch(e -> e.outcome().equals("DENIED"));
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry a WHERE a.seq > ? AND a::text LIKE '%SECRET%'",
                                before))
                .isZero();
    }

    // ----- export and leaks ----------------------------------------------------------------

    @Test
    void exportsTheFindingsAsCsvAndJsonAndNoIdentifierIsStoredLoggedOrAudited() throws Exception {
        Person p = Person.fresh();
        Map<String, String> periods = pushEverywhere(p);
        String records = recordAgreement();
        assertThat(records(records, p.month())).hasSize(20);
        Map<String, Object> all = new LinkedHashMap<>(policeId(p));
        all.put("composite", p.composite());
        all.put("nhsNumber", "943 476 5919");
        String id = found("wm-police", all).getString("id");

        Response csv =
                given().auth()
                        .oauth2(Tokens.igLead("wm-police"))
                        .get("/api/v1/subject-requests/" + id + "/export?format=csv");
        csv.then().statusCode(200).contentType("text/csv");
        List<String> lines = csv.asString().lines().toList();
        assertThat(lines.get(0)).startsWith("record,feed,provider,submissionId,period,line");
        assertThat(lines.stream().filter(l -> l.startsWith("row,"))).hasSize(10);
        assertThat(lines.stream().filter(l -> l.startsWith("row,")))
                .allMatch(l -> l.contains("," + periods.get(POLICE) + ","));
        // The record extract of the person's month, after the rows were stored, went to Dudley.
        List<String> releases = lines.stream().filter(l -> l.startsWith("release,")).toList();
        assertThat(releases).anyMatch(l -> l.contains(records) && l.contains("dudley-mbc"));

        JsonPath json =
                given().auth()
                        .oauth2(Tokens.igLead("wm-police"))
                        .get("/api/v1/subject-requests/" + id + "/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(json.getList("rows")).hasSize(10);
        assertThat(json.getList("releases.agreementId")).contains(records);
        assertThat(json.getList("releases.recipient")).contains("dudley-mbc");
        assertThat(json.getList("releases.kind")).contains("RECORDS");
        given().auth()
                .oauth2(Tokens.igLead("wm-police"))
                .get("/api/v1/subject-requests/" + id + "/export?format=xml")
                .then()
                .statusCode(400);

        act(Tokens.igLead("wm-police"), id, "restriction").then().statusCode(200);
        act(Tokens.igLead("wm-police"), id, "erasure").then().statusCode(200);

        List<String> raw = new ArrayList<>(p.raw());
        raw.add("9434765919");
        List<String> leaks = new ArrayList<>();
        try (Connection c = TestDatabase.superuser();
                ResultSet tables =
                        c.createStatement()
                                .executeQuery(
                                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertThat(names).contains("subject_request", "subject_hold", "audit_entry");
            for (String table : names) {
                for (String value : raw) {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT count(*) FROM " + table + " t WHERE t::text ILIKE ?")) {
                        ps.setString(1, "%" + value + "%");
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                leaks.add(value + " in " + table);
                            }
                        }
                    }
                }
            }
        }
        String log = Files.readString(Path.of("target", "pactum-test.log"));
        for (String value : raw) {
            if (log.toUpperCase().contains(value.toUpperCase())) {
                leaks.add(value + " in the log");
            }
        }
        assertThat(leaks).isEmpty();
    }

    // ----- helpers -------------------------------------------------------------------------

    private static synchronized String recordAgreement() {
        if (recordAgreement == null) {
            // These tests ask whose rows an extract holds, not what happened: the agreement
            // releases
            // no sensitive field, so one person's identical offences need no l-diversity (issue
            // 15).
            Map<String, Object> content = Agreements.recordContent();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> rules =
                    (Map<String, Map<String, Object>>) content.get("fieldRules");
            Map<String, Object> police = new LinkedHashMap<>(rules.get(POLICE));
            police.remove("offence_group");
            police.remove("knife_flag");
            rules.put(POLICE, police);
            recordAgreement = Agreements.active(content);
        }
        return recordAgreement;
    }

    /** Released robberies in the month under the all-feeds aggregate agreement. */
    /**
     * Releases the robbery count for the month, checks the released value is exactly the perturbed,
     * rounded value of the rows a release may select (computed independently from feed_row and the
     * shipped ptable), and returns that true count.
     */
    private static long robberies(String month) throws Exception {
        Response response =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .contentType(ContentType.JSON)
                        .body(
                                Map.of(
                                        "feed",
                                        POLICE,
                                        "dimensions",
                                        List.of("offenceGroup"),
                                        "from",
                                        month,
                                        "to",
                                        month))
                        .post("/api/v1/agreements/" + Extracts.allFeedsAgreement() + "/aggregates");
        Map<List<String>, PerturbedValues.Truth> truths =
                PerturbedValues.truths(
                        "SELECT attrs->>'offence_group', count(*), sum(record_hash)"
                                + " FROM feed_row WHERE feed = ? AND provider = 'wm-police'"
                                + " AND NOT restricted AND event_month = to_date(?, 'YYYY-MM')"
                                + " GROUP BY ROLLUP (1)",
                        1,
                        POLICE,
                        month);
        PerturbedValues.Truth robbery =
                truths.getOrDefault(List.of("robbery"), PerturbedValues.Truth.ZERO);
        // The month's rows (the ROLLUP total; no row lacks an offence group) are the table's
        // population. Below the threshold once perturbed, no breakdown of it is released at all
        // (a 422); for a small month, cell-key noise decides which.
        PerturbedValues.Truth population =
                truths.getOrDefault(List.of("(not recorded)"), PerturbedValues.Truth.ZERO);
        if (PerturbedValues.expected(population) == null) {
            response.then().statusCode(422);
            assertThat(response.jsonPath().getString("type"))
                    .isEqualTo("urn:pactum:problem:population-below-threshold");
            return robbery.count();
        }
        JsonPath body = response.then().statusCode(200).extract().jsonPath();
        Object released = body.get("cells.find { it.key.offenceGroup == 'robbery' }.count");
        assertThat(released == null ? null : ((Number) released).longValue())
                .isEqualTo(PerturbedValues.expected(robbery));
        return robbery.count();
    }

    private static List<Map<String, Object>> records(String agreement, String month) {
        String body =
                given().auth()
                        // The record agreement's recipient (support/Agreements.recordContent).
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .get(
                                "/api/v1/agreements/"
                                        + agreement
                                        + "/records?feed="
                                        + POLICE
                                        + "&from="
                                        + month
                                        + "&to="
                                        + month)
                        .then()
                        .log()
                        .ifValidationFails()
                        .statusCode(200)
                        .extract()
                        .asString();
        return body.lines()
                .filter(l -> !l.isBlank())
                .map(l -> JsonPath.from(l).<String, Object>getMap("$"))
                .toList();
    }

    private static long maxRowsPerVictim(List<Map<String, Object>> rows) {
        Map<Object, Long> perVictim = new HashMap<>();
        rows.forEach(r -> perVictim.merge(r.get("victim_id"), 1L, Long::sum));
        return perVictim.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The detail of each entry with this action after {@code afterSeq}, oldest first. */
    private static List<Map<String, Object>> details(long afterSeq, String action)
            throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = TestDatabase.superuser();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT detail::text FROM audit_entry WHERE seq > ? AND action = ? ORDER BY seq")) {
            ps.setLong(1, afterSeq);
            ps.setString(2, action);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HashMap<>(JsonPath.from(rs.getString(1)).getMap("$")));
                }
            }
        }
        return out;
    }
}
