package org.pactum.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.pactum.security.SecurityConfig;

/**
 * Production sign-in: the OpenID Connect authorisation code flow with PKCE (RFC 7636) against the
 * partnership's identity provider, as a public client (no secret to leak). The state and the code
 * verifier wait in a short-lived HttpOnly cookie; the access token obtained becomes the session.
 */
@RequestScoped
public class OidcSignIn {

    static final String FLOW_COOKIE = "pactum_console_flow";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Inject ConsoleConfig config;

    @Inject ConsoleSession session;

    @Inject HttpServerRequest request;

    @Inject SecurityConfig security;

    public boolean enabled() {
        return config.oidc().enabled();
    }

    /** Where to send the browser, and the cookie that remembers this attempt. */
    public record Start(URI location, Cookie flow) {}

    public Start start() {
        requireEnabled();
        String state = Pkce.random();
        String verifier = Pkce.random();
        URI location =
                URI.create(
                        authorizationEndpoint()
                                + "?response_type=code"
                                + "&client_id="
                                + ApiClient.enc(config.oidc().clientId())
                                + "&redirect_uri="
                                + ApiClient.enc(redirectUri())
                                + "&scope="
                                + ApiClient.enc(config.oidc().scope())
                                + "&state="
                                + state
                                + "&code_challenge="
                                + Pkce.challenge(verifier)
                                + "&code_challenge_method=S256");
        // Lax: the identity provider's redirect back is a top-level cross-site navigation.
        Cookie flow = session.cookie(FLOW_COOKIE, state + "." + verifier, 600, CookieSameSite.LAX);
        return new Start(location, flow);
    }

    /** Checks the state, redeems the code with the verifier and returns the access token. */
    public String finish(String code, String state, String error) {
        requireEnabled();
        Cookie flow = request.getCookie(FLOW_COOKIE);
        if (error != null) {
            throw ConsoleRefusal.denial(
                    401,
                    "Sign-in did not complete",
                    "The identity provider did not sign you in. Try again, or ask your administrator.");
        }
        String[] remembered = flow == null ? new String[0] : flow.getValue().split("\\.", 2);
        if (code == null
                || state == null
                || remembered.length != 2
                || !MessageDigest.isEqual(
                        remembered[0].getBytes(StandardCharsets.US_ASCII),
                        state.getBytes(StandardCharsets.US_ASCII))) {
            throw ConsoleRefusal.denial(
                    401,
                    "Sign-in could not be checked",
                    "This sign-in attempt is not the one this browser started, or it took too long. Sign in again.");
        }
        String form =
                "grant_type=authorization_code"
                        + "&code="
                        + ApiClient.enc(code)
                        + "&redirect_uri="
                        + ApiClient.enc(redirectUri())
                        + "&client_id="
                        + ApiClient.enc(config.oidc().clientId())
                        + "&code_verifier="
                        + ApiClient.enc(remembered[1]);
        HttpRequest exchange =
                HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build();
        try {
            HttpResponse<byte[]> response =
                    HTTP.send(exchange, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            if (body == null || !body.path("access_token").isTextual()) {
                throw ConsoleRefusal.denial(
                        401,
                        "Sign-in did not complete",
                        "The identity provider refused to complete this sign-in. Sign in again.");
            }
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new ConsoleRefusal(
                    503,
                    "The identity provider is not answering",
                    "Pactum could not reach the partnership's identity provider. Try again in a few minutes.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleRefusal(503, "Sign-in interrupted", "Try again.");
        }
    }

    public Cookie clearFlow() {
        return session.cookie(FLOW_COOKIE, "", 0, CookieSameSite.LAX);
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw ConsoleRefusal.notFound();
        }
    }

    private String authorizationEndpoint() {
        return config.oidc()
                .authorizationEndpoint()
                .orElse(security.issuer().replaceAll("/+$", "") + "/protocol/openid-connect/auth");
    }

    private String tokenEndpoint() {
        return config.oidc()
                .tokenEndpoint()
                .orElse(security.issuer().replaceAll("/+$", "") + "/protocol/openid-connect/token");
    }

    private String redirectUri() {
        String base =
                config.oidc()
                        .publicUrl()
                        .orElseGet(() -> request.scheme() + "://" + request.getHeader("Host"));
        return base.replaceAll("/+$", "") + "/console/callback";
    }
}
