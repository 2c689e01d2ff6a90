package org.pactum.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.demo.SyntheticData;
import org.pactum.platform.EmbeddedDatabase;
import org.pactum.support.PactumProcess;

/**
 * Identity end to end with the real Keycloak distribution: Pactum runs packaged, in its production
 * profile (external PostgreSQL, Keycloak issuer and JWKS, no demo issuer). A police system pushes
 * with a client-credentials token, IG leads approve and an analyst pulls with user tokens, an
 * administrator onboards and disables a partner system through the Keycloak admin client, and the
 * chain verifies.
 */
class KeycloakIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private PactumProcess pactum;

    private HttpResponse<String> call(
            String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(pactum.url(path)))
                        .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path masterSecretFile(Path dir, byte[] secret) {
        Path file = dir.resolve("master-secret");
        org.pactum.platform.SecretFiles.write(file, Base64.getEncoder().encode(secret));
        return file;
    }

    private JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    /**
     * As a realm administrator would set up another application: a confidential client whose
     * service account holds a realm role "admin" and whose tokens carry {@code org: wm-vrp};
     * optionally with an audience mapper naming Pactum. Returns the client's secret.
     */
    private static String otherRealmClient(KeycloakProcess keycloak, boolean pactumAudience)
            throws Exception {
        JsonNode existing = keycloak.adminJson("/clients?clientId=intranet-portal");
        String id;
        if (existing.isEmpty()) {
            assertThat(keycloak.admin("POST", "/roles", Map.of("name", "admin")).statusCode())
                    .isEqualTo(201);
            Map<String, Object> client =
                    Map.of(
                            "clientId", "intranet-portal",
                            "enabled", true,
                            "publicClient", false,
                            "serviceAccountsEnabled", true,
                            "standardFlowEnabled", false,
                            "protocol", "openid-connect",
                            "protocolMappers",
                                    java.util.List.of(
                                            Map.of(
                                                    "name", "org",
                                                    "protocol", "openid-connect",
                                                    "protocolMapper", "oidc-hardcoded-claim-mapper",
                                                    "config",
                                                            Map.of(
                                                                    "claim.name", "org",
                                                                    "claim.value", "wm-vrp",
                                                                    "jsonType.label", "String",
                                                                    "access.token.claim",
                                                                            "true"))));
            HttpResponse<String> created = keycloak.admin("POST", "/clients", client);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String location = created.headers().firstValue("Location").orElseThrow();
            id = location.substring(location.lastIndexOf('/') + 1);
            String account =
                    keycloak.adminJson("/clients/" + id + "/service-account-user")
                            .get("id")
                            .asText();
            JsonNode role = keycloak.adminJson("/roles/admin");
            assertThat(
                            keycloak.admin(
                                            "POST",
                                            "/users/" + account + "/role-mappings/realm",
                                            java.util.List.of(JSON.convertValue(role, Map.class)))
                                    .statusCode())
                    .isEqualTo(204);
        } else {
            id = existing.get(0).get("id").asText();
        }
        if (pactumAudience) {
            Map<String, Object> audience =
                    Map.of(
                            "name", "pactum-audience",
                            "protocol", "openid-connect",
                            "protocolMapper", "oidc-audience-mapper",
                            "config",
                                    Map.of(
                                            "included.client.audience", "pactum",
                                            "access.token.claim", "true"));
            assertThat(
                            keycloak.admin(
                                            "POST",
                                            "/clients/" + id + "/protocol-mappers/models",
                                            audience)
                                    .statusCode())
                    .isEqualTo(201);
        }
        return keycloak.adminJson("/clients/" + id + "/client-secret").get("value").asText();
    }

    @Test
    void partnersWorkEndToEndWithRealKeycloakTokens() throws Exception {
        Path dir = Path.of("target", "it-keycloak").toAbsolutePath();
        KeycloakProcess.deleteRecursively(dir);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(dir.resolve("postgres-server"));
                KeycloakProcess keycloak = KeycloakProcess.start()) {
            pactum =
                    PactumProcess.start(
                            dir.resolve("pactum"),
                            "512m",
                            Map.ofEntries(
                                    Map.entry("QUARKUS_PROFILE", "production"),
                                    Map.entry("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl()),
                                    Map.entry("QUARKUS_DATASOURCE_USERNAME", "pactum_app"),
                                    Map.entry("QUARKUS_DATASOURCE_PASSWORD", "trusted-locally"),
                                    Map.entry("PACTUM_MIGRATION_USERNAME", "postgres"),
                                    Map.entry("PACTUM_MIGRATION_PASSWORD", "trusted-locally"),
                                    Map.entry("PACTUM_SECURITY_ISSUER", keycloak.issuer()),
                                    Map.entry("PACTUM_SECURITY_JWKS_LOCATION", keycloak.jwks()),
                                    Map.entry(
                                            "PACTUM_KEYS_MASTER_SECRET_FILE",
                                            masterSecretFile(dir, secret).toString()),
                                    Map.entry("PACTUM_KEYCLOAK_SERVER_URL", keycloak.url()),
                                    Map.entry(
                                            "PACTUM_KEYCLOAK_CLIENT_SECRET",
                                            "pactum-admin-demo-secret-change-me")));
            try (PactumProcess app = pactum) {
                assertThat(app.dataDirectory().resolve("demo-tokens.json"))
                        .as("no demo issuer in production")
                        .doesNotExist();

                String admin = keycloak.userToken("vrp-admin");
                for (String org :
                        new String[] {
                            "{\"code\":\"wm-police\",\"name\":\"West Midlands Police\",\"type\":\"POLICE\",\"areas\":[\"E23000014\"]}",
                            "{\"code\":\"dudley-mbc\",\"name\":\"Dudley MBC\",\"type\":\"LOCAL_AUTHORITY\",\"areas\":[\"E08000027\"]}"
                        }) {
                    ok(call("POST", "/api/v1/organisations", admin, "application/json", org), 201);
                }

                // The administrator drafts; both parties' IG leads (Keycloak users) approve.
                LocalDate today = LocalDate.now();
                String agreement =
                        "{\"title\":\"Police violence for Dudley's SNA\",\"purpose\":\"SNA\",\"legalBases\":[\"UK GDPR Art 6(1)(e)\"],"
                                + "\"providers\":[{\"organisation\":\"wm-police\",\"feeds\":[\"police-recorded-violence\"]}],\"recipients\":[\"dudley-mbc\"],"
                                + "\"validFrom\":\""
                                + today.minusYears(3)
                                + "\",\"validTo\":\""
                                + today.plusYears(1)
                                + "\",\"reviewDate\":\""
                                + today.plusMonths(6)
                                + "\",\"retentionMonths\":60,\"releaseLevel\":\"AGGREGATE\",\"fieldRules\":{\"police-recorded-violence\":{\"victim_sex\":"
                                + "{\"action\":\"ALLOW\"},\"offence_group\":{\"action\":\"ALLOW\"}}},\"disclosure\":{\"minimumCellCount\":8,\"roundingBase\":5,"
                                + "\"crossableDimensions\":[\"sex\",\"offenceGroup\"]},\"contacts\":{\"subjectAccessRequests\":\"dpo@x.example\",\"breaches\":\"ig@x.example\"}}";
                String id =
                        ok(
                                        call(
                                                "POST",
                                                "/api/v1/agreements",
                                                admin,
                                                "application/json",
                                                agreement),
                                        201)
                                .get("id")
                                .asText();
                JsonNode proposed =
                        ok(
                                call(
                                        "POST",
                                        "/api/v1/agreements/" + id + "/propose",
                                        admin,
                                        null,
                                        null),
                                200);
                String approval =
                        "{\"version\":1,\"contentHash\":\""
                                + proposed.get("contentHash").asText()
                                + "\"}";
                ok(
                        call(
                                "POST",
                                "/api/v1/agreements/" + id + "/approvals",
                                keycloak.userToken("wm-police-ig-lead"),
                                "application/json",
                                approval),
                        200);
                JsonNode active =
                        ok(
                                call(
                                        "POST",
                                        "/api/v1/agreements/" + id + "/approvals",
                                        keycloak.userToken("dudley-mbc-ig-lead"),
                                        "application/json",
                                        approval),
                                200);
                assertThat(active.get("status").asText()).isEqualTo("ACTIVE");

                // The police export job pushes with a client-credentials token.
                java.io.StringWriter csv = new java.io.StringWriter();
                new SyntheticData(11L, java.time.YearMonth.now().minusMonths(1), 12)
                        .police(2_000, csv);
                String system =
                        keycloak.clientToken("wm-police-system", "wm-police-system-demo-secret");
                JsonNode pushed =
                        ok(
                                call(
                                        "POST",
                                        "/api/v1/feeds/police-recorded-violence/submissions?period=2026-01",
                                        system,
                                        "text/csv",
                                        csv.toString()),
                                201);
                assertThat(pushed.get("rowsStored").asLong()).isEqualTo(2_000);
                assertThat(
                                call(
                                                "POST",
                                                "/api/v1/feeds/police-recorded-violence/submissions?period=2026-01",
                                                keycloak.userToken("dudley-mbc-analyst"),
                                                "text/csv",
                                                csv.toString())
                                        .statusCode())
                        .as("an analyst cannot push")
                        .isEqualTo(403);

                // The analyst (a Keycloak user with the org attribute) pulls an aggregate.
                JsonNode table =
                        ok(
                                call(
                                        "POST",
                                        "/api/v1/agreements/" + id + "/aggregates",
                                        keycloak.userToken("dudley-mbc-analyst"),
                                        "application/json",
                                        "{\"feed\":\"police-recorded-violence\",\"dimensions\":[\"sex\",\"offenceGroup\"]}"),
                                200);
                assertThat(table.get("cells").size()).isPositive();
                assertThat(
                                call(
                                                "POST",
                                                "/api/v1/agreements/" + id + "/aggregates",
                                                keycloak.userToken("coventry-cc-analyst"),
                                                "application/json",
                                                "{\"feed\":\"police-recorded-violence\",\"dimensions\":[]}")
                                        .statusCode())
                        .as("wrong organisation")
                        .isEqualTo(403);

                // Onboarding through the Keycloak admin client: the secret once, then a working
                // client; disabling stops it.
                JsonNode onboarded =
                        ok(
                                call(
                                        "POST",
                                        "/api/v1/organisations/wm-police/systems",
                                        admin,
                                        "application/json",
                                        "{\"name\":\"records-export\",\"description\":\"Nightly records export\"}"),
                                201);
                String clientId = onboarded.get("clientId").asText();
                String clientSecret = onboarded.get("clientSecret").asText();
                assertThat(clientId).isEqualTo("wm-police-records-export");
                String fresh = keycloak.clientToken(clientId, clientSecret);
                ok(
                        call(
                                "POST",
                                "/api/v1/feeds/police-recorded-violence/submissions?period=2026-02",
                                fresh,
                                "text/csv",
                                csv.toString()),
                        201);
                JsonNode listed =
                        ok(
                                call(
                                        "GET",
                                        "/api/v1/organisations/wm-police/systems",
                                        admin,
                                        null,
                                        null),
                                200);
                assertThat(listed.toString()).contains(clientId).doesNotContain(clientSecret);
                ok(
                        call(
                                "DELETE",
                                "/api/v1/organisations/wm-police/systems/" + clientId,
                                admin,
                                null,
                                null),
                        200);
                assertThat(keycloak.clientTokenStatus(clientId, clientSecret))
                        .as("a disabled client gets no token")
                        .isIn(400, 401);

                // Another application of the same realm, with its own realm role "admin" and an
                // org claim, cannot act in Pactum: its tokens are not for Pactum's audience, and
                // even with that audience its realm role is not a Pactum role.
                String intranetSecret = otherRealmClient(keycloak, false);
                String intranet = keycloak.clientToken("intranet-portal", intranetSecret);
                assertThat(call("GET", "/api/v1/audit", intranet, null, null).statusCode())
                        .as("a token for another audience")
                        .isEqualTo(401);
                otherRealmClient(keycloak, true);
                String intranetForPactum = keycloak.clientToken("intranet-portal", intranetSecret);
                assertThat(call("GET", "/api/v1/audit", intranetForPactum, null, null).statusCode())
                        .as("a realm role is not a Pactum role")
                        .isEqualTo(403);

                // Every step is in one chain that verifies, with the onboarding and disabling
                // recorded.
                JsonNode verify = ok(call("GET", "/api/v1/audit/verify", admin, null, null), 200);
                assertThat(verify.get("valid").asBoolean()).isTrue();
                String audit = call("GET", "/api/v1/audit?limit=1000", admin, null, null).body();
                assertThat(audit)
                        .contains(
                                "system.onboard",
                                "system.disable",
                                "submission.accept",
                                "release.aggregate",
                                "agreement.approve")
                        .doesNotContain(clientSecret);
            }
        }
    }
}
