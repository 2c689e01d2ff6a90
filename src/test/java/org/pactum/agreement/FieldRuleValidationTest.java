package org.pactum.agreement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pactum.support.Agreements;
import org.pactum.support.AuditTrail;
import org.pactum.support.TestDatabase;
import org.pactum.support.Tokens;

/**
 * Issue 11, "Record fields": a rule that cannot be carried out exactly as written for its field is
 * refused when the agreement is drafted, naming the field, audited, and nothing is stored. Before
 * this, sex and ethnicity under PSEUDONYMISE were accepted and released raw.
 */
@QuarkusTest
class FieldRuleValidationTest {

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0} under {1} is refused")
    @CsvSource({
        "victim_sex, PSEUDONYMISE",
        "victim_ethnicity, PSEUDONYMISE",
        "knife_flag, PSEUDONYMISE",
        "offence_group, PSEUDONYMISE",
        "occurred_at, PSEUDONYMISE",
        "lsoa, PSEUDONYMISE",
        "victim_date_of_birth, PSEUDONYMISE",
        "victim_date_of_birth, ALLOW",
        "victim_age, ALLOW",
    })
    void aRuleThatCannotBeCarriedOutAsWrittenIsRefused(String field, String action)
            throws Exception {
        Map<String, Object> content = Agreements.recordContent();
        Map<String, Object> rules =
                new LinkedHashMap<>(
                        (Map<String, Object>)
                                ((Map<String, Object>) content.get("fieldRules"))
                                        .get("police-recorded-violence"));
        rules.put(field, Map.of("action", action));
        content.put("fieldRules", Map.of("police-recorded-violence", rules));
        long agreements = TestDatabase.queryLong("SELECT count(*) FROM agreement");
        long before = AuditTrail.head();
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(content)
                .post("/api/v1/agreements")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pactum:problem:agreement-invalid"))
                .body("errors.field", hasItem("fieldRules.police-recorded-violence." + field));
        assertThat(TestDatabase.queryLong("SELECT count(*) FROM agreement")).isEqualTo(agreements);
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        e -> {
                            assertThat(e.action()).isEqualTo("agreement.create");
                            assertThat(e.outcome()).isEqualTo("DENIED");
                            assertThat(e.reason()).contains(field);
                        });
    }
}
