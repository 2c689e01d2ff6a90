package org.pactum.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.io.StringWriter;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.pactum.demo.SyntheticData;

/** Synthetic extracts and pushes, for the ingest and release tests. */
public final class Extracts {

    public static final SyntheticData DATA =
            new SyntheticData(7L, YearMonth.now().minusMonths(1), 24);
    private static String allFeedsAgreement;

    private Extracts() {}

    public static String police(int rows) {
        StringWriter w = new StringWriter();
        DATA.police(rows, w);
        return w.toString();
    }

    public static String csv(String feed, int rows) {
        StringWriter w = new StringWriter();
        switch (feed) {
            case "police-recorded-violence" -> DATA.police(rows, w);
            case "ed-assault-attendances" -> DATA.ed(rows, null, w);
            case "youth-justice-disposals" -> DATA.youthJustice(rows, null, w);
            case "school-exclusions" -> DATA.schoolExclusions(rows, null, w);
            case "probation-caseload" -> DATA.probation(rows, null, w);
            default -> throw new IllegalArgumentException(feed);
        }
        return w.toString();
    }

    public static String providerOf(String feed) {
        return switch (feed) {
            case "police-recorded-violence" -> "wm-police";
            case "ed-assault-attendances" -> "bsol-icb";
            case "youth-justice-disposals" -> "birmingham-yjs";
            case "school-exclusions" -> "birmingham-education";
            case "probation-caseload" -> "wm-probation";
            default -> throw new IllegalArgumentException(feed);
        };
    }

    /**
     * One ACTIVE aggregate agreement in which each demo provider provides its feed to Dudley (made
     * once per run).
     */
    public static synchronized String allFeedsAgreement() {
        if (allFeedsAgreement == null) {
            Map<String, Object> c = Agreements.recordContent();
            c.put("releaseLevel", "AGGREGATE");
            c.put(
                    "providers",
                    List.of(
                            Map.of(
                                    "organisation",
                                    "wm-police",
                                    "feeds",
                                    List.of("police-recorded-violence")),
                            Map.of(
                                    "organisation",
                                    "bsol-icb",
                                    "feeds",
                                    List.of("ed-assault-attendances")),
                            Map.of(
                                    "organisation",
                                    "birmingham-yjs",
                                    "feeds",
                                    List.of("youth-justice-disposals")),
                            Map.of(
                                    "organisation",
                                    "birmingham-education",
                                    "feeds",
                                    List.of("school-exclusions")),
                            Map.of(
                                    "organisation",
                                    "wm-probation",
                                    "feeds",
                                    List.of("probation-caseload"))));
            c.put("recipients", List.of("dudley-mbc"));
            c.put(
                    "fieldRules",
                    Map.of(
                            "police-recorded-violence",
                            Map.of("offence_group", Map.of("action", "ALLOW"))));
            allFeedsAgreement = Agreements.active(c);
        }
        return allFeedsAgreement;
    }

    public static Response push(String feed, String period, String body) {
        return push(Tokens.of(providerOf(feed), "submitter"), feed, period, "text/csv", body);
    }

    public static Response push(
            String token, String feed, String period, String contentType, String body) {
        allFeedsAgreement();
        return given().auth()
                .oauth2(token)
                .contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/feeds/" + feed + "/submissions?period=" + period);
    }

    /** Years handed out in turn from a random start, so no two calls here share a period. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_YEAR =
            new java.util.concurrent.atomic.AtomicInteger(
                    (int) (Math.abs(System.nanoTime()) % 8000));

    /**
     * A unique period per call so replacement never crosses tests: a push replaces the earlier
     * submission of the same provider, feed and period, so two tests drawing the same random year
     * (a few percent of runs when each drew independently) could delete each other's rows.
     */
    public static String period(int n) {
        return (1000 + Math.floorMod(NEXT_YEAR.getAndIncrement(), 8000))
                + "-"
                + String.format("%02d", 1 + n % 12);
    }
}
