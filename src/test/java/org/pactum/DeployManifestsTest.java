package org.pactum;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every deployment file parses and carries what a reviewer relies on; secret values never appear in
 * them.
 */
class DeployManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path KUBE = Path.of("deploy", "kubernetes");

    private static Map<String, JsonNode> manifests() throws Exception {
        Map<String, JsonNode> byKind = new HashMap<>();
        try (Stream<Path> files = Files.list(KUBE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                JsonNode doc = YAML.readTree(f.toFile());
                assertThat(doc).as(f + " parses").isNotNull();
                assertThat(doc.path("apiVersion").asText()).as(f + " apiVersion").isNotBlank();
                assertThat(doc.path("kind").asText()).as(f + " kind").isNotBlank();
                if (!doc.path("kind").asText().equals("Kustomization")) {
                    assertThat(doc.path("metadata").path("name").asText())
                            .as(f + " metadata.name")
                            .isNotBlank();
                }
                byKind.put(doc.path("kind").asText(), doc);
            }
        }
        return byKind;
    }

    @Test
    void theKustomizationListsEveryManifestAndEveryManifestParses() throws Exception {
        Map<String, JsonNode> kinds = manifests();
        assertThat(kinds)
                .containsKeys(
                        "Kustomization",
                        "Deployment",
                        "Service",
                        "ConfigMap",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "HorizontalPodAutoscaler");
        List<String> listed = new ArrayList<>();
        kinds.get("Kustomization").path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(KUBE)) {
            List<String> present =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> !n.equals("kustomization.yaml"))
                            .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
        }
    }

    @Test
    void theDeploymentIsHardenedProbedAndSized() throws Exception {
        JsonNode d = manifests().get("Deployment");
        assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode pod = d.path("spec").path("template").path("spec");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        JsonNode c = pod.path("containers").get(0);
        assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true))
                .isFalse();
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/q/health/ready");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/q/health/live");
        assertThat(c.path("resources").path("requests").path("cpu").asText()).isNotBlank();
        assertThat(c.path("resources").path("requests").path("memory").asText()).isNotBlank();
        c.path("env")
                .forEach(
                        e ->
                                assertThat(e.has("value"))
                                        .as(
                                                "env %s comes from a Secret reference, not a value",
                                                e.path("name"))
                                        .isFalse());
        assertThat(c.path("env").toString()).contains("secretKeyRef");
    }

    @Test
    void theNetworkPolicyAdmitsPactumAndLetsItReachOnlyPostgresKeycloakAndDns() throws Exception {
        JsonNode n = manifests().get("NetworkPolicy");
        assertThat(n.path("spec").path("policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(n.path("spec").path("egress").size()).isEqualTo(3);
        assertThat(n.path("spec").path("egress").toString())
                .contains("pactum-postgres", "keycloak", "kube-dns");
    }

    @Test
    void theConfigMapHoldsTheProductionSettingsButNoSecrets() throws Exception {
        JsonNode data = manifests().get("ConfigMap").path("data");
        assertThat(data.path("QUARKUS_PROFILE").asText()).isEqualTo("production");
        for (String required :
                List.of(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "PACTUM_SECURITY_ISSUER",
                        "PACTUM_SECURITY_JWKS_LOCATION",
                        "PACTUM_KEYS_MASTER_SECRET_FILE")) {
            assertThat(data.path(required).asText()).as(required).isNotBlank();
        }
        data.fieldNames()
                .forEachRemaining(
                        k ->
                                assertThat(k)
                                        .doesNotContain("PASSWORD")
                                        .doesNotContain("CLIENT_SECRET"));
    }

    @Test
    void theComposeFileWiresPostgresKeycloakAndPactum() throws Exception {
        JsonNode compose = YAML.readTree(Path.of("deploy", "compose.yaml").toFile());
        assertThat(compose.path("services").has("postgres")).isTrue();
        assertThat(compose.path("services").has("keycloak")).isTrue();
        JsonNode pactum = compose.path("services").path("pactum");
        assertThat(pactum.path("environment").path("QUARKUS_PROFILE").asText())
                .isEqualTo("production");
        assertThat(compose.path("services").path("keycloak").path("volumes").toString())
                .contains("partnership-realm.json");
    }

    @Test
    void theRealmDefinesTheRolesTheOrgClaimAndADemoSystemPerOrganisation() throws Exception {
        JsonNode realm =
                new ObjectMapper()
                        .readTree(Path.of("deploy", "keycloak", "partnership-realm.json").toFile());
        List<String> roles = new ArrayList<>();
        // Pactum's roles are its own client's, so a realm role another application calls "admin"
        // grants nothing in Pactum.
        realm.path("roles")
                .path("client")
                .path("pactum")
                .forEach(r -> roles.add(r.path("name").asText()));
        assertThat(roles).containsExactlyInAnyOrder("submitter", "analyst", "ig-lead", "admin");
        assertThat(realm.path("roles").path("realm").size()).isZero();
        assertThat(realm.toString()).doesNotContain("\"realmRoles\"");
        long systems = 0;
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().endsWith("-system")) {
                systems++;
                assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
                assertThat(client.path("protocolMappers").toString())
                        .contains(
                                "oidc-hardcoded-claim-mapper",
                                "\"claim.name\":\"org\"",
                                "oidc-audience-mapper",
                                "\"included.client.audience\":\"pactum\"");
            }
        }
        assertThat(systems).isEqualTo(13);
        assertThat(realm.toString()).contains("oidc-usermodel-attribute-mapper");
    }
}
