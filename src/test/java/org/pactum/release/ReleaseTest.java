package org.pactum.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
import org.pactum.support.PerturbedValues;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

@QuarkusTest
class ReleaseTest {

    private static final String POLICE = "police-recorded-violence";
    private static String aggregate;
    private static String records;
    private static String records2;

    /**
     * An AGGREGATE agreement permitting every police dimension, and two RECORD agreements; police
     * data pushed once.
     */
    @BeforeEach
    void setUp() {
        if (aggregate != null) {
            return;
        }
        Extracts.push(POLICE, "2099-01", Extracts.police(3_000)).then().statusCode(201);
        aggregate = Agreements.active(aggregateContent());
        records = Agreements.active(Agreements.recordContent());
        records2 = Agreements.active(Agreements.recordContent());
    }

    /**
     * An AGGREGATE agreement permitting every police dimension, crossable; a fresh one gives a
     * fresh release history.
     */
    static Map<String, Object> aggregateContent() {
        Map<String, Object> c = Agreements.recordContent();
        c.put("releaseLevel", "AGGREGATE");
        c.put(
                "providers",
                List.of(
                        Map.of("organisation", "wm-police", "feeds", List.of(POLICE)),
                        Map.of(
                                "organisation",
                                "birmingham-yjs",
                                "feeds",
                                List.of("youth-justice-disposals")),
                        Map.of(
                                "organisation",
                                "birmingham-education",
                                "feeds",
                                List.of("school-exclusions"))));
        Map<String, Object> police = new LinkedHashMap<>();
        for (String f :
                List.of(
                        "lsoa",
                        "occurred_at",
                        "victim_sex",
                        "victim_ethnicity",
                        "offence_group",
                        "knife_flag",
                        "domestic_abuse_flag")) {
            police.put(f, Map.of("action", "ALLOW"));
        }
        police.put("victim_date_of_birth", Map.of("action", "GENERALISE", "to", "AGE_BAND"));
        c.put(
                "fieldRules",
                Map.of(
                        POLICE,
                        police,
                        "youth-justice-disposals",
                        Map.of(
                                "home_lsoa",
                                Map.of("action", "GENERALISE", "to", "LOCAL_AUTHORITY"),
                                "disposal_type",
                                Map.of("action", "ALLOW"),
                                "disposal_date",
                                Map.of("action", "GENERALISE", "to", "QUARTER")),
                        "school-exclusions",
                        Map.of("category", Map.of("action", "ALLOW"))));
        c.put(
                "disclosure",
                Map.of(
                        "minimumCellCount",
                        8,
                        "roundingBase",
                        5,
                        "crossableDimensions",
                        List.of(
                                "localAuthority",
                                "month",
                                "quarter",
                                "ageBand",
                                "sex",
                                "knife",
                                "offenceGroup",
                                "disposalType")));
        return c;
    }

    private static Response aggregate(String agreement, Map<String, Object> request) {
        return given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/v1/agreements/" + agreement + "/aggregates");
    }

    /** The true counts and record-hash sums, computed straight from the stored rows. */
    /**
     * The months the release covered (by default the recent months held, which other tests' pushes
     * move): the oracle counts exactly those.
     */
    private static String releasedPeriod(JsonPath body) {
        String from = body.getString("from");
        String to = body.getString("to");
        assertThat(from).matches("\\d{4}-\\d{2}");
        assertThat(to).matches("\\d{4}-\\d{2}");
        return " AND event_month BETWEEN to_date('"
                + from
                + "', 'YYYY-MM') AND to_date('"
                + to
                + "', 'YYYY-MM')";
    }

