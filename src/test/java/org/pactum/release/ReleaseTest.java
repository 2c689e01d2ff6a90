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
import java.sql.PreparedStatement;
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
import org.pactum.disclosure.DisclosureChecks;
import org.pactum.disclosure.DisclosureControl;
import org.pactum.disclosure.DisclosureRules;
import org.pactum.disclosure.Suppression;
import org.pactum.disclosure.Table;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.Extracts;
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
        aggregate = Agreements.active(c);
        records = Agreements.active(Agreements.recordContent());
        records2 = Agreements.active(Agreements.recordContent());
    }

    private static Response aggregate(String agreement, Map<String, Object> request) {
        return given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .contentType(ContentType.JSON)
                .body(request)
                .post("/api/v1/agreements/" + agreement + "/aggregates");
    }

    /** The true counts, computed straight from the stored rows. */
    private static Table truth(List<String> names, List<String> exprs, String where)
            throws Exception {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String e : exprs) {
            sql.append(e).append(", ");
        }
        sql.append(
                        "count(*) FROM feed_row WHERE feed = '"
                                + POLICE
                                + "' AND provider = 'wm-police'")
                .append(where);
        if (!exprs.isEmpty()) {
            sql.append(" GROUP BY ");
            for (int i = 0; i < exprs.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(i + 1);
            }
        }
        Table t = new Table(names);
        try (Connection c = TestDatabase.superuser();
                PreparedStatement ps = c.prepareStatement(sql.toString());
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> key = new ArrayList<>();
                for (int i = 0; i < exprs.size(); i++) {
                    key.add(rs.getString(i + 1) == null ? "(not recorded)" : rs.getString(i + 1));
                }
                t.add(key, rs.getLong(exprs.size() + 1));
            }
        }
        return t;
    }

    /** The API's table back as DisclosureControl output, to check against the truth. */
    private static DisclosureControl.Released released(JsonPath body, List<String> dims) {
        List<DisclosureControl.Entry> cells = entries(body.getList("cells"), dims);
        List<DisclosureControl.Entry> totals =
                body.getList("totals") == null ? List.of() : entries(body.getList("totals"), dims);
        return new DisclosureControl.Released(
                dims,
                cells,
                totals,
                body.getInt("disclosure.threshold"),
                body.getInt("disclosure.rounding"),
                body.getInt("disclosure.cellsSuppressedPrimary"),
                body.getInt("disclosure.cellsSuppressedSecondary"),
                body.getInt("disclosure.totalsSuppressed"));
    }

    @SuppressWarnings("unchecked")
    private static List<DisclosureControl.Entry> entries(List<Object> json, List<String> dims) {
        List<DisclosureControl.Entry> out = new ArrayList<>();
        for (Object o : json) {
            Map<String, Object> m = (Map<String, Object>) o;
            Map<String, String> key = (Map<String, String>) m.get("key");
            List<String> k = new ArrayList<>();
            dims.forEach(d -> k.add(key.get(d)));
            Number count = (Number) m.get("count");
            String s = (String) m.get("suppressed");
            out.add(
                    new DisclosureControl.Entry(
                            k,
                            count == null ? null : count.longValue(),
                            s == null ? Suppression.NONE : Suppression.valueOf(s.toUpperCase())));
        }
        return out;
    }

    @ParameterizedTest(name = "groups by {0} in SQL and releases it safely")
    @CsvSource(
            delimiter = '|',
            value = {
                "localAuthority | local_authority",
                "lsoa           | lsoa",
                "month          | to_char(event_month, 'YYYY-MM')",
                "quarter        | to_char(event_month, 'YYYY-\"Q\"Q')",
                "ageBand        | age_band",
                "sex            | sex",
                "ethnicity      | ethnicity",
                "offenceGroup   | attrs->>'offence_group'",
                "knife          | attrs->>'knife_flag'",
                "domesticAbuse  | attrs->>'domestic_abuse_flag'"
            })
    void eachDimensionIsGroupedAndControlled(String dimension, String column) throws Exception {
        JsonPath body =
                aggregate(
                                aggregate,
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
        Table truth = truth(List.of(dimension), List.of(column), "");
        DisclosureChecks.assertSafe(
                truth, released(body, List.of(dimension)), DisclosureRules.DEFAULT);
        assertThat(body.getList("cells")).hasSize(truth.values(0).size());

        String first = truth.values(0).get(0);
        JsonPath filtered =
                aggregate(
                                aggregate,
                                Map.of(
                                        "feed",
                                        POLICE,
                                        "dimensions",
                                        List.of(),
                                        "filters",
                                        Map.of(dimension, List.of(first))))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        long expected = truth.count(List.of(first));
        Long released = filtered.getObject("cells[0].count", Long.class);
        if (expected >= 8) {
            assertThat(released).isEqualTo(DisclosureRules.DEFAULT.round(expected));
        } else if (expected > 0) {
            assertThat(released).isNull();
        }
    }

    @Test
    void knifeCrimeAmongUnder25sByCouncilAndQuarterIsSafeIncludingTotals() throws Exception {
        Map<String, Object> request =
                Map.of(
                        "feed",
                        POLICE,
                        "dimensions",
                        List.of("localAuthority", "quarter"),
                        "includeTotals",
                        true,
                        "filters",
                        Map.of(
                                "knife",
                                List.of("true"),
                                "ageBand",
                                List.of("0-9", "10-14", "15-17", "18-24")));
        JsonPath body = aggregate(aggregate, request).then().statusCode(200).extract().jsonPath();
        Table truth =
                truth(
                        List.of("localAuthority", "quarter"),
                        List.of("local_authority", "to_char(event_month, 'YYYY-\"Q\"Q')"),
                        " AND attrs->>'knife_flag' = 'true' AND age_band IN ('0-9', '10-14', '15-17', '18-24')");
        DisclosureControl.Released r = released(body, List.of("localAuthority", "quarter"));
        DisclosureChecks.assertSafe(truth, r, DisclosureRules.DEFAULT);
        assertThat(r.cellsSuppressedPrimary()).as("small cells exist in this slice").isPositive();
        assertThat(body.getString("disclosure.note")).contains("suppressed");
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
                                                + "AND agreement_id = ? AND detail->>'cellsReleased' IS NOT NULL AND detail->'dimensions' = '[\"sex\"]'::jsonb",
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
        assertThat(csv.lines().findFirst()).contains("sex,count,suppressed");
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
        assertThat(lines).hasSize((int) stored);
        assertThat(Long.parseLong(r.header("X-Record-Count"))).isEqualTo(stored);
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
        assertThat((String) first.get("event_month")).matches("\\d{4}-\\d{2}");
        assertThat((String) first.get("local_authority")).matches("E0[6-9]\\d{6}");
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
                .isEqualTo(stored);

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
        Table truth = new Table(List.of("localAuthority"));
        try (Connection c = TestDatabase.superuser();
                ResultSet rs =
                        c.createStatement()
                                .executeQuery(
                                        """
                SELECT y.local_authority, count(DISTINCT y.linkage_key) FROM feed_row y
                WHERE y.feed = 'youth-justice-disposals' AND y.provider = 'birmingham-yjs' AND EXISTS (
                  SELECT 1 FROM feed_row s WHERE s.feed = 'school-exclusions' AND s.provider = 'birmingham-education'
                    AND s.linkage_key = y.linkage_key AND s.event_date <= y.event_date
                    AND s.event_date >= y.event_date - interval '12 months')
                GROUP BY 1""")) {
            while (rs.next()) {
                truth.add(List.of(rs.getString(1)), rs.getLong(2));
            }
        }
        assertThat(truth.values(0)).as("the synthetic children link").isNotEmpty();
        DisclosureChecks.assertSafe(
                truth, released(body, List.of("localAuthority")), DisclosureRules.DEFAULT);
        assertThat(body.getString("measure")).isEqualTo("persons");
    }
}
