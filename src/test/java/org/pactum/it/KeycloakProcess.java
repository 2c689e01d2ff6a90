package org.pactum.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real Keycloak distribution (org.keycloak:keycloak-quarkus-dist, unpacked under target/ by the
 * build), started in dev mode on a free port with the partnership realm from deploy/keycloak
 * imported.
 */
final class KeycloakProcess implements AutoCloseable {

    static final String REALM = "partnership";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private KeycloakProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static KeycloakProcess start() throws Exception {
        Path home =
                Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"))
                        .toAbsolutePath();
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(
                    "Keycloak is not unpacked at "
                            + home
                            + " (the pre-integration-test phase does it)");
        }
        deleteRecursively(home.resolve("data/h2")); // a fresh realm import every run
        Files.createDirectories(home.resolve("data/import"));
        Files.copy(
                Path.of("deploy/keycloak/partnership-realm.json"),
                home.resolve("data/import/partnership-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        int port = freePort();
        ProcessBuilder pb =
                new ProcessBuilder(
                                home.resolve("bin/kc.sh").toString(),
                                "start-dev",
                                "--http-port=" + port,
                                "--http-management-port=" + freePort(),
                                "--import-realm")
                        .directory(home.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(Path.of("target", "keycloak-it.log").toFile());
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-it-only");
        KeycloakProcess kc = new KeycloakProcess(pb.start(), port);
        kc.awaitRealm();
        return kc;
    }

    /**
     * Calls the admin REST API as the master realm's bootstrap administrator (plain HTTP: the
     * Keycloak admin client needs RESTEasy, which the test JVM does not have). Returns the
     * response; {@code body} is sent as JSON when not null.
     */
    HttpResponse<String> admin(String method, String path, Object body) throws Exception {
        HttpResponse<String> login =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                url()
                                                        + "/realms/master/protocol/openid-connect/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "grant_type=password&client_id=admin-cli&username=admin&password=admin-it-only"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(login.body()).get("access_token").asText();
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + REALM + path))
                        .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    com.fasterxml.jackson.databind.JsonNode adminJson(String path) throws Exception {
        return JSON.readTree(admin("GET", path, null).body());
    }

    String url() {
        return "http://localhost:" + port;
    }

    String issuer() {
        return url() + "/realms/" + REALM;
    }

    String jwks() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** A user's access token (password grant of the test-only client). */
    String userToken(String username) throws Exception {
        return token(
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "pactum-test-cli",
                        "username",
                        username,
                        "password",
                        "demo-" + username));
    }

    /** A partner system's access token (client credentials). */
    String clientToken(String clientId, String secret) throws Exception {
        return token(
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        clientId,
                        "client_secret",
                        secret));
    }

    /** The raw token response status for client credentials: 200, or 400/401 when refused. */
    int clientTokenStatus(String clientId, String secret) throws Exception {
        return tokenResponse(
                        Map.of(
                                "grant_type",
                                "client_credentials",
                                "client_id",
                                clientId,
                                "client_secret",
                                secret))
                .statusCode();
    }

    private String token(Map<String, String> form) throws Exception {
        HttpResponse<String> r = tokenResponse(form);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "token request refused: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private HttpResponse<String> tokenResponse(Map<String, String> form) throws Exception {
        String body =
                form.entrySet().stream()
                        .map(
                                e ->
                                        e.getKey()
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitRealm() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(480);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited; see target/keycloak-it.log");
            }
            try {
                HttpURLConnection c =
                        (HttpURLConnection)
                                URI.create(issuer() + "/.well-known/openid-configuration")
                                        .toURL()
                                        .openConnection();
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                "Keycloak did not start within 480 s; see target/keycloak-it.log");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