    private static Map<List<String>, PerturbedValues.Truth> truth(List<String> exprs, String where)
            throws Exception {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String e : exprs) {
            sql.append(e).append(", ");
        }
        sql.append(
                        "count(*), sum(record_hash) FROM feed_row WHERE feed = '"
                                + POLICE
                                + "' AND provider = 'wm-police'")
                .append(where);
        if (!exprs.isEmpty()) {
            sql.append(" GROUP BY ");
            for (int i = 0; i < exprs.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(i + 1);
            }
        }
        return PerturbedValues.truths(sql.toString(), exprs.size());
    }

    /**
     * Every cell shows exactly the perturbed, rounded true count or the marker; returns how many
     * cells hold a true count from 1 to 7.
     */
    @SuppressWarnings("unchecked")
    private static int assertPerturbed(
            List<Object> cells, List<String> dims, Map<List<String>, PerturbedValues.Truth> truth)
            throws Exception {
        int small = 0;
        for (Object o : cells) {
            Map<String, Object> m = (Map<String, Object>) o;
            Map<String, String> key = (Map<String, String>) m.get("key");
            List<String> k = new ArrayList<>();
            dims.forEach(d -> k.add(key.get(d)));
            PerturbedValues.Truth t = truth.getOrDefault(k, PerturbedValues.Truth.ZERO);
            Number count = (Number) m.get("count");
            assertThat(count == null ? null : count.longValue())
                    .as("cell %s with true count %d", k, t.count())
                    .isEqualTo(PerturbedValues.expected(t));
            if (t.count() > 0 && t.count() < 8) {
                small++;
            }
        }
        return small;
    }

    @ParameterizedTest(name = "groups by {0} in SQL and releases every category perturbed")
    @CsvSource(
            delimiter = '|',
            value = {
                "localAuthority | local_authority",
                "month          | to_char(event_month, 'YYYY-MM')",
                "quarter        | to_char(event_month, 'YYYY-\"Q\"Q')",
                "ageBand        | age_band",
                "sex            | sex",
                "ethnicity      | ethnicity",
                "offenceGroup   | attrs->>'offence_group'",
                "knife          | attrs->>'knife_flag'",
                "domesticAbuse  | attrs->>'domestic_abuse_flag'"
            })
    void eachDimensionIsGroupedAndPerturbed(String dimension, String column) throws Exception {
        String agreement = Agreements.active(aggregateContent());
        JsonPath body =
                aggregate(
                                agreement,
                                Map.of(
                                        "feed",
                                        POLICE,
                                        "dimensions",
                                        List.of(dimension),
                                        "includeTotals",
                                        true))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        Map<List<String>, PerturbedValues.Truth> truth =
                truth(List.of(column), releasedPeriod(body));
        assertPerturbed(body.getList("cells"), List.of(dimension), truth);
        // every observed category is there, and unobserved ones too
        List<String> shown = body.getList("cells.key." + dimension);
        truth.keySet().forEach(k -> assertThat(shown).contains(k.get(0)));
        assertThat(body.getList("totals")).hasSize(1);
        assertThat(body.getString("disclosure.method")).isEqualTo("cell-key-perturbation");
        assertThat(body.getString("disclosure.ptable")).isEqualTo("pactum-ptable-1-t8");

        // a filter on one category releases the same record set, so the same value
        String first = shown.get(0);
        JsonPath filtered =
                aggregate(
                                agreement,
                                Map.of(
                                        "feed",
                                        POLICE,
                                        "dimensions",
                                        List.of(),
                                        "filters",
                                        Map.of(
                                                dimension.equals("month")
                                                                || dimension.equals("quarter")
                                                        ? "sex"
                                                        : dimension,
                                                List.of(
                                                        dimension.equals("month")
                                                                        || dimension.equals(
                                                                                "quarter")
                                                                ? "F"
                                                                : first))))
                        .then()
                        .extract()
                        .jsonPath();
        if (!dimension.equals("month") && !dimension.equals("quarter")) {
            PerturbedValues.Truth t =
                    truth.getOrDefault(List.of(first), PerturbedValues.Truth.ZERO);
            if (t.count() >= 8) {
                assertThat(filtered.getObject("cells[0].count", Long.class))
                        .isEqualTo(body.getObject("cells[0].count", Long.class));
            }
        }
    }

    @Test
    void knifeCrimeAmongUnder25sByCouncilAndQuarterIsPerturbedIncludingTotals() throws Exception {
        String agreement = Agreements.active(aggregateContent());
        Map<String, Object> request =
                Map.of(
                        "feed",
                        POLICE,
                        "dimensions",
                        List.of("localAuthority", "quarter"),
                        "includeTotals",
                        true,
                        // The demo's two years of extracts, not the months other tests push into
                        // (their handfuls of rows would make the table sparse).
                        "from",
                        java.time.YearMonth.now(java.time.ZoneOffset.UTC)
                                .minusMonths(23)
                                .toString(),
                        "to",
                        java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString(),
                        "filters",
                        Map.of(
                                "knife",
                                List.of("true"),
                                "ageBand",
                                List.of("0-9", "10-14", "15-17", "18-24")));
        JsonPath body = aggregate(agreement, request).then().statusCode(200).extract().jsonPath();
        Map<List<String>, PerturbedValues.Truth> truth =
                truth(
                        List.of("local_authority", "to_char(event_month, 'YYYY-\"Q\"Q')"),
                        " AND attrs->>'knife_flag' = 'true' AND age_band IN ('0-9', '10-14', '15-17', '18-24')"
                                + releasedPeriod(body));
        int small =
                assertPerturbed(body.getList("cells"), List.of("localAuthority", "quarter"), truth);
        assertThat(small).as("small cells exist in this slice").isPositive();
        assertThat(body.getInt("disclosure.cellsBelowThreshold")).isGreaterThanOrEqualTo(small);
        assertThat(body.getString("disclosure.marker")).isEqualTo("<8");
    }

    @Test
    void everyReleaseIsAuditedWithWhatWasReleased() throws Exception {
        long before = AuditTrail.head();
        JsonPath body =
                aggregate(aggregate, Map.of("feed", POLICE, "dimensions", List.of("sex")))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("release.aggregate");
                            assertThat(r.outcome()).isEqualTo("ALLOWED");
                            assertThat(r.actorOrganisation()).isEqualTo("dudley-mbc");
                        });
        String detail =
                TestDatabase.queryLong(
                                        "SELECT count(*) FROM audit_entry WHERE seq > ? AND action = 'release.aggregate' "
                                                + "AND agreement_id = ? AND detail->>'cellsShown' IS NOT NULL AND detail->>'ptable' = 'pactum-ptable-1-t8' AND detail->'dimensions' = '[\"sex\"]'::jsonb",
                                        before,
                                        aggregate)
                                == 1
                        ? "ok"
                        : "missing";
        assertThat(detail).isEqualTo("ok");
        assertThat(body.getList("cells")).isNotEmpty();
    }

    @Test
    void aDimensionTheAgreementDoesNotPermitIsRefusedNamingTheField() throws Exception {
        long before = AuditTrail.head();
        // The RECORD agreement generalises lsoa to LOCAL_AUTHORITY, so LSOA-level counts are not
        // permitted.
        aggregate(records, Map.of("feed", POLICE, "dimensions", List.of("lsoa")))
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:field-not-permitted"))
                .body("field", equalTo("lsoa"));
        aggregate(
                        records,
                        Map.of(
                                "feed",
                                POLICE,
                                "dimensions",
                                List.of(),
                                "filters",
                                Map.of("ethnicity", List.of("W1"))))
                .then()
                .statusCode(403)
                .body("field", equalTo("victim_ethnicity"));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("release.aggregate");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.reason()).contains("field lsoa is not permitted");
                        });
    }

    @Test
    void crossingDimensionsOutsideTheProfileIsRefused() {
        aggregate(
                        aggregate,
                        Map.of(
                                "feed",
                                POLICE,
                                "dimensions",
                                List.of("localAuthority", "ethnicity")))
                .then()
                .statusCode(403)
                .body("dimension", equalTo("ethnicity"));
    }

    @Test
    void anUnknownDimensionIsABadRequest() {
        aggregate(aggregate, Map.of("feed", POLICE, "dimensions", List.of("shoeSize")))
                .then()
                .statusCode(400)
                .body("detail", containsString("is not one of police-recorded-violence's"))
                .body(org.hamcrest.Matchers.not(containsString("shoeSize")));
    }

    @Test
    void aSuspendedAgreementRefusesTheNextRelease() {
        String id = Agreements.active(Agreements.recordContent());
        aggregate(id, Map.of("feed", POLICE, "dimensions", List.of("sex"))).then().statusCode(200);
        given().auth()
                .oauth2(Tokens.igLead("birmingham-yjs"))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "review"))
                .post("/api/v1/agreements/" + id + "/suspend")
                .then()
                .statusCode(200);
        aggregate(id, Map.of("feed", POLICE, "dimensions", List.of("sex")))
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:pactum:problem:agreement-does-not-permit"));
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .accept("application/x-ndjson")
                .get("/api/v1/agreements/" + id + "/records?feed=" + POLICE)
                .then()
                .statusCode(403);
    }

    @Test
    void onlyAnalystsOfARecipientMayPull() {
        given().auth()
                .oauth2(Tokens.analyst("coventry-cc"))
                .contentType(ContentType.JSON)
                .body(Map.of("feed", POLICE, "dimensions", List.of()))
                .post("/api/v1/agreements/" + aggregate + "/aggregates")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:pactum:problem:not-a-party"));
        given().auth()
                .oauth2(Tokens.igLead("dudley-mbc"))
                .contentType(ContentType.JSON)
                .body(Map.of("feed", POLICE, "dimensions", List.of()))
                .post("/api/v1/agreements/" + aggregate + "/aggregates")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(Map.of("feed", POLICE, "dimensions", List.of()))
                .post("/api/v1/agreements/" + aggregate + "/aggregates")
                .then()
                .statusCode(401);
    }

    @Test
    void csvIsServedWhenAskedFor() {
        String csv =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .contentType(ContentType.JSON)
                        .accept("text/csv")
                        .body(
                                Map.of(
                                        "feed",
                                        POLICE,
                                        "dimensions",
                                        List.of("sex"),
                                        "includeTotals",
                                        true))
                        .post("/api/v1/agreements/" + aggregate + "/aggregates")
                        .then()
                        .statusCode(200)
                        .contentType("text/csv")
                        .extract()
                        .asString();
        assertThat(csv.lines().findFirst()).contains("sex,count");
        assertThat(csv).contains("(all),");
    }

    @Test
    void whenTheAuditCannotBeWrittenNoDataLeaves() throws Exception {
        TestDatabase.execute("REVOKE INSERT ON audit_entry FROM pactum_app");
        try {
            aggregate(aggregate, Map.of("feed", POLICE, "dimensions", List.of("sex")))
                    .then()
                    .statusCode(503)
                    .body("type", equalTo("urn:pactum:problem:audit-unavailable"))
                    .body("cells", nullValue());
            given().auth()
                    .oauth2(Tokens.analyst("dudley-mbc"))
                    .accept("application/x-ndjson")
                    .get("/api/v1/agreements/" + records + "/records?feed=" + POLICE)
                    .then()
                    .statusCode(503)
                    .body(org.hamcrest.Matchers.not(containsString("victim_id")));
        } finally {
            TestDatabase.execute("GRANT INSERT ON audit_entry TO pactum_app");
        }
    }

    @Test
    void recordsCarryOnlyPermittedFieldsGeneralisedAndCountedInTheAudit() throws Exception {
        long before = AuditTrail.head();
        Response r =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .accept("application/x-ndjson")
                        .get("/api/v1/agreements/" + records + "/records?feed=" + POLICE);
        r.then().statusCode(200).contentType("application/x-ndjson");
        List<JsonPath> lines = r.asString().lines().map(JsonPath::from).toList();
        long stored =
                TestDatabase.queryLong(
                        "SELECT count(*) FROM feed_row WHERE feed = ? AND provider = 'wm-police'",
                        POLICE);
        // Records that no equivalence class of at least k can hide are withheld (issue 15).
        long withheld = Long.parseLong(r.header("X-Records-Withheld"));
        assertThat(lines).hasSize((int) (stored - withheld));
        assertThat(Long.parseLong(r.header("X-Record-Count"))).isEqualTo(stored - withheld);
        Map<String, Object> first = lines.get(0).getMap("");
        assertThat(first.keySet())
                .containsExactlyInAnyOrder(
                        "victim_id",
                        "offence_group",
                        "knife_flag",
                        "event_month",
                        "local_authority",
                        "age_band",
                        "victim_sex");
        // A quasi-identifier value may be suppressed (the one marker *) to keep k (issue 15).
        assertThat((String) first.get("event_month")).matches("\\d{4}-\\d{2}|\\*");
        assertThat((String) first.get("local_authority")).matches("E0[6-9]\\d{6}|\\*");
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        e -> {
                            assertThat(e.action()).isEqualTo("release.records");
                            assertThat(e.outcome()).isEqualTo("ALLOWED");
                        });
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT (detail->>'rowsReleased')::bigint FROM audit_entry WHERE seq > ? AND action = 'release.records'",
                                before))
                .isEqualTo(stored - withheld);

        String csv =
                given().auth()
                        .oauth2(Tokens.analyst("dudley-mbc"))
                        .accept("text/csv")
                        .get(
                                "/api/v1/agreements/"
                                        + records
                                        + "/records?feed="
                                        + POLICE
                                        + "&from=2099-01&to=2099-01")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(csv.lines().findFirst().orElseThrow()).contains("victim_id");
    }

    @Test
    void personIdsAreStableWithinAnAgreementAndUnlinkableAcross() throws Exception {
        String row =
                "2019/CR/7/%d,PREKEY42,,8N,violence-with-injury,false,false,false,2019-07-0%dT10:00,E01090003,,,30,F,W1";
        String body =
                org.pactum.demo.SyntheticData.POLICE_HEADER
                        + "\n"
                        + String.format(row, 1, 1)
                        + "\n"
                        + String.format(row, 2, 2)
                        + "\n"
                        // Other victims like them, so that their equivalence class reaches k=5,
                        // with other offences (l-diversity of the sensitive fields, issue 15).
                        + String.join(
                                "\n",
                                java.util.stream.IntStream.rangeClosed(3, 7)
                                        .mapToObj(
                                                i ->
                                                        String.format(row, i, 3)
                                                                .replace("PREKEY42", "OTHER" + i)
                                                                .replace(
                                                                        "violence-with-injury,false",
                                                                        "robbery,true"))
                                        .toList())
                        + "\n";
        Extracts.push(POLICE, "2098-07", body).then().statusCode(201);
        List<String> inFirst = victims(records, "2019-07");
        List<String> inSecond = victims(records2, "2019-07");
        String storedId;
        try (Connection c = TestDatabase.superuser();
                ResultSet rs =
                        c.createStatement()
                                .executeQuery(
                                        "SELECT DISTINCT person_id FROM feed_row WHERE attrs->>'crime_reference' IS NOT NULL AND line IN (2, 3) AND submission_id = "
                                                + "(SELECT max(id) FROM submission WHERE period = '2098-07')")) {
            rs.next();
            storedId = rs.getString(1);
        }
        Map<String, Integer> counts = new HashMap<>();
        inFirst.forEach(v -> counts.merge(v, 1, Integer::sum));
        String ours =
                counts.entrySet().stream()
                        .filter(e -> e.getValue() >= 2)
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElseThrow();
        assertThat(ours).isNotEqualTo(storedId);
        assertThat(inSecond).doesNotContain(ours).doesNotContain(storedId);
        assertThat(inFirst).doesNotContain(storedId);
    }

    private static List<String> victims(String agreement, String month) {
        return given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .accept("application/x-ndjson")
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
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .map(l -> JsonPath.from(l).getString("victim_id"))
                .toList();
    }

    @Test
    void healthDataIsNeverReleasedAtRecordLevel() throws Exception {
        String id = Agreements.active(Agreements.recordContent());
        // A RECORD agreement cannot name a health feed (validation); simulate one that did, to test
        // the decision point itself.
        TestDatabase.execute(
                "UPDATE agreement_version SET content = jsonb_set(content, '{providers}', content->'providers' || "
                        + "'[{\"organisation\": \"bsol-icb\", \"feeds\": [\"ed-assault-attendances\"]}]'::jsonb) WHERE agreement_id = '"
                        + id
                        + "'");
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .accept("application/x-ndjson")
                .get("/api/v1/agreements/" + id + "/records?feed=ed-assault-attendances")
                .then()
                .statusCode(403)
                .body("detail", containsString("health data"));
    }

    @Test
    void recordsAreOnlyForRecordAgreements() {
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .accept("application/x-ndjson")
                .get("/api/v1/agreements/" + aggregate + "/records?feed=" + POLICE)
                .then()
                .statusCode(403)
                .body("detail", containsString("aggregates only"));
    }

    @Test
    void linkedCountsPersonsInOneFeedWhoAppearInAnotherWithinTheWindow() throws Exception {
        Extracts.push("school-exclusions", "2097-01", Extracts.csv("school-exclusions", 3_000))
                .then()
                .statusCode(201);
        Extracts.push(
                        "youth-justice-disposals",
                        "2097-01",
                        Extracts.csv("youth-justice-disposals", 1_500))
                .then()
                .statusCode(201);
        JsonPath body =
                aggregate(
                                aggregate,
                                Map.of(
                                        "feed",
                                        "youth-justice-disposals",
                                        "dimensions",
                                        List.of("localAuthority"),
                                        "includeTotals",
                                        true,
                                        "linkedTo",
                                        Map.of("feed", "school-exclusions", "withinMonths", 12)))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        Map<List<String>, PerturbedValues.Truth> truth =
                PerturbedValues.truths(
                        """
                SELECT y.local_authority, count(*), sum(h) FROM (
                  SELECT DISTINCT y.local_authority,
                    ('x' || substr(md5(y.linkage_key), 1, 16))::bit(64)::bigint AS h FROM feed_row y
                  WHERE y.feed = 'youth-justice-disposals' AND y.provider = 'birmingham-yjs' AND EXISTS (
                    SELECT 1 FROM feed_row s WHERE s.feed = 'school-exclusions' AND s.provider = 'birmingham-education'
                      AND s.linkage_key = y.linkage_key AND s.event_date <= y.event_date
                      AND s.event_date >= y.event_date - interval '12 months')) y
                GROUP BY 1""",
                        1);
        assertThat(truth).as("the synthetic children link").isNotEmpty();
        assertPerturbed(body.getList("cells"), List.of("localAuthority"), truth);
        assertThat(body.getString("measure")).isEqualTo("persons");
    }
}
