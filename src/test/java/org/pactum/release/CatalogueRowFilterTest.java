package org.pactum.release;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Issue 15: an agreement's row filter is shown in its catalogue, narrows the values the catalogue
 * offers, and is written into the audit entry of every catalogue read and record release, released
 * or refused. Own year (1975) and own recipient (wm-vrp) of police rows.
 */
@QuarkusTest
class CatalogueRowFilterTest {

    private static final String POLICE = "police-recorded-violence";
    // No other test makes a police RECORD agreement to the VRP, so no joint risk check is needed.
    private static final String RECIPIENT = "wm-vrp";
    private static final int YEAR = 1975;
    private static final List<String> UNDER_25 = List.of("0-9", "10-14", "15-17", "18-24");
    private static final List<String> OFFENCES = List.of("robbery", "weapons");

    private static Map<String, Object> filtered(String level) {
        Map<String, Object> c = Agreements.recordContent();
        c.put("providers", List.of(Map.of("organisation", "wm-police", "feeds", List.of(POLICE))));
        c.put("recipients", List.of(RECIPIENT));
        c.put("releaseLevel", level);
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) c.get("fieldRules");
        rules.remove("youth-justice-disposals");
        @SuppressWarnings("unchecked")
        Map<String, Object> police = (Map<String, Object>) rules.get(POLICE);
        // The knife flag (sensitive) is false in every row here: released, no class would be
        // 2-diverse on it.
        police.remove("knife_flag");
        if (level.equals("AGGREGATE")) {
            police.remove("victim_id");
        }
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("ageBand", UNDER_25);
        filter.put("offence_group", OFFENCES);
        c.put("rowFilters", Map.of(POLICE, filter));
        return c;
    }

    private static JsonPath catalogue(String agreement) {
        return given().auth()
                .oauth2(Tokens.analyst(RECIPIENT))
                .get("/api/v1/agreements/" + agreement + "/catalogue")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** How many audit entries since {@code seq} of {@code action} carry exactly the row filter. */
    private static long entriesWithTheFilter(long seq, String action, String path)
            throws Exception {
        return TestDatabase.queryLong(
                "SELECT count(*) FROM audit_entry WHERE seq > ? AND action = ?"
                        + " AND detail #> ?::text[] = '{\"ageBand\":[\"0-9\",\"10-14\",\"15-17\",\"18-24\"],"
                        + "\"offence_group\":[\"robbery\",\"weapons\"]}'::jsonb",
                seq,
                action,
                path);
    }

    @Test
    void theCatalogueShowsTheRowFilterAndOffersOnlyTheValuesItKeeps() throws Exception {
        String agreement = Agreements.active(filtered("AGGREGATE"));
        long before = AuditTrail.head();
        JsonPath cat = catalogue(agreement);
        String police = "feeds.find { it.feed == '" + POLICE + "' }";
        assertThat(cat.getMap(police + ".rowFilter"))
                .containsOnlyKeys("ageBand", "offence_group")
                .containsEntry("ageBand", UNDER_25)
                .containsEntry("offence_group", OFFENCES);
        assertThat(cat.getList(police + ".dimensions.find { it.name == 'ageBand' }.values.code"))
                .containsExactlyInAnyOrderElementsOf(UNDER_25);
        assertThat(
                        cat.getList(
                                police
                                        + ".dimensions.find { it.name == 'offenceGroup' }.values.code"))
                .containsExactlyInAnyOrderElementsOf(OFFENCES);
        // A dimension the filter does not name keeps its whole code list (sex is not recorded for
        // some victims, so that is offered too).
        assertThat(cat.getList(police + ".dimensions.find { it.name == 'sex' }.values.code"))
                .contains("F", "M");
        assertThat(entriesWithTheFilter(before, "release.catalogue", "{rowFilters," + POLICE + "}"))
                .isEqualTo(1);
    }

    @Test
    void anAgreementWithoutARowFilterShowsAnEmptyOne() {
        Map<String, Object> content = filtered("AGGREGATE");
        content.remove("rowFilters");
        JsonPath cat = catalogue(Agreements.active(content));
        String police = "feeds.find { it.feed == '" + POLICE + "' }";
        assertThat(cat.getMap(police + ".rowFilter")).isEmpty();
        assertThat(cat.getList(police + ".dimensions.find { it.name == 'ageBand' }.values.code"))
                .containsAll(UNDER_25)
                .contains("25-34");
    }

    @Test
    void everyRecordReleaseAuditEntryCarriesTheRowFilter() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Even rows are robbery or weapons (both in the filter, so the class stays 2-diverse on
            // the offence group), odd rows outside it; every third row is aged 25 or over.
            String offence =
                    i % 2 == 1 ? "violence-with-injury" : i % 4 == 0 ? "robbery" : "weapons";
            rows.add(
                    RecordRiskTest.row(i, YEAR, 1, 0, i % 3 == 0 ? 30 : 16, "M", false)
                            .replace("violence-with-injury", offence));
        }
        RecordRiskTest.push(YEAR, rows);
        String agreement = Agreements.active(filtered("RECORD"));
        long before = AuditTrail.head();
        Response released = RecordRiskTest.records(RECIPIENT, agreement, YEAR);
        released.then().statusCode(200);
        long inScope =
                RecordRiskTest.stored(
                        YEAR,
                        " AND age_band IN ('0-9', '10-14', '15-17', '18-24')"
                                + " AND attrs->>'offence_group' IN ('robbery', 'weapons')");
        assertThat(inScope).isPositive();
        assertThat(
                        released.asString().lines().count()
                                + Long.parseLong(released.header("X-Records-Withheld")))
                .isEqualTo(inScope);
        assertThat(entriesWithTheFilter(before, "release.records", "{rowFilter}")).isEqualTo(1);
    }

    @Test
    void aRefusedAggregateIsAuditedWithTheRowFilter() throws Exception {
        String agreement = Agreements.active(filtered("AGGREGATE"));
        long before = AuditTrail.head();
        // lsoa is generalised to the local authority by the agreement: refused, naming the field.
        given().auth()
                .oauth2(Tokens.analyst(RECIPIENT))
                .contentType(ContentType.JSON)
                .body(Map.of("feed", POLICE, "dimensions", List.of("lsoa")))
                .post("/api/v1/agreements/" + agreement + "/aggregates")
                .then()
                .statusCode(403);
        assertThat(
                        TestDatabase.queryLong(
                                "SELECT count(*) FROM audit_entry WHERE seq > ?"
                                        + " AND action = 'release.aggregate' AND outcome = 'DENIED'",
                                before))
                .isEqualTo(1);
        assertThat(entriesWithTheFilter(before, "release.aggregate", "{rowFilter}")).isEqualTo(1);
    }
}
