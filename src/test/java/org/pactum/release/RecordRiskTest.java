package org.pactum.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Issue 15: record releases that cannot single anyone out. Each test pushes its own police rows in
 * a year no other test uses, under its own agreement to its own recipient, and checks the released
 * extract with its own count.
 */
@QuarkusTest
class RecordRiskTest {

    private static final String POLICE = "police-recorded-violence";
    private static final List<String> QUASI =
            List.of("event_month", "local_authority", "age_band", "victim_sex");
    private static final List<String> UNDER_25 = List.of("0-9", "10-14", "15-17", "18-24");

    /** One police row: the event in {@code year}-{@code month}, at an LSOA of council block. */
    static String row(int n, int year, int month, int council, int age, String sex, boolean abuse) {
        return String.format(
                "%d/CR/%d,V%d-%d,,8N,violence-with-injury,false,false,%s,%d-%02d-%02dT10:00,E0109%04d,,,%d,%s,W1",
                year, n, year, n, abuse, year, month, 1 + n % 27, council * 1000, age, sex);
    }

    static void push(int year, List<String> rows) {
        String body = SyntheticData.POLICE_HEADER + "\n" + String.join("\n", rows) + "\n";
        Extracts.push(POLICE, year + "-01", body).then().statusCode(201);
    }

