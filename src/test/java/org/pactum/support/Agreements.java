package org.pactum.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds agreement content for tests and walks agreements through their lifecycle over HTTP. */
public final class Agreements {

    private Agreements() {}

    /** A valid RECORD agreement: police and youth justice to Birmingham YJS and Dudley. */
    public static Map<String, Object> recordContent() {
        Map<String, Object> c = new LinkedHashMap<>();
        LocalDate today = LocalDate.now();
        c.put("title", "Youth violence cohort");
        c.put(
                "purpose",
                "Identify children at risk of serious violence to offer early help (SVD strategy, cohort work)");
        c.put(
                "legalBases",
                List.of(
                        "UK GDPR Art 6(1)(e)",
                        "UK GDPR Art 9(2)(g); DPA 2018 Sch 1 Part 2 para 18"));
        c.put(
                "providers",
                new ArrayList<>(
                        List.of(
                                Map.of(
                                        "organisation",
                                        "wm-police",
                                        "feeds",
                                        List.of("police-recorded-violence")),
                                Map.of(
                                        "organisation",
                                        "birmingham-yjs",
                                        "feeds",
                                        List.of("youth-justice-disposals")))));
        // Dudley only: Birmingham YJS already holds the demo cohort's records of both feeds, and a
        // second RECORD agreement to it would need a joint risk check (issue 15).
        c.put("recipients", new ArrayList<>(List.of("dudley-mbc")));
        // The stored test data are as unique as real extracts; these tests are about other rules,
        // so they allow the most suppression an agreement may (RecordRiskTest tests the control).
        c.put("recordRisk", new LinkedHashMap<>(Map.of("maxSuppressedShare", 0.5)));
        c.put("validFrom", today.minusDays(1).toString());
        c.put("validTo", today.plusYears(1).toString());
        c.put("reviewDate", today.plusMonths(6).toString());
        c.put("retentionMonths", 24);
        c.put("releaseLevel", "RECORD");
        Map<String, Object> police = new LinkedHashMap<>();
        police.put("victim_id", Map.of("action", "PSEUDONYMISE"));
        police.put("offence_group", Map.of("action", "ALLOW"));
        police.put("knife_flag", Map.of("action", "ALLOW"));
        police.put("occurred_at", Map.of("action", "GENERALISE", "to", "MONTH"));
        police.put("lsoa", Map.of("action", "GENERALISE", "to", "LOCAL_AUTHORITY"));
        police.put("victim_date_of_birth", Map.of("action", "GENERALISE", "to", "AGE_BAND"));
        police.put("victim_sex", Map.of("action", "ALLOW"));
        Map<String, Object> yjs = new LinkedHashMap<>();
        yjs.put("child_id", Map.of("action", "PSEUDONYMISE"));
        yjs.put("disposal_type", Map.of("action", "ALLOW"));
        yjs.put("disposal_date", Map.of("action", "GENERALISE", "to", "QUARTER"));
        c.put(
                "fieldRules",
                new LinkedHashMap<>(
                        Map.of(
                                "police-recorded-violence",
                                police,
                                "youth-justice-disposals",
                                yjs)));
        c.put(
                "disclosure",
                new LinkedHashMap<>(
                        Map.of(
                                "minimumCellCount",
                                8,
                                "roundingBase",
                                5,
                                "crossableDimensions",
                                List.of("localAuthority", "month", "ageBand", "sex"))));
        c.put(
                "contacts",
                Map.of(
                        "subjectAccessRequests",
                        "dpo@birmingham.gov.uk",
                        "breaches",
                        "ig@westmidlands.police.uk"));
        return withJointRiskApproved(c);
    }

    public static JsonPath create(String token, Map<String, Object> content) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(content)
                .post("/api/v1/agreements")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    public static JsonPath propose(String token, String id) {
        return given().auth()
                .oauth2(token)
                .post("/api/v1/agreements/" + id + "/propose")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static JsonPath get(String id) {
        return given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/agreements/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static io.restassured.response.Response approve(
            String org, String id, int version, String hash) {
        return given().auth()
                .oauth2(Tokens.igLead(org))
                .contentType(ContentType.JSON)
                .body(Map.of("version", version, "contentHash", hash))
                .post("/api/v1/agreements/" + id + "/approvals");
    }

    /**
     * Drafts (as admin), proposes and has every party approve: returns the ACTIVE agreement's id.
     */
    public static String active(Map<String, Object> content) {
        String id = create(Tokens.admin(), withJointRiskApproved(content)).getString("id");
        JsonPath proposed = propose(Tokens.admin(), id);
        for (Object party : proposed.getList("awaitingApproval")) {
            approve(
                            (String) party,
                            id,
                            proposed.getInt("version"),
                            proposed.getString("contentHash"))
                    .then()
                    .statusCode(200);
        }
        return id;
    }

    /**
     * A RECORD agreement whose recipient already receives records of the same feed under another
     * live agreement activates only when its parties approve a joint risk check (issue 15): the
     * parties name those agreements in {@code recordRisk.jointWith}, as this does for content that
     * names none.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withJointRiskApproved(Map<String, Object> content) {
        if (!"RECORD".equals(content.get("releaseLevel"))) {
            return content;
        }
        Map<String, Object> risk =
                content.get("recordRisk") == null
                        ? new LinkedHashMap<>()
                        : new LinkedHashMap<>((Map<String, Object>) content.get("recordRisk"));
        if (risk.containsKey("jointWith")) {
            return content;
        }
        List<Object> recipients = (List<Object>) content.get("recipients");
        List<String> live = new ArrayList<>();
        for (String status : List.of("ACTIVE", "SUSPENDED")) {
            JsonPath all =
                    given().auth()
                            .oauth2(Tokens.admin())
                            .get("/api/v1/agreements?status=" + status)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            List<Map<String, Object>> agreements = all.getList("");
            for (Map<String, Object> a : agreements) {
                Map<String, Object> c = (Map<String, Object>) a.get("content");
                List<Object> theirs = (List<Object>) c.get("recipients");
                if ("RECORD".equals(c.get("releaseLevel"))
                        && theirs.stream().anyMatch(recipients::contains)) {
                    live.add((String) a.get("id"));
                }
            }
        }
        if (live.isEmpty()) {
            return content;
        }
        risk.put("jointWith", live);
        Map<String, Object> out = new LinkedHashMap<>(content);
        out.put("recordRisk", risk);
        return out;
    }
}
