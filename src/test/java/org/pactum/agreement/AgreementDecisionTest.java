package org.pactum.agreement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/** The one decision point ingest and release ask, and its refusals in the audit trail. */
@QuarkusTest
class AgreementDecisionTest {

    @Inject AgreementService agreements;

    @Inject AgreementExpiry expiry;

    private static Caller analyst(String org) {
        return new Caller("test-analyst", org, Set.of("analyst"), "127.0.0.1", "req-test");
    }

    private static Caller submitter(String org) {
        return new Caller("test-system", org, Set.of("submitter"), "127.0.0.1", "req-test");
    }

    private static void refused(Runnable decision, int status, String reasonFragment)
            throws Exception {
        long before = AuditTrail.head();
        assertThatThrownBy(decision::run)
                .isInstanceOf(PactumException.class)
                .satisfies(
                        e ->
                                assertThat(((PactumException) e).problemType().status())
                                        .isEqualTo(status));
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        r -> {
                            assertThat(r.outcome()).isEqualTo("DENIED");
                            assertThat(r.reason()).contains(reasonFragment);
                        });
    }

    @Test
    void aRecipientMayReceiveACoveredFeedUnderAnActiveAgreement() {
        String id = Agreements.active(Agreements.recordContent());
        ReleaseGrant grant =
                agreements.decideRelease(
                        analyst("dudley-mbc"), id, "police-recorded-violence", ReleaseLevel.RECORD);
        assertThat(grant.agreementId()).isEqualTo(id);
        assertThat(grant.providersOfFeed()).containsExactly("wm-police");
        assertThat(grant.rule("victim_id").action()).isEqualTo(FieldAction.PSEUDONYMISE);
        assertThat(grant.rule("firearm_flag").action())
                .as("unlisted fields are dropped")
                .isEqualTo(FieldAction.DROP);
    }

    @Test
    void aSuspendedAgreementRefusesTheVeryNextRelease() throws Exception {
        String id = Agreements.active(Agreements.recordContent());
        agreements.decideRelease(
                analyst("dudley-mbc"), id, "police-recorded-violence", ReleaseLevel.AGGREGATE);
        given().auth()
                .oauth2(Tokens.igLead("wm-police"))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "suspected misuse"))
                .post("/api/v1/agreements/" + id + "/suspend")
                .then()
                .statusCode(200);
        refused(
                () ->
                        agreements.decideRelease(
                                analyst("dudley-mbc"),
                                id,
                                "police-recorded-violence",
                                ReleaseLevel.AGGREGATE),
                403,
                "agreement is SUSPENDED (suspected misuse)");
    }

    @Test
    void anExpiredWindowRefusesAndTheSchedulerMarksItExpired() throws Exception {
        String id = Agreements.active(Agreements.recordContent());
        LocalDate ended = LocalDate.now().minusDays(2);
        TestDatabase.execute(
                "UPDATE agreement_version SET content = jsonb_set(content, '{validTo}', '\""
                        + ended
                        + "\"') WHERE agreement_id = '"
                        + id
                        + "'");
        TestDatabase.execute(
                "UPDATE agreement SET valid_to = '" + ended + "' WHERE id = '" + id + "'");
        refused(
                () ->
                        agreements.decideRelease(
                                analyst("dudley-mbc"),
                                id,
                                "police-recorded-violence",
                                ReleaseLevel.AGGREGATE),
                403,
                "outside the agreement's validity window");

        long before = AuditTrail.head();
        LocalDate today = AgreementService.today();
        // Other tests' agreements may have ended too: what is due is counted here, in SQL.
        long due =
                TestDatabase.queryLong(
                        "SELECT count(*) FROM agreement WHERE valid_to < '"
                                + today
                                + "' AND status IN ('DRAFT', 'PROPOSED', 'ACTIVE', 'SUSPENDED')");
        assertThat(due).isPositive();
        assertThat(expiry.expireEnded(today)).isEqualTo((int) due);
        assertThat(Agreements.get(id).getString("status")).isEqualTo("EXPIRED");
        assertThat(AuditTrail.since(before))
                .filteredOn(r -> r.target().equals("agreement:" + id))
                .singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo("agreement.expire"));
        refused(
                () ->
                        agreements.decideRelease(
                                analyst("dudley-mbc"),
                                id,
                                "police-recorded-violence",
                                ReleaseLevel.AGGREGATE),
                403,
                "agreement is EXPIRED");
    }

    @Test
    void aNonRecipientIsRefused() throws Exception {
        String id = Agreements.active(Agreements.recordContent());
        refused(
                () ->
                        agreements.decideRelease(
                                analyst("wm-police"),
                                id,
                                "police-recorded-violence",
                                ReleaseLevel.AGGREGATE),
                403,
                "wm-police is not a recipient");
    }

    @Test
    void anUncoveredFeedIsRefused() throws Exception {
        String id = Agreements.active(Agreements.recordContent());
        refused(
                () ->
                        agreements.decideRelease(
                                analyst("dudley-mbc"),
                                id,
                                "school-exclusions",
                                ReleaseLevel.AGGREGATE),
                403,
                "feed school-exclusions is not covered");
    }

    @Test
    void recordsAreRefusedUnderAnAggregateAgreement() throws Exception {
        Map<String, Object> content = Agreements.recordContent();
        content.put("releaseLevel", "AGGREGATE");
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) content.get("fieldRules");
        rules.put("police-recorded-violence", Map.of("offence_group", Map.of("action", "ALLOW")));
        rules.put("youth-justice-disposals", Map.of("disposal_type", Map.of("action", "ALLOW")));
        String id = Agreements.active(content);
        refused(
                () ->
                        agreements.decideRelease(
                                analyst("dudley-mbc"),
                                id,
                                "police-recorded-violence",
                                ReleaseLevel.RECORD),
                403,
                "permits aggregates only");
    }

    @Test
    void aProviderMayPushOnlyUnderAnActiveAgreementCoveringTheFeed() throws Exception {
        String id = Agreements.active(Agreements.recordContent());
        PushGrant grant = agreements.decidePush(submitter("wm-police"), "police-recorded-violence");
        assertThat(grant.agreementIds()).contains(id);
        assertThat(grant.parties()).contains("dudley-mbc", "birmingham-yjs", "wm-police");
        String newcomer = "probation-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "code",
                                newcomer,
                                "name",
                                "A probation service with no agreement yet",
                                "type",
                                "PROBATION",
                                "areas",
                                List.of("E08000027")))
                .post("/api/v1/organisations")
                .then()
                .statusCode(201);
        refused(
                () -> agreements.decidePush(submitter(newcomer), "probation-caseload"),
                409,
                "no ACTIVE agreement covers " + newcomer);
    }

    @Test
    void theDecisionPointIsTheOnlyWayIngestAndReleaseAsk() {
        // Guarded structurally: see ArchitectureTest; here, the grant carries the providers so
        // audit can name them.
        String id = Agreements.active(Agreements.recordContent());
        ReleaseGrant grant =
                agreements.decideRelease(
                        analyst("dudley-mbc"), id, "youth-justice-disposals", ReleaseLevel.RECORD);
        assertThat(grant.parties())
                .containsAll(List.of("wm-police", "birmingham-yjs", "dudley-mbc"));
        assertThat(grant.providersOfFeed()).containsExactly("birmingham-yjs");
    }
}
