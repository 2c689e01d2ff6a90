package org.pactum.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pactum.security.ProductionProfile;
import org.pactum.support.AuditTrail;

/**
 * The console in the production profile: no demo sign-in (the page is not found), and sign-in
 * through the identity provider with the authorisation code flow and PKCE. A stand-in token
 * endpoint redeems a code only with the verifier whose S256 challenge it was given, and signs the
 * token with the key the production profile trusts.
 */
@QuarkusTest
@TestProfile(ConsoleProductionTest.WithIdentityProvider.class)
class ConsoleProductionTest {

    public static class WithIdentityProvider extends ProductionProfile {

        static final KeyPair KEYS = keys();
        static final String CODE_PREFIX = "code-for-";
        static final HttpServer TOKEN_ENDPOINT = tokenEndpoint();

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("pactum.security.jwks-location", publicKey().toString());
            config.put(
                    "pactum.console.oidc.token-endpoint",
                    "http://localhost:" + TOKEN_ENDPOINT.getAddress().getPort() + "/token");
            return config;
        }

        /**
         * One key pair for the whole run, kept in target/: JUnit and Quarkus load this class in two
         * class loaders, and both must sign and trust the same key.
         */
        private static synchronized KeyPair keys() {
            try {
                Path priv = Path.of("target", "console-idp-private.der").toAbsolutePath();
                Path pub = Path.of("target", "console-idp-public.der").toAbsolutePath();
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                if (!Files.exists(priv) || !Files.exists(pub)) {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    KeyPair pair = g.generateKeyPair();
                    Files.write(pub, pair.getPublic().getEncoded());
                    Files.write(priv, pair.getPrivate().getEncoded());
                }
                return new KeyPair(
                        rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static Path publicKey() {
            try {
                Path file = Path.of("target", "console-idp-public.pem").toAbsolutePath();
                Files.writeString(
                        file,
                        "-----BEGIN PUBLIC KEY-----\n"
                                + Base64.getMimeEncoder(
                                                64, "\n".getBytes(StandardCharsets.US_ASCII))
                                        .encodeToString(KEYS.getPublic().getEncoded())
                                + "\n-----END PUBLIC KEY-----\n");
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Redeems a registered code for an IG lead's token, only with the right verifier. */
        private static HttpServer tokenEndpoint() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext(
                        "/token",
                        exchange -> {
                            Map<String, String> form =
                                    form(
                                            new String(
                                                    exchange.getRequestBody().readAllBytes(),
                                                    StandardCharsets.UTF_8));
                            // The stand-in binds each code to its challenge by carrying it in the
                            // code, so it needs no state shared with the test's class loader.
                            String code = String.valueOf(form.get("code"));
                            String challenge =
                                    code.startsWith(CODE_PREFIX)
                                            ? code.substring(CODE_PREFIX.length())
                                            : null;
                            boolean ok =
                                    "authorization_code".equals(form.get("grant_type"))
                                            && "pactum-console".equals(form.get("client_id"))
                                            && String.valueOf(form.get("redirect_uri"))
                                                    .endsWith("/console/callback")
                                            && challenge != null
                                            && challenge.equals(s256(form.get("code_verifier")));
                            byte[] body =
                                    ok
                                            ? ("{\"access_token\":\""
                                                            + token()
                                                            + "\",\"token_type\":\"Bearer\"}")
                                                    .getBytes(StandardCharsets.UTF_8)
                                            : "{\"error\":\"invalid_grant\"}"
                                                    .getBytes(StandardCharsets.UTF_8);
                            exchange.getResponseHeaders().add("Content-Type", "application/json");
                            exchange.sendResponseHeaders(ok ? 200 : 400, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                server.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String token() {
            Instant now = Instant.now();
            return Jwt.issuer(ProductionProfile.ISSUER)
                    .subject("kc-user-dudley-ig")
                    .claim("preferred_username", "ada.dudley")
                    .claim("org", "dudley-mbc")
                    // As Keycloak issues them for Pactum: its audience and the pactum client's
                    // roles.
                    .audience("pactum")
                    .claim("resource_access", Map.of("pactum", Map.of("roles", List.of("ig-lead"))))
                    .issuedAt(now)
                    .expiresAt(now.plusSeconds(300))
                    .sign(KEYS.getPrivate());
        }
    }

    @TestHTTPResource("/")
    URL base;

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(
                                            String.valueOf(verifier)
                                                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String query) {
        Map<String, String> out = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                out.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void theDemoSignInDoesNotExistInTheProductionProfile() {
        try (Browser b = new Browser(base)) {
            b.open("/console/sign-in");
            b.await("#sign-in-oidc");
            assertThat(b.all("#demo-sign-in-link")).isEmpty();
            assertThat(b.driver.getPageSource()).doesNotContain("demo");
            b.checkAccessibility();
            b.open("/console/sign-in/demo");
            assertThat(b.find("h1").getText()).isEqualTo("Page not found");
            assertThat(b.driver.getPageSource()).doesNotContain("dudley-mbc-ig-lead");
            b.checkAccessibility();
        }
        given().get("/console/sign-in/demo").then().statusCode(404);
        given().formParam("identity", "admin").post("/console/sign-in/demo").then().statusCode(404);
    }

    @Test
    void signInUsesTheAuthorisationCodeFlowWithPkce() {
        Response start = given().redirects().follow(false).get("/console/sign-in/oidc");
        assertThat(start.statusCode()).isEqualTo(303);
        URI location = URI.create(start.header("Location"));
        assertThat(location.toString())
                .startsWith(ProductionProfile.ISSUER + "/protocol/openid-connect/auth?");
        Map<String, String> q = form(location.getRawQuery());
        assertThat(q)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", "pactum-console")
                .containsEntry("code_challenge_method", "S256");
        assertThat(q.get("redirect_uri")).endsWith("/console/callback");
        var flow = start.getDetailedCookie(OidcSignIn.FLOW_COOKIE);
        assertThat(flow.isHttpOnly()).isTrue();
        String[] remembered = flow.getValue().split("\\.");
        assertThat(remembered[0]).isEqualTo(q.get("state"));
        assertThat(s256(remembered[1])).isEqualTo(q.get("code_challenge"));

        Response callback =
                given().redirects()
                        .follow(false)
                        .cookie(OidcSignIn.FLOW_COOKIE, flow.getValue())
                        .queryParam(
                                "code", WithIdentityProvider.CODE_PREFIX + q.get("code_challenge"))
                        .queryParam("state", q.get("state"))
                        .get("/console/callback");
        assertThat(callback.statusCode()).isEqualTo(303);
        String session = callback.getCookie(ConsoleSession.COOKIE);
        assertThat(session).isNotBlank();
        String inbox =
                given().cookie(ConsoleSession.COOKIE, session)
                        .get("/console/agreements")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(inbox).contains("ada.dudley", "Awaiting your approval");
    }

    @Test
    void aCallbackThisBrowserDidNotStartIsRefusedAndAudited() throws Exception {
        Response start = given().redirects().follow(false).get("/console/sign-in/oidc");
        var flow = start.getDetailedCookie(OidcSignIn.FLOW_COOKIE);
        Map<String, String> q = form(URI.create(start.header("Location")).getRawQuery());
        String code = WithIdentityProvider.CODE_PREFIX + q.get("code_challenge");
        long before = AuditTrail.head();
        String page =
                given().cookie(OidcSignIn.FLOW_COOKIE, flow.getValue())
                        .queryParam("code", code)
                        .queryParam("state", "forged-state")
                        .get("/console/callback")
                        .then()
                        .statusCode(401)
                        .extract()
                        .asString();
        assertThat(page).contains("Sign-in could not be checked").doesNotContain("forged-state");
        assertThat(AuditTrail.since(before))
                .anySatisfy(
                        e -> {
                            assertThat(e.action()).isEqualTo("access.unauthenticated");
                            assertThat(e.target()).isEqualTo("GET /console/callback");
                        });
        // The right state without the verifier's cookie is no better.
        given().queryParam("code", code)
                .queryParam("state", q.get("state"))
                .get("/console/callback")
                .then()
                .statusCode(401);
    }
}
