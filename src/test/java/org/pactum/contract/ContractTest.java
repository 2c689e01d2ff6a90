package org.pactum.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * openapi/openapi.yaml is the contract partners review; the served one and the code must match it.
 */
@QuarkusTest
class ContractTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ALTERNATIVES =
            Pattern.compile("\\{[a-z]+: ([a-z]+(?:\\|[a-z]+)+)}$");
    private static final Set<String> VERBS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static JsonNode contract() throws Exception {
        return YAML.readTree(Files.readString(java.nio.file.Path.of("openapi", "openapi.yaml")));
    }

    @Test
    void theServedDocumentIsTheContract() throws Exception {
        String served =
                given().accept("application/json")
                        .when()
                        .get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        JsonNode servedTree = new ObjectMapper().readTree(served);
        JsonNode contract = contract();
        assertThat(servedTree.get("paths")).isEqualTo(contract.get("paths"));
        assertThat(servedTree.get("components")).isEqualTo(contract.get("components"));
        assertThat(servedTree.get("info").get("version"))
                .isEqualTo(contract.get("info").get("version"));
    }

    @Test
    void everyEndpointInTheCodeIsInTheContractAndViceVersa() throws Exception {
        Set<String> documented = new TreeSet<>();
        JsonNode paths = contract().get("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            paths.get(path)
                    .fieldNames()
                    .forEachRemaining(
                            key -> {
                                if (VERBS.contains(key)) {
                                    documented.add(key.toUpperCase() + " " + path);
                                }
                            });
        }
        assertThat(implemented()).isEqualTo(documented);
    }

    static Set<String> implemented() throws Exception {
        Set<String> found = new TreeSet<>();
        try (var classes =
                Files.walk(java.nio.file.Path.of("target", "classes", "org", "pactum"))) {
            for (java.nio.file.Path file :
                    classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name =
                        java.nio.file.Path.of("target", "classes")
                                .relativize(file)
                                .toString()
                                .replace('/', '.')
                                .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ContractTest.class.getClassLoader());
                Path root = type.getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = verb(m);
                    if (verb == null) {
                        continue;
                    }
                    Path sub = m.getAnnotation(Path.class);
                    String full =
                            root.value()
                                    + (sub == null
                                            ? ""
                                            : (sub.value().startsWith("/") ? "" : "/")
                                                    + sub.value());
                    // A path parameter limited to alternatives ({format: csv|ndjson}) is one
                    // documented path per alternative.
                    Matcher choice = ALTERNATIVES.matcher(full);
                    if (choice.find()) {
                        for (String each : choice.group(1).split("\\|")) {
                            found.add(verb + " " + full.substring(0, choice.start()) + each);
                        }
                        continue;
                    }
                    found.add(verb + " " + full.replaceAll("/$", ""));
                }
            }
        }
        return found;
    }

    private static String verb(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
