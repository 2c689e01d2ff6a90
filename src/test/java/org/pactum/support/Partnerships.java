package org.pactum.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Organisations and agreements a test makes for itself, so its assertions stay exact. */
public final class Partnerships {

    private Partnerships() {}

    /** A police force and a council of the test's own, and an ACTIVE agreement between them. */
    public record Provision(String provider, String recipient, String agreementId) {

        public String submitter() {
            return Tokens.of(provider, "submitter");
        }
    }

    /** Registers a new organisation (as the administrator) and returns its code. */
    public static String organisation(String prefix, String type, String area) {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("application/json")
                .body(
                        Map.of(
                                "code",
                                code,
                                "name",
                                "Test " + code,
                                "type",
                                type,
                                "areas",
                                List.of(area)))
                .post("/api/v1/organisations")
                .then()
                .statusCode(201);
        return code;
    }

    /**
     * A new police force providing police-recorded-violence to a new council under an ACTIVE
     * AGGREGATE agreement.
     */
    public static Provision policeProvision() {
        String police = organisation("pol", "POLICE", "E23000014");
        String council = organisation("la", "LOCAL_AUTHORITY", "E08000027");
        Map<String, Object> c = Agreements.recordContent();
        c.put("releaseLevel", "AGGREGATE");
        c.put(
                "providers",
                List.of(
                        Map.of(
                                "organisation",
                                police,
                                "feeds",
                                List.of("police-recorded-violence"))));
        c.put("recipients", List.of(council));
        c.put(
                "fieldRules",
                Map.of(
                        "police-recorded-violence",
                        Map.of("offence_group", Map.of("action", "ALLOW"))));
        return new Provision(police, council, Agreements.active(c));
    }
}
