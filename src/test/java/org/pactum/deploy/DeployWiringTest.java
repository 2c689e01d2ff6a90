package org.pactum.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the deployment files must agree on with each other, checked without a Docker engine or a
 * cluster: compose against the Compose Specification's own schema, the Dockerfile's shape, and the
 * Kubernetes wiring (every file a setting names is mounted; every Keycloak address Pactum calls is
 * one its NetworkPolicy lets it reach).
 */
class DeployWiringTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DEPLOY = Path.of("deploy");

    private static JsonNode yaml(String path) throws Exception {
        return YAML.readTree(DEPLOY.resolve(path).toFile());
    }

    private static Set<ValidationMessage> composeSchemaErrors(JsonNode compose) throws Exception {
        // The vendored schema is compose-spec/compose-spec's schema/compose-spec.json (Apache-2.0).
        JsonSchema s =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                        .getSchema(SchemaLocation.of("classpath:schemas/compose-spec.json"));
        return s.validate(compose);
    }

    @Test
    void theComposeFileIsValidAgainstTheComposeSpecification() throws Exception {
        assertThat(composeSchemaErrors(yaml("compose.yaml"))).isEmpty();
    }

    @Test
    void theSchemaCheckRejectsAMalformedComposeFile() throws Exception {
        // Controls: the validator is live, so the check above can fail.
        ObjectNode unknownKey = (ObjectNode) yaml("compose.yaml");
        ((ObjectNode) unknownKey.path("services").path("postgres")).put("restart-policy", "always");
        assertThat(composeSchemaErrors(unknownKey)).isNotEmpty();
        ObjectNode wrongType = (ObjectNode) yaml("compose.yaml");
        ((ObjectNode) wrongType.path("services").path("pactum")).put("secrets", 42);
        assertThat(composeSchemaErrors(wrongType)).isNotEmpty();
    }

    @Test
    void postgresCreatesTheApplicationRoleWithThePasswordPactumLogsInWith() throws Exception {
        JsonNode services = yaml("compose.yaml").path("services");
        String given =
                services.path("postgres").path("environment").path("PACTUM_APP_PASSWORD").asText();
        String used =
                services.path("pactum")
                        .path("environment")
                        .path("QUARKUS_DATASOURCE_PASSWORD")
                        .asText();
        assertThat(variable(given))
                .as("postgres gets the app password")
                .isEqualTo("PACTUM_APP_PASSWORD");
        assertThat(variable(used)).isEqualTo(variable(given));
        assertThat(services.path("postgres").path("volumes").toString())
                .contains("init-app-role.sh:/docker-entrypoint-initdb.d/");
        assertThat(Files.readString(DEPLOY.resolve("postgres/init-app-role.sh")))
                .contains("$PACTUM_APP_PASSWORD")
                .contains(":'app_password'")
                .doesNotContain("'${PACTUM_APP_PASSWORD}'");
    }

    private static String variable(String interpolation) {
        Matcher m = Pattern.compile("^\\$\\{([A-Z_]+)[:?}]").matcher(interpolation);
        assertThat(m.find()).as("%s is a ${VAR} interpolation", interpolation).isTrue();
        return m.group(1);
    }

    @Test
    void theImageBuildsFromSourceWithAHealthCheckAndNoHostArtefacts() throws Exception {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("Dockerfile"));
        assertThat(lines.stream().filter(l -> l.startsWith("FROM ")).count())
                .as("a build stage and a runtime stage")
                .isEqualTo(2);
        assertThat(lines).anyMatch(l -> l.startsWith("RUN ./mvnw") && l.contains("package"));
        assertThat(lines)
                .filteredOn(l -> l.startsWith("COPY") && l.contains("target/"))
                .allMatch(l -> l.contains("--from=build"));
        assertThat(lines)
                .anyMatch(
                        l ->
                                l.startsWith("HEALTHCHECK") && l.contains("/q/health/ready")
                                        || l.startsWith("HEALTHCHECK"));
        assertThat(String.join("\n", lines))
                .contains("/q/health/ready")
                .contains("-XX:+ExitOnOutOfMemoryError");
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore"));
        assertThat(ignored).contains("pactum-data/", "target/", "deploy/secrets/", "deploy/.env");
    }

    @Test
    void everyFileTheConfigMapNamesIsMountedAndEveryMountHasAVolume() throws Exception {
        JsonNode pod =
                yaml("kubernetes/deployment.yaml").path("spec").path("template").path("spec");
        List<String> volumes = new ArrayList<>();
        pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        List<String> mounts = new ArrayList<>();
        JsonNode container = pod.path("containers").get(0);
        container
                .path("volumeMounts")
                .forEach(
                        m -> {
                            assertThat(volumes).contains(m.path("name").asText());
                            mounts.add(m.path("mountPath").asText());
                        });
        JsonNode data = yaml("kubernetes/configmap.yaml").path("data");
        Matcher paths = Pattern.compile("(/run/[A-Za-z0-9_./-]+)").matcher(data.toString());
        int seen = 0;
        while (paths.find()) {
            String file = paths.group(1);
            seen++;
            assertThat(mounts)
                    .as("%s lies under a mounted volume", file)
                    .anyMatch(m -> file.startsWith(m + "/"));
        }
        assertThat(seen).isGreaterThanOrEqualTo(5);
        String jdbc = data.path("QUARKUS_DATASOURCE_JDBC_URL").asText();
        assertThat(jdbc).contains("sslmode=verify-full").contains("sslrootcert=/run/");
    }

    @Test
    void everyKeycloakAddressPactumCallsIsOneTheNetworkPolicyAdmits() throws Exception {
        JsonNode data = yaml("kubernetes/configmap.yaml").path("data");
        JsonNode egress = yaml("kubernetes/networkpolicy.yaml").path("spec").path("egress");
        for (String key : List.of("PACTUM_SECURITY_JWKS_LOCATION", "PACTUM_KEYCLOAK_SERVER_URL")) {
            URI uri = URI.create(data.path(key).asText());
            String[] host = uri.getHost().split("\\.");
            assertThat(host.length)
                    .as("%s is an in-cluster Service name", key)
                    .isGreaterThanOrEqualTo(3);
            assertThat(host[2]).isEqualTo("svc");
            String namespace = host[1];
            int port = uri.getPort() == -1 ? 443 : uri.getPort();
            boolean admitted = false;
            for (JsonNode rule : egress) {
                boolean toNamespace = false;
                for (JsonNode to : rule.path("to")) {
                    toNamespace |=
                            namespace.equals(
                                    to.path("namespaceSelector")
                                            .path("matchLabels")
                                            .path("kubernetes.io/metadata.name")
                                            .asText());
                }
                boolean onPort = false;
                for (JsonNode p : rule.path("ports")) {
                    onPort |= p.path("port").asInt() == port;
                }
                admitted |= toNamespace && onPort;
            }
            assertThat(admitted).as("%s (%s) is admitted by the NetworkPolicy", key, uri).isTrue();
        }
    }
}
