package org.pactum.agreement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.Tokens;

@QuarkusTest
class AgreementLifecycleTest {

    private static JsonPath post(String token, String id, String action, Object body) {
        var req = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (body != null) {
            req = req.body(body);
        }
        return req.post("/api/v1/agreements/" + id + "/" + action)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void walksTheFullLifecycleAndRecordsEveryStep() throws Exception {
        long before = AuditTrail.head();
        JsonPath draft = Agreements.create(Tokens.igLead("wm-police"), Agreements.recordContent());
        String id = draft.getString("id");
        assertThat(draft.getString("status")).isEqualTo("DRAFT");
        assertThat(draft.getInt("version")).isEqualTo(1);
        assertThat(draft.getString("contentHash")).matches("[0-9a-f]{64}");

        JsonPath proposed = Agreements.propose(Tokens.igLead("wm-police"), id);
        assertThat(proposed.getString("status")).isEqualTo("PROPOSED");
        assertThat(proposed.getList("awaitingApproval", String.class))
                .containsExactly("birmingham-yjs", "dudley-mbc", "wm-police");

        String hash = proposed.getString("contentHash");
        Agreements.approve("wm-police", id, 1, hash)
                .then()
                .statusCode(200)
                .body("status", equalTo("PROPOSED"));
        Agreements.approve("dudley-mbc", id, 1, hash)
                .then()
                .statusCode(200)
                .body("status", equalTo("PROPOSED"))
                .body("awaitingApproval", contains("birmingham-yjs"));
        Agreements.approve("birmingham-yjs", id, 1, hash)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("approvedBy", contains("birmingham-yjs", "dudley-mbc", "wm-police"));

        assertThat(
                        post(
                                        Tokens.igLead("dudley-mbc"),
                                        id,
                                        "suspend",
                                        Map.of("reason", "breach under investigation"))
                                .getString("status"))
                .isEqualTo("SUSPENDED");
        assertThat(post(Tokens.igLead("dudley-mbc"), id, "resume", null).getString("status"))
                .isEqualTo("ACTIVE");
        JsonPath revoked =
                post(
                        Tokens.igLead("birmingham-yjs"),
                        id,
                        "revoke",
                        Map.of("reason", "cohort work ended"));
        assertThat(revoked.getString("status")).isEqualTo("REVOKED");

        given().auth()
                .oauth2(Tokens.igLead("birmingham-yjs"))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "again"))
                .post("/api/v1/agreements/" + id + "/revoke")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:pactum:problem:agreement-state"));