    private static Map<String, Object> recordAgreement(String recipient) {
        Map<String, Object> c = Agreements.recordContent();
        c.put("providers", List.of(Map.of("organisation", "wm-police", "feeds", List.of(POLICE))));
        c.put("recipients", List.of(recipient));
        c.remove("recordRisk"); // the defaults: k 5, l 2, at most a tenth of the values suppressed
        Map<String, Object> police = new LinkedHashMap<>();
        police.put("victim_id", Map.of("action", "PSEUDONYMISE"));
        police.put("occurred_at", Map.of("action", "GENERALISE", "to", "MONTH"));
        police.put("lsoa", Map.of("action", "GENERALISE", "to", "LOCAL_AUTHORITY"));
        police.put("victim_age", Map.of("action", "GENERALISE", "to", "AGE_BAND"));
        police.put("victim_sex", Map.of("action", "ALLOW"));
        c.put("fieldRules", new LinkedHashMap<>(Map.of(POLICE, police)));
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> policeRules(Map<String, Object> c) {
        return (Map<String, Object>) ((Map<String, Object>) c.get("fieldRules")).get(POLICE);
    }

    static Response records(String recipient, String agreement, int year) {
        return given().auth()
                .oauth2(Tokens.analyst(recipient))
                .accept("application/x-ndjson")
                .get(
                        "/api/v1/agreements/"
                                + agreement
                                + "/records?feed="
                                + POLICE
                                + "&from="
                                + year
                                + "-01&to="
                                + year
                                + "-12");
    }

    static long stored(int year, String extraCondition) throws Exception {
        return TestDatabase.queryLong(
                "SELECT count(*) FROM feed_row WHERE feed = ? AND provider = 'wm-police'"
                        + " AND event_month BETWEEN make_date(?, 1, 1) AND make_date(?, 12, 1)"
                        + extraCondition,
                POLICE,
                year,
                year);
    }

    private static String key(Map<String, Object> line) {
        List<String> k = new ArrayList<>();
        for (String q : QUASI) {
            k.add(String.valueOf(line.get(q)));
        }
        return String.join("|", k);
    }

    @Test
    void everyRecordReleaseMeetsItsKAndL() throws Exception {
        int year = 1971;
        SplittableRandom r = new SplittableRandom(1971);
        List<String> rows = new ArrayList<>();
        int[] ages = {16, 20, 30};
        for (int i = 0; i < 300; i++) {
            rows.add(
                    row(
                            i,
                            year,
                            1 + r.nextInt(3),
                            r.nextInt(2),
                            ages[r.nextInt(3)],
                            r.nextBoolean() ? "M" : "F",
                            r.nextInt(4) == 0));
        }
        // People a news report could describe: unique on their quasi-identifiers.
        rows.add(row(900, year, 12, 3, 70, "F", true));
        rows.add(row(901, year, 11, 4, 50, "M", false));
        push(year, rows);
        Map<String, Object> content = recordAgreement("sandwell-mbc");
        policeRules(content).put("domestic_abuse_flag", Map.of("action", "ALLOW"));
        String id = Agreements.active(content);
        long before = AuditTrail.head();

        Response response = records("sandwell-mbc", id, year);
        response.then().statusCode(200);
        List<Map<String, Object>> lines =
                response.asString()
                        .lines()
                        .map(l -> JsonPath.from(l).<String, Object>getMap(""))
                        .toList();

        // The test's own count: every released combination of quasi-identifiers, its size and its
        // domestic-abuse values.
        Map<String, Integer> sizes = new HashMap<>();
        Map<String, Set<Object>> abuse = new HashMap<>();
        long stars = 0;
        for (Map<String, Object> line : lines) {
            sizes.merge(key(line), 1, Integer::sum);
            abuse.computeIfAbsent(key(line), k -> new HashSet<>())
                    .add(line.get("domestic_abuse_flag"));
            for (String q : QUASI) {
                if ("*".equals(line.get(q))) {
                    stars++;
                }
            }
        }
        assertThat(lines).isNotEmpty();
        assertThat(sizes.values()).allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(5));
        assertThat(abuse.values())
                .allSatisfy(values -> assertThat(values).hasSizeGreaterThanOrEqualTo(2));
        int smallest = sizes.values().stream().min(Integer::compare).orElseThrow();
        long withheld = stored(year, "") - lines.size();
        assertThat(Long.parseLong(response.header("X-Record-Count"))).isEqualTo(lines.size());
        assertThat(Long.parseLong(response.header("X-K-Achieved"))).isEqualTo(smallest);
        assertThat(Long.parseLong(response.header("X-Records-Withheld"))).isEqualTo(withheld);
        assertThat(Long.parseLong(response.header("X-Values-Suppressed")))
                .isEqualTo(stars + withheld * QUASI.size());
        // The unique outliers are not released as they were.
        assertThat(lines)
                .noneSatisfy(
                        l -> {
                            assertThat(l.get("age_band")).isEqualTo("65+");
                            assertThat(l.get("event_month")).isEqualTo(year + "-12");
                        });
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT (detail->>'kAchieved')::bigint FROM audit_entry WHERE seq > ?"
                                        + " AND action = 'release.records' AND outcome = 'ALLOWED'",
                                before))
                .isEqualTo(smallest);
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT (detail->>'valuesSuppressed')::bigint FROM audit_entry WHERE seq > ?"
                                        + " AND action = 'release.records' AND outcome = 'ALLOWED'",
                                before))
                .isEqualTo(stars + withheld * QUASI.size());
    }

    @Test
    void aRowFilterExcludesRowsFromRecordsAndAggregates() throws Exception {
        int year = 1972;
        SplittableRandom r = new SplittableRandom(1972);
        List<String> rows = new ArrayList<>();
        int[] ages = {16, 20, 30, 40};
        for (int i = 0; i < 400; i++) {
            rows.add(row(i, year, 1 + r.nextInt(2), 0, ages[r.nextInt(4)], "M", false));
        }
        push(year, rows);
        Map<String, Object> content = recordAgreement("walsall-mbc");
        content.put("rowFilters", Map.of(POLICE, Map.of("ageBand", UNDER_25)));
        String id = Agreements.active(content);
        Response response = records("walsall-mbc", id, year);
        response.then().statusCode(200);
        List<Map<String, Object>> lines =
                response.asString()
                        .lines()
                        .map(l -> JsonPath.from(l).<String, Object>getMap(""))
                        .toList();
        long inScope = stored(year, " AND age_band IN ('0-9', '10-14', '15-17', '18-24')");
        assertThat(inScope).isLessThan(stored(year, ""));
        assertThat(lines.size() + Long.parseLong(response.header("X-Records-Withheld")))
                .isEqualTo(inScope);
        assertThat(lines)
                .allSatisfy(
                        l ->
                                assertThat((String) l.get("age_band"))
                                        .isIn("0-9", "10-14", "15-17", "18-24", "*"));

        Map<String, Object> aggregate = recordAgreement("walsall-mbc");
        aggregate.put("releaseLevel", "AGGREGATE");
        policeRules(aggregate).remove("victim_id");
        aggregate.put("rowFilters", Map.of(POLICE, Map.of("ageBand", UNDER_25)));
        String agg = Agreements.active(aggregate);
        long before = AuditTrail.head();
        JsonPath table =
                given().auth()
                        .oauth2(Tokens.analyst("walsall-mbc"))
                        .contentType(ContentType.JSON)
                        .body(
                                Map.of(
                                        "feed",
                                        POLICE,
                                        "dimensions",
                                        List.of("ageBand"),
                                        "from",
                                        year + "-01",
                                        "to",
                                        year + "-12"))
                        .post("/api/v1/agreements/" + agg + "/aggregates")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<String> bands = table.getList("cells.key.ageBand");
        assertThat(bands).isNotEmpty();
        assertThat(UNDER_25).containsAll(bands);
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE seq > ? AND action = 'release.aggregate'"
                                        + " AND detail->'rowFilter'->'ageBand' = '[\"0-9\",\"10-14\",\"15-17\",\"18-24\"]'::jsonb",
                                before))
                .isEqualTo(1);
    }

    @Test
    void aReleaseThatWouldNeedTooMuchSuppressionIsRefusedNamingTheSetting() throws Exception {
        int year = 1973;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(row(i, year, 1 + i % 12, i % 3, 16 + i % 40, i % 2 == 0 ? "M" : "F", false));
        }
        push(year, rows);
        Map<String, Object> content = recordAgreement("wolverhampton-cc");
        content.put("recordRisk", Map.of("k", 50));
        String id = Agreements.active(content);
        long before = AuditTrail.head();
        records("wolverhampton-cc", id, year)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:record-risk-too-high"))
                .body("setting", equalTo("recordRisk.maxSuppressedShare"));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        e -> {
                            assertThat(e.action()).isEqualTo("release.records");
                            assertThat(e.outcome()).isEqualTo("DENIED");
                            assertThat(e.reason()).contains("recordRisk.maxSuppressedShare");
                        });
    }

    @Test
    void theGeneralisationsTheAgreementAllowsAreUsedBeforeSuppressing() throws Exception {
        int year = 1974;
        List<String> rows = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            rows.add(row(month * 2, year, month, 0, 20, "M", false));
            rows.add(row(month * 2 + 1, year, month, 0, 20, "M", false));
        }
        push(year, rows);
        Map<String, Object> content = recordAgreement("coventry-cc");
        content.put("recordRisk", Map.of("generalisations", List.of("QUARTER", "YEAR")));
        String id = Agreements.active(content);
        Response response = records("coventry-cc", id, year);
        response.then().statusCode(200).header("X-Generalised", equalTo("event_month=QUARTER"));
        List<Map<String, Object>> lines =
                response.asString()
                        .lines()
                        .map(l -> JsonPath.from(l).<String, Object>getMap(""))
                        .toList();
        assertThat(lines).hasSize(24);
        assertThat(lines)
                .allSatisfy(
                        l -> assertThat((String) l.get("event_month")).matches(year + "-Q[1-4]"));
        assertThat(response.header("X-Values-Suppressed")).isEqualTo("0");

        // Without those generalisations the same rows cannot be released safely.
        String strict = Agreements.active(recordAgreement("solihull-mbc"));
        records("solihull-mbc", strict, year).then().statusCode(422);
    }

    @Test
    void riskSettingsAndRowFiltersAreCheckedWhenDrafted() {
        Map<String, Object> lowK = recordAgreement("birmingham-cc");
        lowK.put("recordRisk", Map.of("k", 2));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(lowK)
                .post("/api/v1/agreements")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("recordRisk.k"));
        Map<String, Object> badFilter = recordAgreement("birmingham-cc");
        badFilter.put("rowFilters", Map.of(POLICE, Map.of("shoeSize", List.of("9"))));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(badFilter)
                .post("/api/v1/agreements")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("rowFilters." + POLICE + ".shoeSize"));
        Map<String, Object> badValue = recordAgreement("birmingham-cc");
        badValue.put("rowFilters", Map.of(POLICE, Map.of("ageBand", List.of("25-99"))));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(badValue)
                .post("/api/v1/agreements")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("rowFilters." + POLICE + ".ageBand[0]"));
    }

    /** Drafts and proposes as admin, then has every party approve; returns the last response. */
    private static Response approvedByAll(String id) {
        JsonPath proposed = Agreements.propose(Tokens.admin(), id);
        Response last = null;
        for (Object party : proposed.getList("awaitingApproval")) {
            last =
                    Agreements.approve(
                            (String) party,
                            id,
                            proposed.getInt("version"),
                            proposed.getString("contentHash"));
            if (last.statusCode() != 200) {
                return last;
            }
        }
        return last;
    }

    @Test
    void aSecondOverlappingRecordAgreementCannotActivateWithoutTheJointCheck() throws Exception {
        Map<String, Object> first = recordAgreement("birmingham-cc");
        first.put(
                "fieldRules",
                Map.of(
                        POLICE,
                        Map.of(
                                "victim_id", Map.of("action", "PSEUDONYMISE"),
                                "victim_sex", Map.of("action", "ALLOW"))));
        String a = Agreements.active(first);

        Map<String, Object> second = new LinkedHashMap<>(first);
        second.put("title", "A second cohort");
        String b = Agreements.create(Tokens.admin(), second).getString("id");
        long before = AuditTrail.head();
        approvedByAll(b)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:joint-risk-check-required"));
        assertThat(Agreements.get(b).getString("status")).isEqualTo("PROPOSED");
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        e -> {
                            assertThat(e.action()).isEqualTo("agreement.approve");
                            assertThat(e.outcome()).isEqualTo("DENIED");
                            assertThat(e.reason()).contains(a).contains("recordRisk.jointWith");
                        });

        second.put("recordRisk", Map.of("jointWith", List.of(a)));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(second)
                .put("/api/v1/agreements/" + b)
                .then()
                .statusCode(200);
        before = AuditTrail.head();
        approvedByAll(b).then().statusCode(200).body("status", equalTo("ACTIVE"));
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE seq > ? AND action = 'agreement.joint-risk-check'"
                                        + " AND outcome = 'ALLOWED' AND detail->>'jointWith' = ?"
                                        + " AND (detail->>'kAchieved')::int >= 5",
                                before,
                                a))
                .isEqualTo(1);

        // A third that, with the first, would single people out (exact date and LSOA) is refused.
        Map<String, Object> third = new LinkedHashMap<>(first);
        third.put("title", "A fine-grained cohort");
        third.put(
                "fieldRules",
                Map.of(
                        POLICE,
                        Map.of(
                                "victim_id", Map.of("action", "PSEUDONYMISE"),
                                "occurred_at", Map.of("action", "ALLOW"),
                                "lsoa", Map.of("action", "ALLOW"))));
        third.put("recordRisk", Map.of("jointWith", List.of(a, b)));
        String c = Agreements.create(Tokens.admin(), third).getString("id");
        approvedByAll(c)
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:pactum:problem:joint-risk-too-high"))
                .body("setting", equalTo("recordRisk.maxSuppressedShare"));
        assertThat(Agreements.get(c).getString("status")).isEqualTo("PROPOSED");
    }

    @Test
    void theDemoCohortAgreementCoversUnder25sOnlyAndMeetsK() {
        String analyst = Tokens.analyst("birmingham-yjs");
        List<Map<String, Object>> visible =
                given().auth()
                        .oauth2(analyst)
                        .get("/api/v1/agreements")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("");
        String cohort =
                visible.stream()
                        .filter(
                                a ->
                                        "Youth violence cohort: early help"
                                                .equals(
                                                        ((Map<?, ?>) a.get("content"))
                                                                .get("title")))
                        .map(a -> (String) a.get("id"))
                        .findFirst()
                        .orElseThrow();
        Map<String, List<String>> quasi =
                Map.of(
                        POLICE,
                        List.of(
                                "event_month",
                                "local_authority",
                                "age_band",
                                "victim_sex",
                                "offence_group",
                                "knife_flag"),
                        "youth-justice-disposals",
                        List.of(
                                "event_month",
                                "local_authority",
                                "age_band",
                                "sex",
                                "weapon_flag",
                                "disposal_type"));
        for (Map.Entry<String, List<String>> feed : quasi.entrySet()) {
            Response response =
                    given().auth()
                            .oauth2(analyst)
                            .accept("application/x-ndjson")
                            .get("/api/v1/agreements/" + cohort + "/records?feed=" + feed.getKey());
            response.then().statusCode(200);
            Map<String, Integer> sizes = new HashMap<>();
            Map<String, Set<Object>> offences = new HashMap<>();
            List<Map<String, Object>> lines =
                    response.asString()
                            .lines()
                            .map(l -> JsonPath.from(l).<String, Object>getMap(""))
                            .toList();
            for (Map<String, Object> line : lines) {
                List<String> k = new ArrayList<>();
                feed.getValue().forEach(q -> k.add(String.valueOf(line.get(q))));
                sizes.merge(String.join("|", k), 1, Integer::sum);
                offences.computeIfAbsent(String.join("|", k), x -> new HashSet<>())
                        .add(line.get("offence_category"));
                if (feed.getKey().equals(POLICE)) {
                    assertThat((String) line.get("age_band"))
                            .isIn("0-9", "10-14", "15-17", "18-24", "0-17", "*");
                }
            }
            assertThat(lines).isNotEmpty();
            assertThat(sizes.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
            if (!feed.getKey().equals(POLICE)) {
                // The youth offence category is sensitive (S): l-diverse, l = 2.
                assertThat(offences.values())
                        .allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(2));
            }
            System.out.printf(
                    "cohort %s: %d records, k achieved %s, %s values suppressed, %s withheld, generalised %s%n",
                    feed.getKey(),
                    lines.size(),
                    response.header("X-K-Achieved"),
                    response.header("X-Values-Suppressed"),
                    response.header("X-Records-Withheld"),
                    response.header("X-Generalised"));
        }
    }
}
