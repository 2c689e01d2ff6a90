package org.pactum.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's small pure pieces: PKCE, the version diff, the table form, the chart's scale. */
class ConsolePiecesTest {

    @Test
    void pkceChallengeMatchesRfc7636AppendixB() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void pkceVerifiersAreFreshAndOfTheLengthTheRfcAsks() {
        String a = Pkce.random();
        String b = Pkce.random();
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b);
    }

    @Test
    void theDiffNamesEveryChangedAddedAndRemovedClause() {
        Map<String, Object> v1 = new LinkedHashMap<>();
        v1.put("title", "Probation caseload");
        v1.put("recipients", List.of("dudley-mbc"));
        v1.put("retentionMonths", 24);
        v1.put("disclosure", Map.of("minimumCellCount", 8));
        Map<String, Object> v2 = new LinkedHashMap<>(v1);
        v2.put("recipients", List.of("dudley-mbc", "walsall-mbc"));
        v2.remove("retentionMonths");
        v2.put("reviewDate", "2027-05-01");
        assertThat(AgreementDiff.between(v1, v2))
                .containsExactly(
                        new AgreementDiff.Change(
                                "recipients", "dudley-mbc", "dudley-mbc, walsall-mbc"),
                        new AgreementDiff.Change("retentionMonths", "24", null),
                        new AgreementDiff.Change("reviewDate", null, "2027-05-01"));
        assertThat(AgreementDiff.between(v1, v1)).isEmpty();
    }

    @Test
    void theDiffReachesIntoListsOfObjects() {
        var before =
                Map.of(
                        "providers",
                        List.of(Map.of("organisation", "wm-police", "feeds", List.of("a"))));
        var after =
                Map.of(
                        "providers",
                        List.of(Map.of("organisation", "wm-police", "feeds", List.of("a", "b"))));
        assertThat(AgreementDiff.between(before, after))
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.path()).isEqualTo("providers[1].feeds");
                            assertThat(c.kind()).isEqualTo("changed");
                        });
    }

    @Test
    void theTableFormBecomesTheApisAggregateRequest() {
        var q = new MultivaluedHashMap<String, String>();
        q.add("feed", "police-recorded-violence");
        q.addAll("dimension", "localAuthority", "quarter");
        q.addAll("filter.ageBand", "0-9", "10-14");
        q.add("filter.knife", "true");
        q.add("from", " 2025-01 ");
        q.add("to", "");
        q.add("totals", "yes");
        q.add("linkedFeed", "school-exclusions");
        q.add("withinMonths", "12");
        Map<String, Object> r = TableQuery.from(q).request();
        assertThat(r)
                .containsEntry("feed", "police-recorded-violence")
                .containsEntry("dimensions", List.of("localAuthority", "quarter"))
                .containsEntry(
                        "filters",
                        Map.of("ageBand", List.of("0-9", "10-14"), "knife", List.of("true")))
                .containsEntry("from", "2025-01")
                .containsEntry("includeTotals", true)
                .containsEntry("linkedTo", Map.of("feed", "school-exclusions", "withinMonths", 12))
                .doesNotContainKey("to");
    }

    @Test
    void aNonNumberOfMonthsGoesToTheApiAsGivenSoItsRefusalNamesIt() {
        var q = new MultivaluedHashMap<String, String>();
        q.add("feed", "youth-justice-disposals");
        q.add("linkedFeed", "school-exclusions");
        q.add("withinMonths", "twelve");
        assertThat(TableQuery.from(q).request().get("linkedTo"))
                .isEqualTo(Map.of("feed", "school-exclusions", "withinMonths", "twelve"));
    }

    @Test
    void theChartScaleIsARoundNumberAtLeastTheLargestCount() {
        assertThat(Chart.niceCeiling(0)).isEqualTo(5);
        assertThat(Chart.niceCeiling(4)).isEqualTo(5);
        assertThat(Chart.niceCeiling(5)).isEqualTo(5);
        assertThat(Chart.niceCeiling(6)).isEqualTo(10);
        assertThat(Chart.niceCeiling(11)).isEqualTo(20);
        assertThat(Chart.niceCeiling(20)).isEqualTo(20);
        assertThat(Chart.niceCeiling(21)).isEqualTo(50);
        assertThat(Chart.niceCeiling(501)).isEqualTo(1000);
    }

    @Test
    void suppressedCellsAreNotDrawnAsValues() {
        var cells =
                List.<Map<String, Object>>of(
                        cell("E08000027", 40L, null), cell("E08000028", null, null));
        Chart chart = Chart.of("bar", List.of("localAuthority"), cells);
        assertThat(chart.bars()).hasSize(2);
        assertThat(chart.bars().get(0).h()).isGreaterThan(0);
        assertThat(chart.bars().get(1).h()).isZero();
        assertThat(chart.bars().get(1).withheld()).isTrue();
        // One marker for every cell without a count: no range is named (issue 13).
        assertThat(chart.bars().get(1).value()).isEqualTo("below threshold");
        assertThat(chart.bars().get(1).markerY()).isEqualTo(chart.bottom() - 4);
    }

    @Test
    void aLineBreaksAtASuppressedMonth() {
        var cells =
                List.<Map<String, Object>>of(
                        cell2("2026-01", 10L), cell2("2026-02", null), cell2("2026-03", 30L));
        Chart chart = Chart.of("line", List.of("month"), cells);
        assertThat(chart.type()).isEqualTo("line");
        assertThat(chart.lines())
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.points()).hasSize(2);
                            assertThat(l.path()).startsWith("M").contains(" M").doesNotContain("L");
                        });
    }

    private static Map<String, Object> cell(String la, Long count, String suppressed) {
        Map<String, Object> c = new LinkedHashMap<>();
        Map<String, String> key = new LinkedHashMap<>();
        key.put("localAuthority", la);
        c.put("key", key);
        c.put("count", count);
        c.put("suppressed", suppressed);
        return c;
    }

    private static Map<String, Object> cell2(String month, Long count) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("key", Map.of("month", month));
        c.put("count", count);
        return c;
    }
}
