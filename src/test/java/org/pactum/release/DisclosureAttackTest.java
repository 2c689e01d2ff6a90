package org.pactum.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * The intruder attacks of issues 13 and 20, replayed against real stored rows with an ordinary
 * analyst token. The planted data lives in event years no other test uses (2091-2093), in one
 * council, so the truth of every cell is known to the test from what it pushed.
 */
@QuarkusTest
class DisclosureAttackTest {

    private static final String POLICE = "police-recorded-violence";
    private static final List<String> SEXES = List.of("F", "M");
    private static final List<String> BANDS = List.of("15-17", "18-24", "25-34");
    private static final Map<String, Integer> AGE_OF =
            Map.of("15-17", 16, "18-24", 20, "25-34", 30);
    private static final YearMonth FIRST = YearMonth.of(2091, 1);
    private static final int MONTHS = 24;

    private static String lsoa;
    private static String council;

    /** truth[month][sex][band] */
    private static int[][][] truth;

    private static int seq;

    @BeforeEach
    void plant() throws Exception {
        if (truth != null) {
            return;
        }
        try (var c = TestDatabase.superuser();
                var rs =
                        c.createStatement()
                                .executeQuery(
                                        "SELECT lsoa, local_authority FROM lsoa_area ORDER BY lsoa LIMIT 1")) {
            rs.next();
            lsoa = rs.getString(1);
            council = rs.getString(2);
        }
        Random r = new Random(20_261_122L);
        truth = new int[MONTHS][SEXES.size()][BANDS.size()];
        StringBuilder csv = new StringBuilder(header());
        for (int m = 0; m < MONTHS; m++) {
            for (int s = 0; s < SEXES.size(); s++) {
                for (int b = 0; b < BANDS.size(); b++) {
                    int n = r.nextInt(13); // 0..12: plenty of small cells, and some near 8
                    truth[m][s][b] = n;
                    for (int i = 0; i < n; i++) {
                        csv.append(row(FIRST.plusMonths(m), SEXES.get(s), BANDS.get(b)));
                    }
                }
            }
        }
        Extracts.push(POLICE, "2091-01", csv.toString()).then().statusCode(201);
        // The truth holds only if no other test writes these months: check it against the rows.
        long planted = 0;
        for (int[][] month : truth) {
            for (int[] sex : month) {
                for (int n : sex) {
                    planted += n;
                }
            }
        }
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM feed_row WHERE feed = ? AND event_month >= ? "
                                        + "AND event_month < ?",
                                POLICE,
                                java.sql.Date.valueOf(FIRST.atDay(1)),
                                java.sql.Date.valueOf(FIRST.plusMonths(MONTHS).atDay(1))))
                .as("rows in the attack's months (another test writing them breaks the truth)")
                .isEqualTo(planted);
    }

    private static String header() {
        return "crime_reference,victim_id,suspect_id,offence_code,offence_group,knife_flag,firearm_flag,"
                + "domestic_abuse_flag,occurred_at,lsoa,local_authority,victim_date_of_birth,victim_age,victim_sex,victim_ethnicity\n";
    }

    private static synchronized String row(YearMonth month, String sex, String band) {
        seq++;
        return "ATTACK/"
                + seq
                + ",V"
                + seq
                + ",,8N,violence-with-injury,false,false,false,"
                + month.atDay(10)
                + "T12:00,"
                + lsoa
                + ",,,"
                + AGE_OF.get(band)
                + ","
                + sex
                + ",W1\n";
    }

    private static Response ask(String agreement, Map<String, Object> request) {
        return given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/v1/agreements/" + agreement + "/aggregates");
    }

    private static Map<String, Object> table(YearMonth from, YearMonth to) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("feed", POLICE);
        q.put("dimensions", List.of("sex", "ageBand"));
        q.put("filters", Map.of("localAuthority", List.of(council)));
        q.put("from", from.toString());
        q.put("to", to.toString());
        return q;
    }

    private static int sum(int from, int to, int s, int b) {
        int n = 0;
        for (int m = from; m <= to; m++) {
            n += truth[m][s][b];
        }
        return n;
    }

    /** Released values of one table by [sex][band] (null: the marker). */
    @SuppressWarnings("unchecked")
    private static Long[][] values(JsonPath body) {
        Long[][] out = new Long[SEXES.size()][BANDS.size()];
        for (Object o : body.getList("cells")) {
            Map<String, Object> cell = (Map<String, Object>) o;
            Map<String, String> key = (Map<String, String>) cell.get("key");
            int s = SEXES.indexOf(key.get("sex"));
            int b = BANDS.indexOf(key.get("ageBand"));
            if (s >= 0 && b >= 0) {
                Number n = (Number) cell.get("count");
                out[s][b] = n == null ? null : n.longValue();
            }
        }
        return out;
    }

    /**
     * Subset sums and averaging over contiguous ranges (the only period sets Pactum accepts): the
     * intruder asks every range it can, then for each single-month cell averages every difference
     * of two released ranges that isolates it ([a..m] - [a..m-1] and [m..b] - [m+1..b]).
     */
    @Test
    void rangeDifferencesAndAveragingRecoverNoSmallCellAndTheBudgetStopsTheSweep()
            throws Exception {
        String agreement = Agreements.active(ReleaseTest.aggregateContent());
        Map<String, Long[][]> released = new HashMap<>();
        Response refused = null;
        int asked = 0;
        outer:
        for (int len = 1; len <= MONTHS; len++) {
            for (int a = 0; a + len <= MONTHS; a++) {
                Response res =
                        ask(agreement, table(FIRST.plusMonths(a), FIRST.plusMonths(a + len - 1)));
                asked++;
                if (res.statusCode() == 429) {
                    refused = res;
                    break outer;
                }
                if (res.statusCode() == 200) {
                    released.put(a + ".." + (a + len - 1), values(res.jsonPath()));
                } else {
                    assertThat(res.statusCode()).as(res.asString()).isEqualTo(422);
                }
            }
        }
        // The budget (200 tables per window by default) ends the sweep of 300 ranges, naming when
        // it renews.
        assertThat(refused).as("the budget stops the sweep after %d tables", asked).isNotNull();
        refused.then()
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:query-budget-spent"))
                .body("renewsAt", notNullValue());
        assertThat(asked).isEqualTo(201);
        // Every release and the refusal are audited, with the method and the history's work.
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE agreement_id = ? AND action = 'release.aggregate' "
                                        + "AND outcome = 'ALLOWED' AND detail->>'method' = 'cell-key-perturbation' "
                                        + "AND detail->>'ptable' = 'pactum-ptable-1-t8' AND detail->>'cellsWithheldByHistory' IS NOT NULL "
                                        + "AND detail->>'historyCheckMicros' IS NOT NULL",
                                agreement))
                .isEqualTo(released.size());
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE agreement_id = ? AND outcome = 'DENIED' "
                                        + "AND reason LIKE 'query budget spent until %'",
                                agreement))
                .isEqualTo(1);
        long withheld =
                TestDatabase.queryLong(
                        "SELECT coalesce(sum((detail->>'cellsWithheldByHistory')::int), 0) FROM audit_entry "
                                + "WHERE agreement_id = ? AND action = 'release.aggregate' AND outcome = 'ALLOWED'",
                        agreement);
        long meanMicros =
                TestDatabase.queryLong(
                        "SELECT coalesce(avg((detail->>'historyCheckMicros')::bigint), 0)::bigint FROM audit_entry "
                                + "WHERE agreement_id = ? AND action = 'release.aggregate' AND outcome = 'ALLOWED'",
                        agreement);
        long maxMicros =
                TestDatabase.queryLong(
                        "SELECT coalesce(max((detail->>'historyCheckMicros')::bigint), 0) FROM audit_entry "
                                + "WHERE agreement_id = ? AND action = 'release.aggregate' AND outcome = 'ALLOWED'",
                        agreement);
        assertThat(withheld).as("the history withheld cells").isPositive();
        System.out.printf(
                "release history: %d tables released, %d cells withheld, check %d us mean, %d us max%n",
                released.size(), withheld, meanMicros, maxMicros);

        int small = 0;
        int isolatedPairs = 0;
        int exact = 0;
        int naiveExact = 0;
        int[] frequency = new int[8];
        for (int m = 0; m < MONTHS; m++) {
            for (int s = 0; s < 2; s++) {
                for (int b = 0; b < 3; b++) {
                    if (truth[m][s][b] >= 1 && truth[m][s][b] <= 7) {
                        frequency[truth[m][s][b]]++;
                    }
                }
            }
        }
        int naive = 1;
        for (int v = 1; v <= 7; v++) {
            naive = frequency[v] > frequency[naive] ? v : naive;
        }
        for (int m = 0; m < MONTHS; m++) {
            for (int s = 0; s < 2; s++) {
                for (int b = 0; b < 3; b++) {
                    int t = truth[m][s][b];
                    if (t < 1 || t > 7) {
                        continue;
                    }
                    small++;
                    double total = 0;
                    int pairs = 0;
                    for (int a = 0; a < m; a++) {
                        Long[][] with = released.get(a + ".." + m);
                        Long[][] without = released.get(a + ".." + (m - 1));
                        if (with != null
                                && without != null
                                && with[s][b] != null
                                && without[s][b] != null) {
                            total += with[s][b] - without[s][b];
                            pairs++;
                        }
                    }
                    for (int z = m + 1; z < MONTHS; z++) {
                        Long[][] with = released.get(m + ".." + z);
                        Long[][] without = released.get((m + 1) + ".." + z);
                        if (with != null
                                && without != null
                                && with[s][b] != null
                                && without[s][b] != null) {
                            total += with[s][b] - without[s][b];
                            pairs++;
                        }
                    }
                    isolatedPairs += pairs;
                    long guess = pairs == 0 ? naive : Math.round(total / pairs);
                    if (guess == t) {
                        exact++;
                    }
                    if (naive == t) {
                        naiveExact++;
                    }
                }
            }
        }
        assertThat(small).as("small cells planted").isGreaterThan(50);
        assertThat(released).as("ranges answered").isNotEmpty();
        // The history rule: no two released values differ by a small single-month cell.
        assertThat(isolatedPairs).as("released pairs isolating a small cell").isZero();
        double share = (double) exact / small;
        double naiveShare = (double) naiveExact / small;
        assertThat(share)
                .as("intruder's exact share vs naive %.2f", naiveShare)
                .isLessThanOrEqualTo(naiveShare + 0.05);
    }

    /**
     * Zero versus small: a count filtered down to one council, sex, age band and month answers the
     * same way whether the true count is 0 or 1..7; and the marker is decided on the perturbed
     * value, so true counts of 8 and more are sometimes shown as the marker too (no threshold
     * oracle), while no true count below 8 is ever shown.
     */
    @Test
    void zeroAndSmallCountsLookAlikeAndTheMarkerIsNoThresholdOracle() throws Exception {
        String agreement = Agreements.active(ReleaseTest.aggregateContent());
        Map<Integer, List<String>> outcomesByTruth = new HashMap<>();
        int asked = 0;
        for (int m = 0; m < MONTHS && asked < 190; m++) {
            for (int s = 0; s < 2; s++) {
                for (int b = 0; b < 3; b++) {
                    YearMonth month = FIRST.plusMonths(m);
                    Map<String, Object> q = new LinkedHashMap<>();
                    q.put("feed", POLICE);
                    q.put("dimensions", List.of());
                    q.put(
                            "filters",
                            Map.of(
                                    "localAuthority", List.of(council),
                                    "sex", List.of(SEXES.get(s)),
                                    "ageBand", List.of(BANDS.get(b))));
                    q.put("from", month.toString());
                    q.put("to", month.toString());
                    Response res = ask(agreement, q);
                    asked++;
                    String outcome =
                            res.statusCode() == 200
                                    ? "shown"
                                    : res.statusCode() + " " + res.jsonPath().getString("type");
                    outcomesByTruth
                            .computeIfAbsent(truth[m][s][b], k -> new ArrayList<>())
                            .add(outcome);
                }
            }
        }
        List<String> zero = outcomesByTruth.get(0);
        assertThat(zero).isNotEmpty();
        for (int t = 0; t < 8; t++) {
            for (String o : outcomesByTruth.getOrDefault(t, List.of())) {
                assertThat(o)
                        .as("true count %d", t)
                        .isEqualTo("422 urn:pactum:problem:population-below-threshold")
                        .isEqualTo(zero.get(0));
            }
        }
        List<String> nearAbove = new ArrayList<>(outcomesByTruth.getOrDefault(8, List.of()));
        nearAbove.addAll(outcomesByTruth.getOrDefault(9, List.of()));
        nearAbove.addAll(outcomesByTruth.getOrDefault(10, List.of()));
        assertThat(nearAbove).as("true 8-10 cells asked").hasSizeGreaterThan(10);
        assertThat(nearAbove).as("perturbed from above into the marker").contains(zero.get(0));
        assertThat(nearAbove).as("and shown").contains("shown");
    }

    /**
     * A refresh that removes one record from a cell of 9 (9 -> 8): unchanged records keep their
     * keys, and the cell's value is perturbed afresh; the intruder never reads the exact change.
     */
    @Test
    void aRefreshRemovingOneRecordDoesNotDiscloseItExactly() throws Exception {
        String agreement = Agreements.active(ReleaseTest.aggregateContent());
        YearMonth month = YearMonth.of(2093, 3);
        StringBuilder before = new StringBuilder(header());
        StringBuilder after = new StringBuilder(header());
        for (String sex : SEXES) {
            for (String band : BANDS) {
                for (int i = 0; i < 9; i++) {
                    String r = row(month, sex, band);
                    before.append(r);
                    if (i > 0) {
                        after.append(r);
                    }
                }
            }
        }
        Extracts.push(POLICE, "2093-03", before.toString()).then().statusCode(201);
        List<Long> hashesBefore = hashes(month);
        Long[][] first =
                values(
                        ask(agreement, table(month, month))
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath());
        Extracts.push(POLICE, "2093-03", after.toString()).then().statusCode(201);
        Long[][] second =
                values(
                        ask(agreement, table(month, month))
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath());
        int exact = 0;
        for (int s = 0; s < 2; s++) {
            for (int b = 0; b < 3; b++) {
                boolean exactBefore = first[s][b] != null && first[s][b] == 9;
                boolean exactAfter = second[s][b] == null ? false : second[s][b] == 8;
                long delta =
                        (first[s][b] == null ? 0 : first[s][b])
                                - (second[s][b] == null ? 0 : second[s][b]);
                if ((exactBefore && exactAfter) || delta == 1) {
                    exact++;
                }
            }
        }
        assertThat(exact).isZero();
        // Unchanged records kept their keys: every stored hash after the refresh is one the same
        // record had before it.
        List<Long> hashesAfter = hashes(month);
        assertThat(hashesBefore).hasSize(54).doesNotContainNull();
        assertThat(hashesAfter).hasSize(48);
        assertThat(hashesBefore).containsAll(hashesAfter);
    }

    private static List<Long> hashes(YearMonth month) throws Exception {
        List<Long> out = new ArrayList<>();
        try (var c = TestDatabase.superuser();
                var ps =
                        c.prepareStatement(
                                "SELECT record_hash FROM feed_row WHERE feed = ? AND event_month = ?")) {
            ps.setString(1, POLICE);
            ps.setDate(2, java.sql.Date.valueOf(month.atDay(1)));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1) == null ? null : rs.getLong(1));
                }
            }
        }
        return out;
    }

    @Test
    void filtersCountAsCrossedAndMustBeCrossable() throws Exception {
        String agreement = Agreements.active(ReleaseTest.aggregateContent());
        long before = AuditTrail.head();
        ask(
                        agreement,
                        Map.of(
                                "feed",
                                POLICE,
                                "dimensions",
                                List.of("localAuthority", "sex"),
                                "filters",
                                Map.of("domesticAbuse", List.of("true"))))
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:field-not-permitted"))
                .body("dimension", equalTo("domesticAbuse"));
        ask(
                        agreement,
                        Map.of(
                                "feed",
                                POLICE,
                                "dimensions",
                                List.of("localAuthority", "sex", "ageBand"),
                                "filters",
                                Map.of(
                                        "knife",
                                        List.of("true"),
                                        "offenceGroup",
                                        List.of("robbery"))))
                .then()
                .statusCode(400)
                .body("detail", containsString("at most 4 variables"));
        assertThat(AuditTrail.since(before))
                .filteredOn(r -> r.outcome().equals("DENIED"))
                .extracting(r -> r.reason())
                .contains(
                        "dimension domesticAbuse may not be crossed", "too many crossed variables");
    }

    @Test
    void filterValuesOutsideTheCodeListAreRefusedNamingTheAllowedValues() throws Exception {
        String agreement = Agreements.active(ReleaseTest.aggregateContent());
        ask(
                        agreement,
                        Map.of(
                                "feed",
                                POLICE,
                                "dimensions",
                                List.of(),
                                "filters",
                                Map.of("knife", List.of("yes"))))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("filters.knife"))
                .body("allowedValues", hasItems("false", "true"))
                .body("detail", containsString("false, true"))
                .body("detail", org.hamcrest.Matchers.not(containsString("yes")));
        ask(
                        agreement,
                        Map.of(
                                "feed",
                                POLICE,
                                "dimensions",
                                List.of("ageBand"),
                                "filters",
                                Map.of("sex", List.of("m"))))
                .then()
                .statusCode(400)
                .body("allowedValues", hasItems("F", "M"));
    }

    @Test
    void periodsAreWholeContiguousRangesAndLinkedWindowsComeFromAFixedSet() {
        String agreement = Agreements.active(ReleaseTest.aggregateContent());
        ask(
                        agreement,
                        Map.of(
                                "feed",
                                POLICE,
                                "dimensions",
                                List.of(),
                                "filters",
                                Map.of("month", List.of("2091-01", "2091-03"))))
                .then()
                .statusCode(400)
                .body("detail", containsString("from and to"));
        ask(agreement, Map.of("feed", POLICE, "dimensions", List.of(), "from", "2091-01-05"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        JsonPath quarter =
                ask(
                                agreement,
                                Map.of(
                                        "feed",
                                        POLICE,
                                        "dimensions",
                                        List.of("month"),
                                        "from",
                                        "2091-Q2",
                                        "to",
                                        "2091"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(quarter.getString("from")).isEqualTo("2091-04");
        assertThat(quarter.getString("to")).isEqualTo("2091-12");
        assertThat(quarter.getList("cells")).hasSize(9);
        ask(
                        agreement,
                        Map.of(
                                "feed",
                                "youth-justice-disposals",
                                "dimensions",
                                List.of(),
                                "linkedTo",
                                Map.of("feed", "school-exclusions", "withinMonths", 7)))
                .then()
                .statusCode(400)
                .body("field", equalTo("linkedTo.withinMonths"))
                .body("allowedValues", hasItems(6, 12, 24));
    }

    @Test
    void theCatalogueSaysWhatMayBeAskedAndWhatIsLeftOfTheBudget() {
        String agreement = Agreements.active(ReleaseTest.aggregateContent());
        ask(agreement, table(FIRST, FIRST.plusMonths(11))).then().statusCode(200);
        JsonPath cat =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .get("/api/v1/agreements/" + agreement + "/catalogue")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        String police = "feeds.find { it.feed == '" + POLICE + "' }";
        assertThat(cat.getList(police + ".dimensions.name"))
                .contains("localAuthority", "month", "quarter", "ageBand", "sex", "knife")
                .doesNotContain("lsoa_code");
        assertThat(cat.getList(police + ".dimensions.find { it.name == 'sex' }.values.code"))
                .contains("F", "M");
        assertThat(
                        cat.getList(
                                police
                                        + ".dimensions.find { it.name == 'localAuthority' }.values.code"))
                .contains(council);
        assertThat(cat.getBoolean(police + ".dimensions.find { it.name == 'ethnicity' }.crossable"))
                .isFalse();
        assertThat(cat.getString(police + ".disclosure.ptable")).isEqualTo("pactum-ptable-1-t8");
        assertThat(cat.getInt(police + ".disclosure.threshold")).isEqualTo(8);
        assertThat(cat.getInt(police + ".budget.used")).isEqualTo(1);
        assertThat(cat.getInt(police + ".budget.remaining"))
                .isEqualTo(cat.getInt(police + ".budget.limit") - 1);
        assertThat(cat.getString(police + ".periods.from")).isNotNull();
        given().auth()
                .oauth2(Tokens.analyst("walsall-mbc"))
                .get("/api/v1/agreements/" + agreement + "/catalogue")
                .then()
                .statusCode(403);
        given().get("/api/v1/agreements/" + agreement + "/catalogue").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.of("dudley-mbc", "ig-lead"))
                .get("/api/v1/agreements/" + agreement + "/catalogue")
                .then()
                .statusCode(403);
    }
}