        JsonPath history =
                given().auth()
                        .oauth2(Tokens.igLead("dudley-mbc"))
                        .get("/api/v1/agreements/" + id + "/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(history.getList("events.action", String.class))
                .containsExactly(
                        "created",
                        "proposed",
                        "approved",
                        "approved",
                        "approved",
                        "activated",
                        "suspended",
                        "resumed",
                        "revoked");
        assertThat(history.getList("approvals.contentHash", String.class)).containsOnly(hash);
        assertThat(history.getList("versions.version", Integer.class)).containsExactly(1);

        List<String> actions =
                AuditTrail.since(before).stream().map(AuditTrail.Row::action).toList();
        assertThat(actions)
                .containsSubsequence(
                        "agreement.create",
                        "agreement.propose",
                        "agreement.approve",
                        "agreement.approve",
                        "agreement.approve",
                        "agreement.suspend",
                        "agreement.resume",
                        "agreement.revoke");
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("agreement.revoke");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.reason()).contains("REVOKED");
                        });
    }

    @Test
    void anApprovalByANonPartyIsRefusedAndAudited() throws Exception {
        String id = Agreements.create(Tokens.admin(), Agreements.recordContent()).getString("id");
        JsonPath proposed = Agreements.propose(Tokens.admin(), id);
        long before = AuditTrail.head();
        Agreements.approve("coventry-cc", id, 1, proposed.getString("contentHash"))
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:not-a-party"));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.action()).isEqualTo("agreement.approve");
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.actorOrganisation()).isEqualTo("coventry-cc");
                            assertThat(r.reason()).contains("coventry-cc is not a party");
                        });
        assertThat(Agreements.get(id).getList("approvedBy")).isEmpty();
    }

    @Test
    void anAdministratorCannotApprove() {
        String id = Agreements.create(Tokens.admin(), Agreements.recordContent()).getString("id");
        JsonPath proposed = Agreements.propose(Tokens.admin(), id);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("version", 1, "contentHash", proposed.getString("contentHash")))
                .post("/api/v1/agreements/" + id + "/approvals")
                .then()
                .statusCode(403);
    }

    @Test
    void aChangeMakesANewVersionAndOldApprovalsGoStale() throws Exception {
        String id = Agreements.create(Tokens.admin(), Agreements.recordContent()).getString("id");
        JsonPath v1 = Agreements.propose(Tokens.admin(), id);
        String oldHash = v1.getString("contentHash");
        Agreements.approve("wm-police", id, 1, oldHash).then().statusCode(200);

        Map<String, Object> changed = Agreements.recordContent();
        changed.put(
                "purpose",
                "Identify children at risk of serious violence; now including exploitation screening");
        JsonPath v2 =
                given().auth()
                        .oauth2(Tokens.igLead("dudley-mbc"))
                        .contentType(ContentType.JSON)
                        .body(changed)
                        .put("/api/v1/agreements/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(v2.getInt("version")).isEqualTo(2);
        assertThat(v2.getString("status")).isEqualTo("DRAFT");
        assertThat(v2.getString("contentHash")).isNotEqualTo(oldHash);
        assertThat(v2.getList("approvedBy")).isEmpty();
        Agreements.propose(Tokens.admin(), id);

        long before = AuditTrail.head();
        Agreements.approve("dudley-mbc", id, 1, oldHash)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:pactum:problem:stale-approval"));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.reason()).contains("approval names version 1");
                        });

        String newHash = v2.getString("contentHash");
        Agreements.approve("dudley-mbc", id, 2, newHash).then().statusCode(200);
        Agreements.approve("birmingham-yjs", id, 2, newHash)
                .then()
                .statusCode(200)
                .body("status", equalTo("PROPOSED"))
                .body("awaitingApproval", contains("wm-police"));
        Agreements.approve("wm-police", id, 2, newHash)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
        Agreements.approve("wm-police", id, 2, newHash).then().statusCode(409);
    }

    @Test
    void onlyTheOrganisationThatSuspendedMayResume() {
        String id = Agreements.active(Agreements.recordContent());
        post(Tokens.igLead("wm-police"), id, "suspend", Map.of("reason", "data quality incident"));
        given().auth()
                .oauth2(Tokens.igLead("dudley-mbc"))
                .post("/api/v1/agreements/" + id + "/resume")
                .then()
                .statusCode(403)
                .body("detail", containsString("wm-police"));
        assertThat(post(Tokens.igLead("wm-police"), id, "resume", null).getString("status"))
                .isEqualTo("ACTIVE");
    }

    @Test
    void aSuspensionNeedsAReason() {
        String id = Agreements.active(Agreements.recordContent());
        given().auth()
                .oauth2(Tokens.igLead("wm-police"))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", " "))
                .post("/api/v1/agreements/" + id + "/suspend")
                .then()
                .statusCode(400)
                .body("errors.field", contains("reason"));
        assertThat(Agreements.get(id).getString("status")).isEqualTo("ACTIVE");
    }

    @Test
    void anIgLeadOfANonPartyCannotDraftOrSee() {
        given().auth()
                .oauth2(Tokens.igLead("coventry-cc"))
                .contentType(ContentType.JSON)
                .body(Agreements.recordContent())
                .post("/api/v1/agreements")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:pactum:problem:not-a-party"));
        String id = Agreements.create(Tokens.admin(), Agreements.recordContent()).getString("id");
        given().auth()
                .oauth2(Tokens.igLead("coventry-cc"))
                .get("/api/v1/agreements/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.analyst("wm-police"))
                .get("/api/v1/agreements/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.analyst("dudley-mbc"))
                .get("/api/v1/agreements/" + id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.of("wm-police", "submitter"))
                .get("/api/v1/agreements")
                .then()
                .statusCode(403);
    }

    @Test
    void listingShowsEachRoleWhatItMaySeeAndFilters() {
        String id = Agreements.active(Agreements.recordContent());
        String draft =
                Agreements.create(Tokens.admin(), Agreements.recordContent()).getString("id");
        assertThat(
                        given().auth()
                                .oauth2(Tokens.igLead("wm-police"))
                                .get("/api/v1/agreements")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("id", String.class))
                .contains(id, draft);
        assertThat(
                        given().auth()
                                .oauth2(Tokens.igLead("coventry-cc"))
                                .get("/api/v1/agreements")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("id", String.class))
                .doesNotContain(id, draft);
        assertThat(
                        given().auth()
                                .oauth2(Tokens.analyst("dudley-mbc"))
                                .get("/api/v1/agreements")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("id", String.class))
                .contains(id);
        assertThat(
                        given().auth()
                                .oauth2(Tokens.analyst("wm-police"))
                                .get("/api/v1/agreements")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("id", String.class))
                .doesNotContain(id);
        List<String> active =
                given().auth()
                        .oauth2(Tokens.admin())
                        .get("/api/v1/agreements?status=ACTIVE")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("id", String.class);
        assertThat(active).contains(id).doesNotContain(draft);
        assertThat(
                        given().auth()
                                .oauth2(Tokens.admin())
                                .get("/api/v1/agreements?reviewDue=true")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("id", String.class))
                .doesNotContain(id);
    }

    @Test
    void anUnknownAgreementIs404() {
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/agreements/dsa-000000000000")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:pactum:problem:not-found"));
    }
}
